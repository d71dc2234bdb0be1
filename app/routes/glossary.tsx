import { useTranslation } from 'react-i18next';
import { GLOSSARY_TERMS, glossaryAnchor } from '~/ui/glossary';
import { pageTitle } from '~/ui/meta';

export const meta = pageTitle('glossary.title');

/** Every domain word with its explanation, in the reader's language; public, linked from the footer. */
export default function GlossaryPage() {
  const { t } = useTranslation();
  return (
    <article aria-labelledby="glossary-title">
      <h1 id="glossary-title">{t('glossary.title')}</h1>
      <p className="lead">{t('glossary.intro')}</p>
      <dl className="glossary-list">
        {GLOSSARY_TERMS.map((key) => (
          <div key={key} id={glossaryAnchor(key)}>
            <dt>{t(`glossary.terms.${key}.term`)}</dt>
            <dd>{t(`glossary.terms.${key}.definition`)}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
