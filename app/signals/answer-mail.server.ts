import { isolatedLtr } from '~/bidi';
import { config } from '~/config.server';
import { i18nFor } from '~/i18n/i18n';
import { DEFAULT_LOCALE, isLocale } from '~/i18n/locales';
import type { JobHandler } from '~/jobs/runner.server';

/**
 * Job "question_answered_mail" (queued by a trigger when a signal is answered): the answer, by mail,
 * to the address the asker left for it, in the language they wrote in. An asker has no account: this
 * is a mail to an address, not a notification. Nothing goes out once the retention job deleted the
 * address; the key per answer keeps a job run twice to one mail.
 */
const sendAnswer: JobHandler = async (tx, job, send) => {
  const signal = await tx
    .selectFrom('signals as s')
    .innerJoin('signal_contacts as c', 'c.signal_id', 's.id')
    .select(['s.id', 's.reference', 's.language', 's.channel', 's.answer', 'c.email'])
    .where('s.id', '=', job.payload.signal_id ?? '')
    .where('s.status', '=', 'answered')
    .executeTakeFirst();
  if (!signal?.email || !signal.answer) return;
  const { t } = i18nFor(isLocale(signal.language) ? signal.language : DEFAULT_LOCALE);
  // The code reads left to right in every language; the answer stands in paragraphs of its own, each
  // taking its direction from its first letter, so it needs no isolate (one could not span its lines).
  const values = { reference: isolatedLtr(signal.reference), answer: signal.answer };
  // Only a question asked through the public form can be followed by its code.
  const status =
    signal.channel === 'public_form' ? `\n\n${t('signals.mailStatus', { link: `${config.appUrl}/ask/status` })}` : '';
  await send({
    to: signal.email,
    subject: t('signals.mailSubject', values),
    text: `${t('signals.mailBody', values)}${status}`,
    idempotencyKey: `question_answered:${signal.id}:${job.payload.answered_at ?? ''}`,
  });
};

export const signalJobHandlers = {
  question_answered_mail: sendAnswer,
} satisfies Record<string, JobHandler>;
