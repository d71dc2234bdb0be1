import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { formatInZone } from '~/i18n/format';
import { useLocale } from '~/i18n/useLocale';
import { readForm } from '~/input/request.server';
import { RememberTimeZone } from '~/sessions/components/SessionTime';
import { SessionList } from '~/sessions/components/SessionList';
import { createFeed, getActiveFeed, revokeFeed } from '~/sessions/feeds.server';
import { flagClashes, listCoordinatedPools, listSessions } from '~/sessions/queries.server';
import { viewerTimeZone } from '~/sessions/viewer.server';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('sessions.title');

export const handle = texts('sessions');
export const clientLoader = textsFirst(handle);

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const zone = viewerTimeZone(request);
  const now = new Date();
  const { sessions, pools, feed } = await withUser(user, async (tx) => ({
    sessions: flagClashes(
      await listSessions(tx, user.id, {
        from: new Date(now.getTime() - YEAR_MS),
        to: new Date(now.getTime() + YEAR_MS),
      }),
    ),
    pools: await listCoordinatedPools(tx, user.id),
    feed: await getActiveFeed(tx, user.id),
  }));
  return json({
    zone,
    upcoming: sessions.filter((s) => s.ends_at > now),
    past: sessions.filter((s) => s.ends_at <= now).reverse(),
    pools,
    feed,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const intent = (await readForm(request)).get('intent');
  if (intent === 'revokeFeed') {
    await withUser(user, (tx) => revokeFeed(tx, user.id));
    return redirect('/sessions', { headers: await flash(request, 'sessions.feed.revoked') });
  }
  // The token is shown once, in this response; only its hash is stored.
  const token = await withUser(user, (tx) => createFeed(tx, user.id));
  return json({ feedUrl: `${config.appUrl}/feeds/${token}` });
}

export default function SessionsPage() {
  const { t } = useTranslation();
  const { zone, upcoming, past, pools, feed } = useLoaderData<typeof loader>();
  const created = useActionData<typeof action>();
  const locale = useLocale();
  return (
    <article aria-labelledby="sessions-title">
      <RememberTimeZone zone={zone} />
      <h1 id="sessions-title">{t('sessions.title')}</h1>
      <p className="meta">{t('sessions.timesIn', { zone })}</p>
      <ul className="action-links">
        <li>
          <Link to="/sessions/calendar">{t('sessions.calendarLink')}</Link>
        </li>
        {pools.map((pool) => (
          <li key={pool.id}>
            <Link to={`/pools/${pool.id}/sessions/new`}>{t('sessions.planFor', { pool: pool.name })}</Link>
          </li>
        ))}
      </ul>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t('sessions.upcoming')}</h2>
        <SessionList sessions={upcoming} zone={zone} />
      </section>
      <section aria-labelledby="past-title">
        <h2 id="past-title">{t('sessions.past')}</h2>
        <SessionList sessions={past} zone={zone} />
      </section>
      <section aria-labelledby="feed-title" className="card">
        <h2 id="feed-title">{t('sessions.feed.title')}</h2>
        <p>{t('sessions.feed.intro')}</p>
        {created?.feedUrl ? (
          <div className="field">
            <label htmlFor="feed-url">{t('sessions.feed.yourLink')}</label>
            <input id="feed-url" readOnly value={created.feedUrl} aria-describedby="feed-url-hint" />
            <p className="hint" id="feed-url-hint">
              {t('sessions.feed.copyNow')}
            </p>
          </div>
        ) : feed ? (
          <p>{t('sessions.feed.active', { date: formatInZone(feed.created_at, zone, locale, 'date') })}</p>
        ) : null}
        <Form method="post" className="inline-fields">
          <button type="submit" name="intent" value="createFeed">
            {feed || created ? t('sessions.feed.renew') : t('sessions.feed.create')}
          </button>
          {feed || created ? (
            <button type="submit" name="intent" value="revokeFeed" className="secondary">
              {t('sessions.feed.revoke')}
            </button>
          ) : null}
        </Form>
      </section>
    </article>
  );
}
