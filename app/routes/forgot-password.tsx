import type { ActionFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { localAuth, supabaseAuth } from '~/auth/auth.server';
import { config } from '~/config.server';
import { i18nFor } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';
import { readForm } from '~/input/request.server';
import { mailer } from '~/mail/mailer.server';
import { forgotPasswordSchema } from '~/people/schema';
import { Field } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';

export const meta = pageTitle('forgot.title');

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(forgotPasswordSchema, await readForm(request));
  if (!parsed.ok) return json({ sent: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const supabase = supabaseAuth();
  if (supabase) {
    await supabase.sendPasswordReset(request, parsed.data.email, `${config.appUrl}/auth/callback?next=/reset-password`);
  } else {
    const reset = await (await localAuth()).createPasswordReset(parsed.data.email);
    if (reset) {
      const t = i18nFor(await detectLocale(request)).t;
      const link = `${config.appUrl}/reset-password/${reset.token}`;
      await (
        await mailer()
      ).send({ to: reset.email, subject: t('forgot.mailSubject'), text: t('forgot.mailBody', { link }) });
    }
  }
  // The same answer whether or not the account exists, so nobody can probe for addresses.
  return json({ sent: true, errors: {} as FieldErrors, values: {} as Record<string, string> });
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('forgot.title')}</h1>
      {data?.sent ? (
        <p role="status">{t('forgot.sent')}</p>
      ) : (
        <Form method="post" noValidate>
          <p>{t('forgot.intro')}</p>
          <Field
            name="email"
            type="email"
            autoComplete="email"
            label={t('login.email')}
            defaultValue={data?.values.email}
            error={data?.errors.email}
            required
          />
          <button type="submit">{t('forgot.submit')}</button>
        </Form>
      )}
    </section>
  );
}
