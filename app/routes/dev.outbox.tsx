import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { config } from '~/config.server';
import { getDatabase, withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { calendarMethod, readOutbox } from '~/mail/mailer.server';
import { queueTodaysDigestsAsSystem } from '~/notifications/digest.server';

/**
 * Embedded mode only: where mail goes when there is no SMTP server, so the demo admin can follow
 * invitation links. Everyone else gets a 404, as if it did not exist (it holds reset links).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!config.embedded) throw notFound();
  const user = await getUser(request);
  const mails = user ? await withUser(user, (tx) => readOutbox(tx)) : null;
  if (!mails) throw notFound();
  return json({
    mails: mails.map((m) => ({
      id: m.id,
      to_address: m.to_address,
      subject: m.subject,
      body_text: m.body_text,
      created_at: m.created_at.toISOString(),
      attempts: m.attempts,
      calendar: m.calendar === null ? null : calendarMethod(m.calendar),
      failed: m.failed_at !== null,
      // With SMTP: a mail that failed for good, or is waiting for its next try, says why.
      error: m.sent_at === null ? m.last_error : null,
    })),
  });
}

/**
 * "Send today's summaries now": the daily (and on Mondays weekly) digests without waiting for 08:00,
 * to try them in the demo. Same 404 as the page for anyone but an admin in embedded mode.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (!config.embedded) throw notFound();
  const user = await getUser(request);
  const admin = user ? (await withUser(user, (tx) => readOutbox(tx, 1))) !== null : false;
  if (!admin) throw notFound();
  await queueTodaysDigestsAsSystem(await getDatabase());
  context.wakeJobRunner();
  return redirect('/dev/outbox', { headers: await flash(request, 'outbox.digestsQueued') });
}

export default function DevOutbox() {
  const { t } = useTranslation();
  const { mails } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      <Form method="post">
        <button type="submit">{t('outbox.sendDigests')}</button>
      </Form>
      {mails.length === 0 ? (
        <p>{t('outbox.empty')}</p>
      ) : (
        <ol className="outbox">
          {mails.map((mail) => (
            <li key={mail.id}>
              <article aria-label={mail.subject}>
                <h2 dir="auto">{mail.subject}</h2>
                <p className="meta">
                  {t('outbox.to')}: {mail.to_address} · <time dateTime={mail.created_at}>{mail.created_at}</time>
                </p>
                {mail.error ? (
                  <p className={mail.failed ? 'badge badge-danger' : 'meta'}>
                    {t(mail.failed ? 'outbox.failed' : 'outbox.retrying', {
                      attempts: mail.attempts,
                      error: mail.error,
                    })}
                  </p>
                ) : null}
                <pre>{mail.body_text}</pre>
                {mail.calendar ? <p className="meta">{t('outbox.calendar', { method: mail.calendar })}</p> : null}
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
