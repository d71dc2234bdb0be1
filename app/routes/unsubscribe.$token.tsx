import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '~/db/db.server';
import { runAsSystem } from '~/db/with-user.server';
import { turnOffMailAsSystem } from '~/notifications/queries.server';
import { readUnsubscribeToken } from '~/notifications/tokens.server';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('notifications.unsubscribe.title');

export const handle = texts('notifications');
export const clientLoader = textsFirst(handle);

/** A refused token is a page that says why (400), never an error. */
function read(token: string | undefined) {
  const result = readUnsubscribeToken(token ?? '');
  return result.ok ? { state: 'confirm' as const, kind: result.kind } : { state: result.reason, kind: null };
}

// GET only shows the button: mail scanners fetch every link in a mail, and must not unsubscribe anyone.
export function loader({ params }: LoaderFunctionArgs) {
  const page = read(params.token);
  return json(page, { status: page.state === 'confirm' ? 200 : 400 });
}

/**
 * The button, or a mail program's RFC 8058 one-click POST (`List-Unsubscribe=One-Click`): no cookie
 * and no sign-in, the signed token is the credential (server/security.ts lets this path through).
 */
export async function action({ params }: ActionFunctionArgs) {
  const result = readUnsubscribeToken(params.token ?? '');
  if (!result.ok) return json({ state: result.reason, kind: null }, { status: 400 });
  await runAsSystem(await getDatabase(), (tx) => turnOffMailAsSystem(tx, result.personId, result.kind));
  return json({ state: 'done' as const, kind: result.kind });
}

export default function Unsubscribe() {
  const shown = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t } = useTranslation();
  const page = done ?? shown;
  // A digest's link turns off the digest; any other names its kind.
  const kind = !page.kind
    ? ''
    : page.kind === 'daily' || page.kind === 'weekly'
      ? t(`notifications.digestNames.${page.kind}`)
      : t(`notifications.kindNames.${page.kind}`);
  return (
    <article aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t('notifications.unsubscribe.title')}</h1>
      {page.state === 'confirm' ? (
        <Form method="post">
          <p>{t('notifications.unsubscribe.confirm', { kind })}</p>
          <button type="submit">{t('notifications.unsubscribe.button')}</button>
        </Form>
      ) : (
        <p role={page.state === 'done' ? 'status' : 'alert'}>
          {t(`notifications.unsubscribe.${page.state}`, { kind })}
        </p>
      )}
    </article>
  );
}
