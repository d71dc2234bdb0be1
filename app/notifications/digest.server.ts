import { sql, type RawBuilder } from 'kysely';
import { isolated } from '~/bidi';
import { config } from '~/config.server';
import type { Database } from '~/db/connection.server';
import { NOTIFICATION_KINDS, type DigestPeriod } from '~/db/types';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { i18nFor } from '~/i18n/i18n';
import type { Locale } from '~/i18n/locales';
import { DEFAULT_TIME_ZONE, queueNextHourlyRun } from '~/jobs/daily.server';
import type { JobHandler } from '~/jobs/runner.server';
import { asRecipient, htmlPart, localeOf, outdated } from './mail.server';
import { listNotifications, subjectOf, type NotificationItem } from './queries.server';
import { unsubscribeToken } from './tokens.server';

/** Digests leave at 08:00 on the recipient's clock; the weekly one on Mondays. */
export const DIGEST_HOUR = 8;

/**
 * A notification waiting for a person's digest of `period`: unread, taken by no digest yet, of a kind
 * the person now wants in that digest, and not mailed at once already (a choice changed since).
 */
const waitingFor = (period: DigestPeriod | RawBuilder<string>) => sql<boolean>`
  n.read_at is null and n.digest_id is null
  and private.notification_delivery(n.recipient_id, n.kind) = ${period}
  and not exists (select 1 from public.scheduled_jobs j where j.dedupe_key = 'notification_mail:' || n.id)`;

/**
 * Queues one `notification_digest` job per person with something waiting whose clock shows 08:00–08:59
 * at `at` (their profile's time zone, else Amsterdam's): the daily digest, and on their Monday the
 * weekly one too. `anyHour` takes everyone, whatever their clock says (the dev outbox's button).
 * The key is person × period × their calendar day: queueing again adds nothing.
 */
export async function queueDigests(tx: Tx, at: Date, { anyHour = false } = {}): Promise<void> {
  await sql`
    insert into public.scheduled_jobs (kind, dedupe_key, payload, run_at)
    select distinct 'notification_digest',
      'notification_digest:' || n.recipient_id || ':' || period.name || ':' || local.day,
      jsonb_build_object('recipient_id', n.recipient_id, 'period', period.name, 'local_date', local.day),
      now()
    from public.notifications n
    left join public.profiles p on p.id = n.recipient_id
    cross join lateral (select ${at}::timestamptz at time zone coalesce(p.time_zone, ${DEFAULT_TIME_ZONE}) as clock) c
    cross join lateral (select to_char(c.clock, 'YYYY-MM-DD') as day) local
    cross join lateral (values ('daily'), ('weekly')) period(name)
    where (${anyHour} or extract(hour from c.clock) = ${DIGEST_HOUR})
      and (period.name = 'daily' or extract(isodow from c.clock) = 1)
      and ${waitingFor(sql`period.name`)}
    on conflict (dedupe_key) do nothing`.execute(tx);
}

/** Job "notification_digests", every hour: queues the digests of those whose clock shows 08:00, and its next run. */
const runDigestRound: JobHandler = async (tx, job) => {
  const at = job.payload.at ? new Date(job.payload.at) : new Date();
  await queueDigests(tx, at);
  await queueNextHourlyRun(tx, 'notification_digests', at);
};

/** The dev outbox's button (embedded mode, admins): today's digests now instead of at 08:00. */
export function queueTodaysDigestsAsSystem(database: Database, now = new Date()): Promise<void> {
  return runAsSystem(database, (tx) => queueDigests(tx, now, { anyHour: true }));
}

