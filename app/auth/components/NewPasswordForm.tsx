import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field, FormError } from '~/ui/Field';
import type { FieldErrors } from '~/ui/forms';

/** Choosing a new password after a reset link: the local link's page and Supabase's are the same form. */
export function NewPasswordForm({ errors, formError }: { errors?: FieldErrors; formError?: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('reset.title')}</h1>
      <Form method="post" noValidate>
        <FormError error={formError} />
        <Field
          name="password"
          type="password"
          autoComplete="new-password"
          label={t('reset.password')}
          hint={t('invite.passwordHint')}
          error={errors?.password}
          required
        />
        <button type="submit">{t('reset.submit')}</button>
      </Form>
    </section>
  );
}
