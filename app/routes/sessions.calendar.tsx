import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { formatInZone } from '~/i18n/format';
import { useLocale } from '~/i18n/useLocale';
import { readQuery } from '~/input/request.server';
import { SessionBadges } from '~/sessions/components/SessionList';
import { RememberTimeZone, SessionWhen } from '~/sessions/components/SessionTime';
import { flagClashes, listSessions } from '~/sessions/queries.server';
import { calendarQuerySchema } from '~/sessions/schema.server';
import { addDaysToDate, instantToWallClock, monthGrid, monthOf } from '~/sessions/time';
import { viewerTimeZone } from '~/sessions/viewer.server';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('sessions.calendar.title');

export const handle = texts('sessions');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const zone = viewerTimeZone(request);
  const query = readQuery(request, calendarQuerySchema);
  const month = query.month ?? monthOf(new Date(), zone);
  const view = query.view;
  const grid = monthGrid(month, zone);
  const sessions = await withUser(user, async (tx) =>
    flagClashes(await listSessions(tx, user.id, { from: grid.from, to: grid.to })),
  );
  return json({
    zone,
    month,
    view,
    days: grid.days,
    previous: addDaysToDate(`${month}-01`, -1).slice(0, 7),
    next: addDaysToDate(`${month}-01`, 32).slice(0, 7),
    sessions: sessions.map((s) => ({ ...s, day: instantToWallClock(s.starts_at, zone).date })),
  });
}

type CalendarSession = ReturnType<typeof useLoaderData<typeof loader>>['sessions'][number];

export default function CalendarPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { zone, month, view, previous, next, sessions } = useLoaderData<typeof loader>();
  const monthName = formatInZone(`${month}-15T12:00:00Z`, 'UTC', locale, 'month');
  const keepView = view ? `&view=${view}` : '';
  return (
    <article aria-labelledby="calendar-title" className="calendar-page">
      <RememberTimeZone zone={zone} />
      <h1 id="calendar-title">
        {t('sessions.calendar.title')}: {monthName}
      </h1>
      <p className="meta">{t('sessions.timesIn', { zone })}</p>
      <nav aria-label={t('sessions.calendar.views')} className="calendar-nav">
        <Link to={`?month=${previous}${keepView}`}>{t('sessions.calendar.previous')}</Link>
        <Link to={`?month=${next}${keepView}`}>{t('sessions.calendar.next')}</Link>
        <Link to={`?month=${month}&view=month`} aria-current={view === 'month' ? 'page' : undefined}>
          {t('sessions.calendar.month')}
        </Link>
        <Link to={`?month=${month}&view=agenda`} aria-current={view === 'agenda' ? 'page' : undefined}>
          {t('sessions.calendar.agenda')}
        </Link>
      </nav>
      {sessions.length === 0 ? <p>{t('sessions.calendar.empty')}</p> : null}
      {view === 'month' ? <MonthGrid /> : null}
      {view === 'agenda' ? <Agenda /> : null}
      {/* No choice yet: both are sent and the stylesheet shows the one that fits the screen, so the
          server needs no guess at the viewport and hydration sees the same markup. */}
      {view === undefined ? (
        <div className="calendar-by-width">
          <MonthGrid />
          <Agenda />
        </div>
      ) : null}
    </article>
  );
}

function MonthGrid() {
  const locale = useLocale();
  const { zone, month, days, sessions } = useLoaderData<typeof loader>();
  const monthName = formatInZone(`${month}-15T12:00:00Z`, 'UTC', locale, 'month');
  return (
    <div className="table-wrap month-view">
      <table className="month-grid">
        <caption className="visually-hidden">{monthName}</caption>
        <thead>
          <tr>
            {days.slice(0, 7).map((day) => (
              <th scope="col" key={day}>
                {formatInZone(`${day}T12:00:00Z`, 'UTC', locale, 'weekday')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: days.length / 7 }, (_, week) => (
            <tr key={week}>
              {days.slice(week * 7, week * 7 + 7).map((day) => (
                <td key={day} className={day.startsWith(month) ? undefined : 'other-month'}>
                  <span className="day-number">{Number(day.slice(8))}</span>
                  <ul>
                    {sessions
                      .filter((s) => s.day === day)
                      .map((s) => (
                        <li key={s.id}>
                          <CalendarEntry session={s} zone={zone} />
                        </li>
                      ))}
                  </ul>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Agenda() {
  const locale = useLocale();
  const { zone, sessions } = useLoaderData<typeof loader>();
  return (
    <div className="agenda-view">
      {[...new Set(sessions.map((s) => s.day))].map((day) => (
        <section key={day} aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`}>{formatInZone(`${day}T12:00:00Z`, 'UTC', locale, 'date')}</h2>
          <ul>
            {sessions
              .filter((s) => s.day === day)
              .map((s) => (
                <li key={s.id} className="card">
                  <CalendarEntry session={s} zone={zone} />
                  <p>
                    <SessionWhen start={s.starts_at} end={s.ends_at} zone={zone} />
                  </p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function CalendarEntry({ session: s, zone }: { session: CalendarSession; zone: string }) {
  const locale = useLocale();
  const label = `${formatInZone(s.starts_at, zone, locale, 'time')} ${s.title}`;
  return (
    <>
      {s.detailed ? <Link to={`/sessions/${s.id}`}>{label}</Link> : <span>{label}</span>}
      <span className="meta"> · {s.pool_name}</span>
      <SessionBadges session={s} />
    </>
  );
}
