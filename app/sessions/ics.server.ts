import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
  type ICalEventData,
} from 'ical-generator';
import { withoutBidiControls } from '~/bidi';
import type { SessionResponse } from '~/db/types';

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

const PRODUCT = { company: 'Expertpool', product: 'sessions', language: 'NL' };

/**
 * A session as an event: the stable UID and the version as SEQUENCE let a re-imported, subscribed or
 * mailed event update in place, and a cancelled session becomes STATUS:CANCELLED. Times are written
 * in UTC (…Z), which every calendar app reads and shows in its own zone. Direction controls are
 * dropped from the texts (see ~/bidi): a calendar app shows the title beside its own words.
 */
function addSession(calendar: ICalCalendar, s: CalendarSession, appUrl: string, extra: Partial<ICalEventData> = {}) {
  const url = `${appUrl}/sessions/${s.id}`;
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
    ...extra,
  });
}

/** An RFC 5545 calendar of sessions, to download or subscribe to (METHOD:PUBLISH). */
export function sessionsCalendar(sessions: CalendarSession[], options: { name: string; appUrl: string }): string {
  const calendar = ical({
    name: calendarName(options.name),
    prodId: PRODUCT,
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const s of sessions) addSession(calendar, s, options.appUrl);
  return calendar.toString();
}

const PARTSTAT: Record<SessionResponse, ICalAttendeeStatus> = {
  yes: ICalAttendeeStatus.ACCEPTED,
  maybe: ICalAttendeeStatus.TENTATIVE,
  no: ICalAttendeeStatus.DECLINED,
  waiting: ICalAttendeeStatus.TENTATIVE,
};

export interface Invitation {
  /** REQUEST for an invitation or an update (same UID, the SEQUENCE it has now), CANCEL when it is off. */
  method: 'REQUEST' | 'CANCEL';
  /** Who sends it: the pool, at the app's own address. */
  organizer: { name: string; email: string };
  attendee: { name: string; email: string; response: SessionResponse | null };
  appUrl: string;
}

/**
 * One session as an iTIP message for one invitee's mail (RFC 5546), so a calendar app offers to add,
 * update or remove it. RSVP=FALSE: the answer is given in the app (or by the mail's answer links);
 * a calendar's own reply would go to the organizer's no-reply address and be lost.
 */
export function sessionInvitation(s: CalendarSession, invitation: Invitation): string {
  const method = invitation.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({ prodId: PRODUCT, method });
  const { organizer, attendee } = invitation;
  addSession(calendar, s, invitation.appUrl, {
    // Parameter values (CN) are quoted and caret-escaped by ical-generator (RFC 6868).
    organizer: { name: withoutBidiControls(organizer.name), email: organizer.email },
    attendees: [
      {
        email: attendee.email,
        name: withoutBidiControls(attendee.name) || null,
        role: ICalAttendeeRole.REQ,
        rsvp: false,
        status: attendee.response ? PARTSTAT[attendee.response] : ICalAttendeeStatus.NEEDSACTION,
      },
    ],
  });
  return calendar.toString();
}
