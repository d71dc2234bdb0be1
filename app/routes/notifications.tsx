import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { badRequest } from '~/http.server';
import { formatDateTime } from '~/i18n/format';
import { readForm } from '~/input/request.server';
import { listNotifications, markAllRead, markRead, subjectOf } from '~/notifications/queries.server';
import { notificationActionSchema } from '~/notifications/schema.server';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { useLocale } from '~/i18n/useLocale';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('notifications.title');

export const handle = texts('notifications');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const items = await withUser(user, (tx) => listNotifications(tx, user.id));
  // The subject is read now, under the reader's rights; only what they may see leaves the server.
  return json({
    items: items.map((item) => ({
      id: item.id,
      kind: item.kind,
      createdAt: item.created_at,
      read: item.read_at !== null,
      subject: subjectOf(item),
      pool: subjectOf(item) ? item.pool_name : null,
      municipality: subjectOf(item) ? item.municipality_name : null,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(notificationActionSchema, await readForm(request));
  if (!parsed.ok) throw badRequest();
  const { data } = parsed;
  await withUser(user, async (tx) => {
    if (data.intent === 'read') await markRead(tx, user.id, data.id);
    else await markAllRead(tx, user.id);
  });
  const headers = data.intent === 'readAll' ? await flash(request, 'notifications.allMarked') : undefined;
  return redirect('/notifications', { headers });
}

export default function Notifications() {
  const { items } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const unread = items.filter((item) => !item.read).length;
  return (
    <article aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t('notifications.title')}</h1>
      <p>{t('notifications.intro')}</p>
      {unread > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="readAll">
            {t('notifications.markAllRead')}
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p>{t('notifications.empty')}</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => {
            const text = t(`notifications.kinds.${item.kind}`, {
              title: item.subject?.title ?? '',
              municipality: item.municipality ?? '',
            });
            return (
              <li key={item.id} className={item.read ? 'notification' : 'notification notification-unread'}>
                <span className="badge">{item.read ? t('notifications.read') : t('notifications.unread')}</span>{' '}
                {item.subject ? (
                  <Link to={item.subject.href}>
                    <bdi>{text}</bdi>
                  </Link>
                ) : (
                  <span>{t('notifications.unavailable')}</span>
                )}
                {item.pool ? (
                  <>
                    {' '}
                    <bdi>{t('notifications.inPool', { pool: item.pool })}</bdi>
                  </>
                ) : null}
                <br />
                <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, locale)}</time>
                {item.read ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={item.id} />
                    <button type="submit" name="intent" value="read" className="link-button">
                      {t('notifications.markRead')}
                      <span className="visually-hidden">: {text}</span>
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}
