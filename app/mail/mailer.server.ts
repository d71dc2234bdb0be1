import nodemailer from 'nodemailer';
import { config } from '~/config.server';
import type { Database } from '~/db/connection.server';
import { getDatabase } from '~/db/db.server';
import { runAsSystem } from '~/db/with-user.server';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Every mail is written to the outbox first; with SMTP_URL it is then delivered and marked sent.
 * Without SMTP (embedded mode, tests) the outbox is the delivery: the dev outbox page shows it.
 */
export function createMailer(database: Database, smtpUrl: string | undefined, from: string) {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return {
    async send(mail: Mail): Promise<void> {
      const row = await runAsSystem(database, (tx) =>
        tx
          .insertInto('outbox')
          .values({ to_address: mail.to, subject: mail.subject, body_text: mail.text })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
      if (!transport) return;
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      await runAsSystem(database, (tx) =>
        tx.updateTable('outbox').set({ sent_at: new Date() }).where('id', '=', row.id).execute(),
      );
    },

    /** The newest mails, for the dev outbox page. */
    recent(limit = 50) {
      return runAsSystem(database, (tx) =>
        tx.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').limit(limit).execute(),
      );
    },
  };
}

export async function mailer() {
  return createMailer(await getDatabase(), config.smtpUrl, config.mailFrom);
}
