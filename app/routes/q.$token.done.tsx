import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/ui/meta';

export const meta = pageTitle('respond.doneTitle');

export default function QuestionnaireDone() {
  const { t } = useTranslation();
  return (
    <section className="narrow respond" aria-labelledby="done-title">
      <h1 id="done-title">{t('respond.doneTitle')}</h1>
      <p>{t('respond.doneText')}</p>
    </section>
  );
}
