import type { Accounts } from '~/auth/accounts.server';
import { isolated } from '~/bidi';
import { config } from '~/config.server';
import { formatDate } from '~/i18n/format';
import { i18nFor } from '~/i18n/i18n';
import type { Locale } from '~/i18n/locales';
import { mailer } from '~/mail/mailer.server';
import type { SentInvitation } from './invitations.server';

/**
 * Mails each invitation its link, in the inviter's language (the invitee's is not known yet). With
 * Supabase Auth, Supabase sends it (its template, given the pool and language) and makes the account
 * ready; the app sends its own only to an address Supabase already knows.
 */
export async function mailInvitations(
  accounts: Accounts,
  locale: Locale,
  poolName: string,
  invitations: SentInvitation[],
) {
  const { t } = i18nFor(locale);
  const mail = await mailer();
  for (const invitation of invitations) {
    const acceptPath = `/invite/${invitation.token}`;
    if (await accounts.mailInvitation(invitation.email, acceptPath, { pool: poolName, locale })) continue;
    await mail.send({
      to: invitation.email,
      subject: t('invite.mailSubject'),
      text: t('invite.mailBody', {
        pool: isolated(poolName),
        link: `${config.appUrl}${acceptPath}`,
        expires: formatDate(invitation.expiresAt, locale, 'long'),
      }),
    });
  }
}
