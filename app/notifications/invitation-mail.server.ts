import { config } from '~/config.server';
import type { NotificationKind } from '~/db/types';
import type { Tx } from '~/db/with-user.server';
import type { Locale } from '~/i18n/locales';
import { i18nFor } from '~/i18n/i18n';
import { answerToken, MAIL_ANSWERS } from '~/sessions/answer-tokens.server';
import { sessionInvitation } from '~/sessions/ics.server';
import { getSessionInvitation, takesAnswers } from '~/sessions/queries.server';

export interface MailButton {
  label: string;
  href: string;
}

/** What a session's mail carries besides its words: answer links and the calendar object. */
export interface SessionMailParts {
  /** Yes / maybe / no, each a signed link for this person (empty once answers are closed). */
  answers: MailButton[];
  calendar: string;
}

/** Mails about a session that ask (again) whether one comes; the others only update the calendar. */
const ASKS: readonly NotificationKind[] = ['session_invited', 'session_changed', 'session_moved'];
const CALENDAR_KINDS: readonly NotificationKind[] = [...ASKS, 'waitlist_promoted', 'session_cancelled'];

/** The address in MAIL_FROM ("Name <address>" or a bare address): the calendar's organizer. */
const fromAddress = () => /<([^<>]+)>\s*$/.exec(config.mailFrom)?.[1] ?? config.mailFrom.trim();

/**
 * The answer links and calendar invitation of a session mail, for one recipient, read under their
 * rights (call it as the recipient, like the notification itself): null for kinds without a calendar
 * or a session they may not see. The calendar has the session's UID and its version as SEQUENCE, so
 * an update replaces the event the invitation added, and a cancellation removes it.
 */
export async function sessionMailParts(
  tx: Tx,
  kind: NotificationKind,
  sessionId: string,
  recipient: { id: string; email: string; name: string },
  locale: Locale,
): Promise<SessionMailParts | null> {
  if (!CALENDAR_KINDS.includes(kind)) return null;
  const session = await getSessionInvitation(tx, sessionId, recipient.id);
  if (!session?.invited) return null;
  const cancelled = kind === 'session_cancelled';
  const calendar = sessionInvitation(session, {
    method: cancelled ? 'CANCEL' : 'REQUEST',
    organizer: { name: session.pool_name, email: fromAddress() },
    attendee: { name: recipient.name, email: recipient.email, response: session.my_response },
    appUrl: config.appUrl,
  });
  const { t } = i18nFor(locale);
  const answers =
    ASKS.includes(kind) && takesAnswers(session)
      ? MAIL_ANSWERS.map((answer) => ({
          label: t(`sessions.answers.${answer}`),
          href: `${config.appUrl}/rsvp/${answerToken(recipient.id, session, answer)}`,
        }))
      : [];
  return { answers, calendar };
}
