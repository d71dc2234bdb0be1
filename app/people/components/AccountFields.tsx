import { useTranslation } from 'react-i18next';
import { Field } from '~/ui/Field';
import type { FieldErrors } from '~/ui/forms';

/**
 * The part of joining that is the same for an invitation and a pool's sign-up link: the name others
 * see and a password (an existing account signs in with its own password instead of choosing one).
 */
export function AccountFields({
  hasAccount,
  displayName,
  errors,
}: {
  hasAccount: boolean;
  displayName?: string;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        name="displayName"
        autoComplete="nickname"
        label={t('invite.displayName')}
        hint={t('invite.displayNameHint')}
        defaultValue={displayName}
        error={errors?.displayName}
        required
      />
      <Field
        name="password"
        type="password"
        autoComplete={hasAccount ? 'current-password' : 'new-password'}
        label={hasAccount ? t('invite.passwordExisting') : t('invite.password')}
        hint={hasAccount ? undefined : t('invite.passwordHint')}
        error={errors?.password}
        required
      />
    </>
  );
}
