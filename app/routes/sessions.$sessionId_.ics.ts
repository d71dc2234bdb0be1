import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { attachmentHeader, notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { sessionsCalendar } from '~/sessions/ics.server';
import { getSession } from '~/sessions/queries.server';

/** One session as an .ics file to add to any calendar app. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = requireId(params.sessionId);
  const session = await withUser(user, (tx) => getSession(tx, sessionId, user.id));
  if (!session) throw notFound();
  const body = sessionsCalendar([session], { name: session.title, appUrl: config.appUrl });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': attachmentHeader(session.title, 'ics', 'bijeenkomst'),
      'Cache-Control': 'private, no-store',
    },
  });
}
