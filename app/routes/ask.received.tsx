import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('ask.receivedTitle');

export const handle = texts('signals');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const ref = new URL(request.url).searchParams.get('ref') ?? '';
  // Only echo something shaped like a reference, so the page cannot be made to show other text.
  return json({ reference: /^EP-[A-Z0-9]{6,10}$/.test(ref) ? ref : null });
}

export default function AskReceived() {
  const { t } = useTranslation();
  const { reference } = useLoaderData<typeof loader>();
  return (
    <section className="narrow ask" aria-labelledby="received-title">
      <h1 id="received-title">{t('ask.receivedTitle')}</h1>
      {reference ? (
        <>
          <p>{t('ask.receivedCode')}</p>
          <p className="reference-code" dir="ltr">
            <strong dir="auto">{reference}</strong>
          </p>
          <p className="hint">{t('ask.receivedCodeHint')}</p>
          <p>
            <Link to="/ask/status">{t('ask.status.follow')}</Link>
          </p>
        </>
      ) : (
        <p>{t('ask.receivedNoCode')}</p>
      )}
      <p>{t('ask.receivedAnswer')}</p>
      <p>
        <Link to="/ask">{t('ask.askAnother')}</Link>
      </p>
    </section>
  );
}
