import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { glossaryDefinitions } from '~/i18n/glossary-definitions';
import { detectLocale } from '~/i18n/locale.server';
import { GLOSSARY_TERMS, glossaryAnchor } from '~/ui/glossary';
import { pageTitle } from '~/ui/meta';

export const meta = pageTitle('glossary.title');

/** The explanations come with the page's data: they are not in the language's chunk (see glossary-definitions.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  return json({ definitions: await glossaryDefinitions(await detectLocale(request)) });
}

/** Every domain word with its explanation, in the reader's language; public, linked from the footer. */
export default function GlossaryPage() {
  const { t } = useTranslation();
  const { definitions } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="glossary-title">
      <h1 id="glossary-title">{t('glossary.title')}</h1>
      <p className="lead">{t('glossary.intro')}</p>
      <dl className="glossary-list">
        {GLOSSARY_TERMS.map((key) => (
          <div key={key} id={glossaryAnchor(key)}>
            <dt>{t(`glossary.terms.${key}`)}</dt>
            <dd>{definitions[key]}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
