import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('respond.doneTitle');

export const handle = texts('questionnaires');
export const clientLoader = textsFirst(handle);
/** Nothing to load: there for textsFirst, so Remix runs that on navigation only, never while hydrating. */
export const loader = () => null;

export default function QuestionnaireDone() {
  const { t } = useTranslation();
  return (
    <section className="narrow respond" aria-labelledby="done-title">
      <h1 id="done-title">{t('respond.doneTitle')}</h1>
      <p>{t('respond.doneText')}</p>
    </section>
  );
}
