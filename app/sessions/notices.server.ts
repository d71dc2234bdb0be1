import { isolated } from '~/bidi';
import { config } from '~/config.server';
import type { Tx } from '~/db/with-user.server';
import { formatRange } from '~/i18n/format';
import { i18nFor } from '~/i18n/i18n';
import { isLocale, DEFAULT_LOCALE } from '~/i18n/locales';
import type { JobHandler } from '~/jobs/runner.server';

/** Everyone invited who has not said no, with the address and language to write in. */
async function recipients(tx: Tx, sessionId: string) {
  return tx
    .selectFrom('session_invitees as i')
    .innerJoin('auth.users as u', 'u.id', 'i.user_id')
    .innerJoin('profiles as p', 'p.id', 'i.user_id')
    .select(['u.email', 'p.locale', 'p.display_name'])
    .where('i.session_id', '=', sessionId)
    .where('u.email', 'is not', null)
    .where((eb) => eb.or([eb('i.response', 'is', null), eb('i.response', '!=', 'no')]))
    .execute();
}

function loadSession(tx: Tx, sessionId: string) {
  return tx
    .selectFrom('sessions')
    .innerJoin('pools', 'pools.id', 'sessions.pool_id')
    .select([
      'sessions.id',
      'sessions.title',
      'sessions.starts_at',
      'sessions.ends_at',
      'sessions.time_zone',
      'sessions.status',
      'sessions.online_url',
      'sessions.location',
      'pools.name as pool_name',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

/** The meeting link as it is (a mail program must find its end), or the place, isolated like every value (see ~/bidi). */
const where = (s: { online_url: string | null; location: string | null }) => s.online_url ?? isolated(s.location ?? '');

/**
 * A day before (or when a coordinator asks): a reminder to everyone who has not said no. Skipped when
 * the session is off or over.
 */
const sendReminder: JobHandler = async (tx, job, send) => {
  const session = await loadSession(tx, job.payload.session_id ?? '');
  if (!session || session.status !== 'scheduled' || session.starts_at < new Date()) return;
  for (const person of await recipients(tx, session.id)) {
    const locale = isLocale(person.locale) ? person.locale : DEFAULT_LOCALE;
    const { t } = i18nFor(locale);
    await send({
      to: person.email!,
      subject: t(job.payload.manual ? 'mail.session.manualReminderSubject' : 'mail.session.reminderSubject', {
        title: isolated(session.title),
      }),
      text: t('mail.session.reminderBody', {
        name: isolated(person.display_name ?? ''),
        title: isolated(session.title),
        pool: isolated(session.pool_name),
        when: formatRange(session.starts_at, session.ends_at, session.time_zone, locale),
        where: where(session),
        link: `${config.appUrl}/sessions/${session.id}`,
      }),
    });
  }
};

export const sessionJobHandlers = {
  session_reminder: sendReminder,
} satisfies Record<string, JobHandler>;
