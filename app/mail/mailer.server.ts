import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { withoutBidiControls } from '~/bidi';
import { config } from '~/config.server';
import type { Database } from '~/db/connection.server';
import { getDatabase } from '~/db/db.server';
import { runAsSystem, type Tx } from '~/db/with-user.server';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Writes a mail into the outbox inside the caller's system transaction, so it exists only if that
 * transaction commits (scheduled jobs use this to never send twice). Deliver it after the commit.
 * Subjects and bodies carry people's text (session titles, names, answers): direction controls are
 * dropped (see ~/bidi), and a subject is one line whatever a title holds, in the outbox as over SMTP.
 */
export async function queueMail(tx: Tx, mail: Mail): Promise<string> {
  const subject = withoutBidiControls(mail.subject)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
  const row = await tx
    .insertInto('outbox')
    .values({ to_address: mail.to, subject, body_text: withoutBidiControls(mail.text) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Every mail is written to the outbox first; with SMTP_URL it is then delivered and marked sent.
 * Without SMTP (embedded mode, tests) the outbox is the delivery: the dev outbox page shows it.
 */
export function createMailer(database: Database, smtpUrl: string | undefined, from: string) {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;

  /** Sends queued outbox mails over SMTP (when configured) and marks them sent. */
  async function deliver(ids: string[]): Promise<void> {
    if (!transport || ids.length === 0) return;
    const mails = await runAsSystem(database, (tx) =>
      tx.selectFrom('outbox').selectAll().where('id', 'in', ids).where('sent_at', 'is', null).execute(),
    );
    for (const mail of mails) {
      await transport.sendMail({ from, to: mail.to_address, subject: mail.subject, text: mail.body_text });
      await runAsSystem(database, (tx) =>
        tx.updateTable('outbox').set({ sent_at: new Date() }).where('id', '=', mail.id).execute(),
      );
    }
  }

  return {
    async send(mail: Mail): Promise<void> {
      await deliver([await runAsSystem(database, (tx) => queueMail(tx, mail))]);
    },

    deliver,
  };
}

/**
 * The dev outbox as the reader sees it, or null for anyone but an admin: it holds reset and invitation
 * links, so reading it is taking over accounts. RLS ("admins read the outbox") decides; the check here
 * only turns "nothing for you" into a 404 instead of an empty page.
 */
export async function readOutbox(tx: Tx, limit = 50) {
  const { admin } = await tx.selectNoFrom(sql<boolean>`private.is_admin()`.as('admin')).executeTakeFirstOrThrow();
  if (!admin) return null;
  return tx.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

export type Mailer = ReturnType<typeof createMailer>;

export async function mailer() {
  return createMailer(await getDatabase(), config.smtpUrl, config.mailFrom);
}
