import { config } from '~/config.server';
import { formatDate } from '~/i18n/format';
import { i18nFor } from '~/i18n/i18n';
import type { Locale } from '~/i18n/locales';
import { mailer } from '~/mail/mailer.server';
import type { SentInvitation } from './invitations.server';

/** Mails each invitation its link, in the inviter's language (the invitee's is not known yet). */
export async function mailInvitations(locale: Locale, poolName: string, invitations: SentInvitation[]) {
  const { t } = i18nFor(locale);
  const mail = await mailer();
  for (const invitation of invitations) {
    await mail.send({
      to: invitation.email,
      subject: t('invite.mailSubject'),
      text: t('invite.mailBody', {
        pool: poolName,
        link: `${config.appUrl}/invite/${invitation.token}`,
        expires: formatDate(invitation.expiresAt, locale, 'long'),
      }),
    });
  }
}
