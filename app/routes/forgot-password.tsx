import type { ActionFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { accountLimiters, requestPasswordReset } from '~/auth/auth.server';
import { readForm } from '~/input/request.server';
import { forgotPasswordSchema } from '~/people/schema.server';
import { Field, FormError } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';

export const meta = pageTitle('forgot.title');

type Answer = {
  sent: boolean;
  errors: FieldErrors;
  values: Record<string, string>;
  formError: string | null;
  retryAfterSeconds: number;
};
const answer = (fields: Partial<Answer>, init?: ResponseInit) =>
  json<Answer>({ sent: false, errors: {}, values: {}, formError: null, retryAfterSeconds: 0, ...fields }, init);

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(forgotPasswordSchema, await readForm(request));
  if (!parsed.ok) return answer({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { email } = parsed.data;
  // The sign-in limits, counted per typed address whether or not it has an account.
  const attempt = await (await accountLimiters()).passwordReset.attempt(email, context.clientIp);
  if (!attempt.granted) {
    return answer(
      { values: { email }, formError: 'errors.rate_limited', retryAfterSeconds: attempt.waitSeconds },
      { status: 429, headers: { 'Retry-After': String(attempt.waitSeconds) } },
    );
  }
  await requestPasswordReset(request, email);
  // The same answer whether or not the account exists, so nobody can probe for addresses.
  return answer({ sent: true });
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
          <FormError error={data?.formError} retryAfterSeconds={data?.retryAfterSeconds} />
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
