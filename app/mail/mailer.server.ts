import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { withPairedIsolatesOnly } from '~/bidi';
import { config } from '~/config.server';
import type { Database } from '~/db/connection.server';
import { getDatabase } from '~/db/db.server';
import { runAsSystem, type Tx } from '~/db/with-user.server';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** An HTML part beside the text (built from escaped values only). */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** The same key queued again gives the first mail back instead of a second one; also its Message-ID. */
  idempotencyKey?: string;
  /** An iCalendar object with a METHOD (an invitation, update or cancellation), sent as calendar apps expect. */
  calendar?: string;
}

/**
 * The iTIP method of a mail's calendar object: the MIME part names it (text/calendar; method=…) and
 * mail programs read it there to show "add to calendar" or "remove".
 */
export const calendarMethod = (calendar: string) => /^METHOD:([A-Z-]+)\r?$/m.exec(calendar)?.[1] ?? 'PUBLISH';

/**
 * Writes a mail into the outbox inside the caller's system transaction, so it exists only if that
 * transaction commits (scheduled jobs use this to never send twice). Deliver it after the commit.
 * Subjects and bodies carry people's text (session titles, names, answers): direction controls are
 * dropped except the isolates the mail was composed with (see ~/bidi), and a subject is one line
 * whatever a title holds, in the outbox as over SMTP.
 */
export async function queueMail(tx: Tx, mail: Mail): Promise<string> {
  const subject = withPairedIsolatesOnly(mail.subject.replace(/\s*[\r\n]+\s*/g, ' ')).trim();
  const row = await tx
    .insertInto('outbox')
    .values({
      to_address: mail.to,
      subject,
      body_text: withPairedIsolatesOnly(mail.text),
      body_html: mail.html === undefined ? null : withPairedIsolatesOnly(mail.html),
      headers: JSON.stringify(mail.headers ?? {}),
      idempotency_key: mail.idempotencyKey ?? null,
      calendar: mail.calendar ?? null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return row.id;
  const first = await tx
    .selectFrom('outbox')
    .select('id')
    .where('idempotency_key', '=', mail.idempotencyKey!)
    .executeTakeFirstOrThrow();
  return first.id;
}

export interface DeliveryOptions {
  /** Tries before a mail is marked failed. */
  maxAttempts?: number;
  /** How long a claimed mail is left to its sender before another process may take it up again. */
  leaseMs?: number;
  /** The wait after the first failure; it doubles with each further one, up to an hour. */
  retryBaseMs?: number;
}

const HOUR_MS = 60 * 60 * 1000;

/** An SMTP reply that will not change by trying again (5xx: no such mailbox, refused for good). */
const isPermanent = (error: unknown) => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Every mail is written to the outbox first; with SMTP_URL it is then delivered and marked sent, at
 * least once: a mail is claimed with a lease, sent, and marked sent; a failure waits and tries again;
 * a crash after the claim leaves it to be taken up when the lease ends. Without SMTP (embedded mode,
 * tests) the outbox is the delivery: the dev outbox page shows it.
 */
export function createMailer(
  database: Database,
  smtpUrl: string | undefined,
  from: string,
  { maxAttempts = 8, leaseMs = 5 * 60_000, retryBaseMs = 60_000 }: DeliveryOptions = {},
) {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  const host = new URL(config.appUrl).hostname;

  /** Takes the next due mail (of `ids`, when given) for this sender until the lease ends. */
  function claim(now: Date, ids?: string[]) {
    return runAsSystem(database, async (tx) => {
      let query = tx
        .selectFrom('outbox')
        .selectAll()
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(1)
        .forUpdate()
        .skipLocked();
      if (ids) query = query.where('id', 'in', ids);
      const mail = await query.executeTakeFirst();
      if (!mail) return undefined;
      await tx
        .updateTable('outbox')
        .set({ attempts: mail.attempts + 1, next_attempt_at: new Date(now.getTime() + leaseMs) })
        .where('id', '=', mail.id)
        .execute();
      return { ...mail, attempts: mail.attempts + 1 };
    });
  }

  /** Sends due mails until none is left; returns how many were sent. */
  async function deliverDue(now = new Date(), ids?: string[]): Promise<number> {
    if (!transport || ids?.length === 0) return 0;
    let sent = 0;
    for (;;) {
      const mail = await claim(now, ids);
      if (!mail) return sent;
      try {
        await transport.sendMail({
          from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.body_text,
          html: mail.body_html ?? undefined,
          // queueMail writes the column, always as an object of strings.
          headers: (mail.headers ?? undefined) as Record<string, string> | undefined,
          messageId: `<${mail.idempotency_key ?? mail.id}@${host}>`,
          // Nodemailer adds it twice, as mail programs expect: a text/calendar alternative and an invite.ics.
          icalEvent: mail.calendar ? { method: calendarMethod(mail.calendar), content: mail.calendar } : undefined,
        });
      } catch (error) {
        const failed = isPermanent(error) || mail.attempts >= maxAttempts;
        console.warn(`mail ${mail.id} attempt ${mail.attempts} failed${failed ? ' for good' : ''}: ${String(error)}`);
        const wait = Math.min(retryBaseMs * 2 ** (mail.attempts - 1), HOUR_MS);
        await runAsSystem(database, (tx) =>
          tx
            .updateTable('outbox')
            .set({
              last_error: String(error).slice(0, 1000),
              ...(failed ? { failed_at: new Date() } : { next_attempt_at: new Date(now.getTime() + wait) }),
            })
            .where('id', '=', mail.id)
            .execute(),
        );
        continue;
      }
      await runAsSystem(database, (tx) =>
        tx.updateTable('outbox').set({ sent_at: new Date(), last_error: null }).where('id', '=', mail.id).execute(),
      );
      sent += 1;
    }
  }

  return {
    async send(mail: Mail): Promise<void> {
      // Queued first, then "now": a time taken before the queuing would be earlier than the row's
      // next_attempt_at, and the mail would wait for the job runner's next round.
      const id = await runAsSystem(database, (tx) => queueMail(tx, mail));
      await deliverDue(new Date(), [id]);
    },

    /** Sends these queued mails now (right after the commit that queued them); what fails is retried later. */
    async deliver(ids: string[]): Promise<void> {
      await deliverDue(new Date(), ids);
    },

    deliverDue,
  };
}

/**
 * The dev outbox as the reader sees it, or null for anyone but an admin: it holds reset and invitation
 * links, so reading it is taking over accounts. RLS ("admins read the outbox") decides; the check here
 * only turns "nothing for you" into a 404 instead of an empty page.
 */
export async function readOutbox(tx: Tx, limit = 200) {
  const { admin } = await tx.selectNoFrom(sql<boolean>`private.is_admin()`.as('admin')).executeTakeFirstOrThrow();
  if (!admin) return null;
  return tx.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

export type Mailer = ReturnType<typeof createMailer>;

export async function mailer() {
  return createMailer(await getDatabase(), config.smtpUrl, config.mailFrom);
}
