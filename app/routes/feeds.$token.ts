import type { LoaderFunctionArgs } from '@remix-run/node';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { requireToken } from '~/input/params.server';
import { findFeedOwner } from '~/sessions/feeds.server';
import { sessionsCalendar } from '~/sessions/ics.server';
import { listFeedSessions } from '~/sessions/queries.server';

/**
 * A person's calendar feed, read by calendar apps without a session cookie: the secret token in the
 * URL is the credential. The sessions are then read as that person, under row level security. An
 * unknown or revoked token is a plain 404, the same for both, so it reveals nothing.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = requireToken(params.token);
  const owner = await withUser(null, (tx) => findFeedOwner(tx, token));
  if (!owner) throw notFound();
  const sessions = await withUser(owner, (tx) => listFeedSessions(tx, owner.id));
  return new Response(sessionsCalendar(sessions, { name: 'Expertpool', appUrl: config.appUrl }), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Cache-Control': 'private, max-age=900',
      // The URL is a secret: it must not travel on in a Referer.
      'Referrer-Policy': 'no-referrer',
    },
  });
}
