import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { withoutBidiControls } from '~/bidi';

export interface CalendarSession {
  id: string;
  title: string;
  purpose: string;
  starts_at: Date;
  ends_at: Date;
  status: 'scheduled' | 'cancelled';
  online_url: string | null;
  location: string | null;
  pool_name: string;
  version: number;
}

/**
 * The calendar's own name as an RFC 5545 TEXT value. ical-generator (11.1) escapes the events'
 * properties but writes NAME and X-WR-CALNAME as given, so a session title with a line break could
 * add lines (even events) of its own to the download.
 */
function calendarName(name: string): string {
  return withoutBidiControls(name)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\;,]/g, (char) => `\\${char}`);
}

/**
 * An RFC 5545 calendar of sessions. Times are written in UTC (…Z), which every calendar app reads
 * and shows in its own zone; the stable UID and the version as SEQUENCE let a re-imported or
 * subscribed event update in place, and a cancelled session becomes STATUS:CANCELLED. Direction
 * controls are dropped from the texts (see ~/bidi): a calendar app shows the title beside its own words.
 */
export function sessionsCalendar(sessions: CalendarSession[], options: { name: string; appUrl: string }): string {
  const calendar = ical({
    name: calendarName(options.name),
    prodId: { company: 'Expertpool', product: 'sessions', language: 'NL' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const s of sessions) {
    const url = `${options.appUrl}/sessions/${s.id}`;
    const where = s.online_url ?? s.location;
    calendar.createEvent({
      id: `${s.id}@expertpool`,
      sequence: s.version,
      start: s.starts_at,
      end: s.ends_at,
      summary: withoutBidiControls(`${s.title} (${s.pool_name})`),
      description: withoutBidiControls([s.purpose, s.online_url, url].filter(Boolean).join('\n\n')),
      location: where === null ? null : withoutBidiControls(where),
      url,
      status: s.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