/** The digest's text: per pool, per kind, each notification with its link. */
function composeDigest(items: NotificationItem[], period: DigestPeriod, name: string, locale: Locale) {
  const { t } = i18nFor(locale);
  const pools = new Map<string, NotificationItem[]>();
  for (const item of items) {
    const pool = item.pool_name ?? t('mail.digest.otherPool');
    pools.set(pool, [...(pools.get(pool) ?? []), item]);
  }
  const sections = [...pools.entries()]
    .sort(([a], [b]) => a.localeCompare(b, locale))
    .map(([pool, inPool]) => {
      const kinds = NOTIFICATION_KINDS.filter((kind) => inPool.some((item) => item.kind === kind)).map((kind) => {
        const lines = inPool
          .filter((item) => item.kind === kind)
          .map((item) => {
            const subject = subjectOf(item)!;
            const text = t(`notifications.kinds.${kind}`, {
              title: isolated(subject.title),
              municipality: isolated(item.municipality_name ?? ''),
            });
            return `- ${text}\n  ${config.appUrl}${subject.href}`;
          });
        return `${t(`notifications.kindNames.${kind}`)}:\n${lines.join('\n')}`;
      });
      return `${isolated(pool)}\n\n${kinds.join('\n\n')}`;
    });
  return {
    subject: t(`mail.digest.${period}.subject`, { count: items.length }),
    text: [
      t('mail.notification.greeting', { name: isolated(name) }),
      t(`mail.digest.${period}.intro`),
      ...sections,
    ].join('\n\n'),
  };
}

/**
 * Job "notification_digest": one person's digest of one period. Every waiting notification is marked
 * as taken by this digest in the job's transaction, so a run again finds none (and the mail's
 * idempotency key is the digest), while one written a second later waits for the next digest.
 * What the reader may no longer see, or is outdated, is marked but not told, like a single mail.
 */
const sendDigest: JobHandler = async (tx, job, send) => {
  const period = job.payload.period as DigestPeriod;
  const recipient = await tx
    .selectFrom('auth.users as u')
    .leftJoin('profiles as p', 'p.id', 'u.id')
    .select(['u.id', 'u.email', 'p.locale', 'p.display_name'])
    .where('u.id', '=', job.payload.recipient_id ?? '')
    .executeTakeFirst();
  if (!recipient) return;
  const ids = await tx
    .selectFrom('notifications as n')
    .select('n.id')
    .where('n.recipient_id', '=', recipient.id)
    .where(waitingFor(period))
    .execute()
    .then((rows) => rows.map((row) => row.id));
  if (ids.length === 0) return;
  const values = { recipient_id: recipient.id, period, local_date: job.payload.local_date ?? '' };
  await tx
    .insertInto('notification_digests')
    .values(values)
    .onConflict((oc) => oc.columns(['recipient_id', 'period', 'local_date']).doNothing())
    .execute();
  const digest = await tx
    .selectFrom('notification_digests')
    .select('id')
    .where('recipient_id', '=', values.recipient_id)
    .where('period', '=', period)
    .where('local_date', '=', values.local_date)
    .executeTakeFirstOrThrow();
  await tx.updateTable('notifications').set({ digest_id: digest.id }).where('id', 'in', ids).execute();

  if (!recipient.email) return;
  const email = recipient.email;
  const items = await asRecipient(tx, { id: recipient.id, email }, () =>
    listNotifications(tx, recipient.id, { ids, limit: ids.length }),
  );
  const told = items.filter((item) => subjectOf(item) && !outdated(item)).reverse();
  if (told.length === 0) return;
  const locale = localeOf(recipient.locale);
  const { t } = i18nFor(locale);
  const mail = composeDigest(told, period, recipient.display_name ?? '', locale);
  const unsubscribe = `${config.appUrl}/unsubscribe/${unsubscribeToken(recipient.id, period)}`;
  const text = [
    mail.text,
    `-- \n${t('mail.digest.settings', { link: `${config.appUrl}/notifications/preferences` })}\n${t(
      'mail.digest.unsubscribe',
      { digest: t(`notifications.digestNames.${period}`), link: unsubscribe },
    )}`,
  ].join('\n\n');
  await send({
    to: email,
    subject: mail.subject,
    text,
    html: htmlPart([text], locale),
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    idempotencyKey: `digest:${digest.id}`,
  });
};

export const digestJobHandlers = {
  notification_digests: runDigestRound,
  notification_digest: sendDigest,
} satisfies Record<string, JobHandler>;
