import type { MetaFunction } from '@remix-run/node';
import { useTranslation } from 'react-i18next';

export const meta: MetaFunction = () => [{ title: 'Expertpool' }];

export default function QuestionnaireDone() {
  const { t } = useTranslation();
  return (
    <section className="narrow respond" aria-labelledby="done-title">
      <h1 id="done-title">{t('respond.doneTitle')}</h1>
      <p>{t('respond.doneText')}</p>
    </section>
  );
}
