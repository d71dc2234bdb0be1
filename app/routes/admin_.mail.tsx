import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { badRequest } from '~/http.server';
import { formatDateTime } from '~/i18n/format';
import { useLocale } from '~/i18n/useLocale';
import { readForm } from '~/input/request.server';
import { retryMailSchema } from '~/mail/schema.server';
import { listUndelivered, retryMail } from '~/mail/undelivered.server';
import { asAdmin } from '~/people/as-admin.server';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { TableScroll } from '~/ui/TableScroll';

export const meta = pageTitle('undelivered.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const mails = await asAdmin(user, listUndelivered);
  return json({
    mails: mails.map((m) => ({
      id: m.id,
      to: m.to_address,
      subject: m.subject,
      createdAt: m.created_at.toISOString(),
      attempts: m.attempts,
      error: m.last_error,
      failed: m.failed_at !== null,
      nextAttemptAt: m.next_attempt_at.toISOString(),
    })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(retryMailSchema, await readForm(request));
  if (!parsed.ok) throw badRequest();
  const queued = await asAdmin(user, (tx) => retryMail(tx, parsed.data.id));
  if (queued) context.wakeJobRunner();
  return redirect('/admin/mail', {
    headers: await flash(request, queued ? 'undelivered.retried' : 'undelivered.notFailed'),
  });
}

export default function UndeliveredMail() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { mails } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="undelivered-title">
      <h1 id="undelivered-title">{t('undelivered.title')}</h1>
      <p>{t('undelivered.intro')}</p>
      {mails.length === 0 ? (
        <p>{t('undelivered.empty')}</p>
      ) : (
        <TableScroll label={t('undelivered.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('undelivered.subject')}</th>
                <th scope="col">{t('undelivered.to')}</th>
                <th scope="col">{t('undelivered.created')}</th>
                <th scope="col">{t('undelivered.status')}</th>
                <th scope="col">{t('undelivered.error')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('undelivered.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr key={mail.id}>
                  <th scope="row" dir="auto">
                    {mail.subject}
                  </th>
                  <td dir="ltr">{mail.to}</td>
                  <td>
                    <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt, locale)}</time>
                  </td>
                  <td>
                    {mail.failed
                      ? t('undelivered.failed', { count: mail.attempts })
                      : t('undelivered.waiting', {
                          count: mail.attempts,
                          time: formatDateTime(mail.nextAttemptAt, locale),
                        })}
                  </td>
                  <td dir="ltr">{mail.error}</td>
                  <td>
                    {mail.failed ? (
                      <Form method="post">
                        <input type="hidden" name="id" value={mail.id} />
                        <button
                          type="submit"
                          aria-label={t('undelivered.retryLabel', { subject: mail.subject, to: mail.to })}
                        >
                          {t('undelivered.retry')}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </article>
  );
}
