import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

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
 * An RFC 5545 calendar of sessions. Times are written in UTC (…Z), which every calendar app reads
 * and shows in its own zone; the stable UID and the version as SEQUENCE let a re-imported or
 * subscribed event update in place, and a cancelled session becomes STATUS:CANCELLED.
 */
export function sessionsCalendar(sessions: CalendarSession[], options: { name: string; appUrl: string }): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Expertpool', product: 'sessions', language: 'NL' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const s of sessions) {
    const url = `${options.appUrl}/sessions/${s.id}`;
    calendar.createEvent({
      id: `${s.id}@expertpool`,
      sequence: s.version,
      start: s.starts_at,
      end: s.ends_at,
      summary: `${s.title} (${s.pool_name})`,
      description: [s.purpose, s.online_url, url].filter(Boolean).join('\n\n'),
      location: s.online_url ?? s.location ?? null,
      url,
      status: s.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** A download name without characters that file systems or headers dislike. */
export function icsFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 60);
  return `${base || 'bijeenkomst'}.ics`;
}
