import { sql } from 'kysely';
import { isolated } from '~/bidi';
import { config } from '~/config.server';
import type { Tx } from '~/db/with-user.server';
import { formatInZone, formatRange } from '~/i18n/format';
import { i18nFor } from '~/i18n/i18n';
import { DEFAULT_LOCALE, direction, isLocale, type Locale } from '~/i18n/locales';
import type { JobHandler } from '~/jobs/runner.server';
import { sessionMailParts, type MailButton } from './invitation-mail.server';
import { listNotifications, subjectOf, type NotificationItem } from './queries.server';
import { unsubscribeToken } from './tokens.server';

/**
 * Runs `work` inside the job's system transaction as the recipient (their claims and the
 * `authenticated` role), then becomes the system again: a mail shows only what its reader may see
 * at the moment it is written, like the notifications page.
 */
export async function asRecipient<T>(
  tx: Tx,
  recipient: { id: string; email: string },
  work: () => Promise<T>,
): Promise<T> {
  const claims = JSON.stringify({ sub: recipient.id, email: recipient.email, role: 'authenticated' });
  await sql`select set_config('request.jwt.claims', ${claims}, true), set_config('role', 'authenticated', true)`.execute(
    tx,
  );
  try {
    return await work();
  } finally {
    await sql`select set_config('role', 'none', true), set_config('request.jwt.claims', '', true)`.execute(tx);
  }
}

/** Subject and text of one notification's mail in the reader's language. */
function compose(item: NotificationItem, name: string, locale: Locale) {
  const { t } = i18nFor(locale);
  const subject = subjectOf(item)!;
  const zone = item.session_time_zone ?? 'Europe/Amsterdam';
  // People's words are isolated in the sentence (see ~/bidi); links, dates and the app's own words are not.
  const values = {
    name: isolated(name),
    title: isolated(subject.title),
    pool: isolated(item.pool_name ?? ''),
    municipality: isolated(item.municipality_name ?? ''),
    link: `${config.appUrl}${subject.href}`,
    when: item.session_starts_at ? formatRange(item.session_starts_at, item.session_ends_at!, zone, locale) : '',
    previous: item.change_previous_starts_at ? formatInZone(item.change_previous_starts_at, zone, locale) : '',
    reason: item.change_reason ? isolated(item.change_reason) : t('sessionMail.noReason'),
  };
  // Moved and cancelled keep the wording of the change notices they replace.
  if (item.kind === 'session_moved' || item.kind === 'session_cancelled') {
    const key = item.kind === 'session_moved' ? 'moved' : 'cancelled';
    return { subject: t(`mail.session.${key}Subject`, values), text: t(`mail.session.${key}Body`, values) };
  }
  return {
    subject: t(`mail.notification.${item.kind}.subject`, values),
    text: `${t('mail.notification.greeting', values)}\n\n${t(`mail.notification.${item.kind}.body`, values)}\n\n${values.link}`,
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A mail body is paragraphs of text and rows of buttons (the invitation's answer links). */
export type MailBlock = string | MailButton[];

/** The text part: the paragraphs, and each button as "label: link" on a line of its own. */
export const textPart = (blocks: MailBlock[]) =>
  blocks
    .map((block) => (typeof block === 'string' ? block : block.map((b) => `${b.label}: ${b.href}`).join('\n')))
    .join('\n\n');

// Mail programs drop style sheets; a button is a link with its look inline.
const BUTTON_STYLE =
  'display:inline-block;margin:4px;padding:10px 18px;border-radius:6px;background:#1f4e8c;color:#ffffff;font-weight:bold;text-decoration:none';

/**
 * The HTML part: the text's paragraphs, escaped (titles are people's text), links made clickable,
 * buttons as links that look like buttons, in the reader's language and direction (Arabic right to left).
 */
export function htmlPart(blocks: MailBlock[], locale: Locale): string {
  const paragraphs = blocks.flatMap((block) =>
    typeof block === 'string'
      ? block.split(/\n{2,}/).map((paragraph) => {
          const html = escapeHtml(paragraph)
            // A link ends where an isolate around it would (a reminder's online meeting is a value).
            .replace(/https?:\/\/[^\s<\u2066-\u2069]+/g, (url) => `<a href="${url}">${url}</a>`)
            .replace(/\n/g, '<br>');
          return `<p>${html}</p>`;
        })
      : [
          `<p>${block.map((b) => `<a href="${escapeHtml(b.href)}" style="${BUTTON_STYLE}">${escapeHtml(b.label)}</a>`).join(' ')}</p>`,
        ],
  );
  return `<!doctype html><html lang="${locale}" dir="${direction(locale)}"><body dir="${direction(locale)}">${paragraphs.join('')}</body></html>`;
}

export const localeOf = (value: string | null | undefined) => (isLocale(value) ? value : DEFAULT_LOCALE);

/** An invitation or change to a session that has since been cancelled is not worth a mail any more. */
export const outdated = (item: NotificationItem) =>
  item.kind !== 'session_cancelled' && item.session_status === 'cancelled';

/**
 * Job "notification_mail": the mail of one notification whose reader wants it at once. Sends nothing
 * when the reader has no address, has read it already, may no longer see what it is about, or it is
 * outdated.
 */
const sendNotificationMail: JobHandler = async (tx, job, send) => {
  const recipient = await tx
    .selectFrom('notifications as n')
    .innerJoin('auth.users as u', 'u.id', 'n.recipient_id')
    .leftJoin('profiles as p', 'p.id', 'n.recipient_id')
    .select(['u.id', 'u.email', 'p.locale', 'p.display_name'])
    .where('n.id', '=', job.payload.notification_id ?? '')
    .executeTakeFirst();
  if (!recipient?.email) return;
  const email = recipient.email;
  const locale = localeOf(recipient.locale);
  const name = recipient.display_name ?? '';
  const [item, session] = await asRecipient(tx, { id: recipient.id, email }, async () => {
    const [found] = await listNotifications(tx, recipient.id, { id: job.payload.notification_id! });
    const parts = found?.session_id
      ? await sessionMailParts(tx, found.kind, found.session_id, { id: recipient.id, email, name }, locale)
      : null;
    return [found, parts] as const;
  });
  if (!item || item.read_at || !subjectOf(item) || outdated(item)) return;
  const mail = compose(item, name, locale);
  const { t } = i18nFor(locale);
  const unsubscribe = `${config.appUrl}/unsubscribe/${unsubscribeToken(recipient.id, item.kind)}`;
  const blocks: MailBlock[] = [
    mail.text,
    ...(session?.answers.length ? [t('mail.notification.answerPrompt'), session.answers] : []),
    `-- \n${t('mail.notification.unsubscribe', { kind: t(`notifications.kindNames.${item.kind}`), link: unsubscribe })}`,
  ];
  await send({
    to: email,
    subject: mail.subject,
    text: textPart(blocks),
    html: htmlPart(blocks, locale),
    // RFC 2369 and RFC 8058: mail programs show an unsubscribe button that POSTs to the link.
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    // The notification's id is the mail's idempotency key: a job run again queues no second mail.
    idempotencyKey: `notification:${item.id}`,
    calendar: session?.calendar,
  });
};

export const notificationJobHandlers = {
  notification_mail: sendNotificationMail,
} satisfies Record<string, JobHandler>;
