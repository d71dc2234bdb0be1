import type { ActionFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { localAuth, startSession } from '~/auth/auth.server';
import { requireToken } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { resetPasswordSchema } from '~/people/schema';
import { Field, FormError } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';

export const meta = pageTitle('reset.title');

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, formError: null }, { status: 400 });
  const user = await (await localAuth()).resetPassword(requireToken(params.token), parsed.data.password);
  if (!user) return json({ errors: {} as FieldErrors, formError: 'errors.reset_invalid' }, { status: 400 });
  return redirect('/', { headers: await startSession(request, user, 'reset.done') });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('reset.title')}</h1>
      <Form method="post" noValidate>
        <FormError error={data?.formError} />
        <Field
          name="password"
          type="password"
          autoComplete="new-password"
          label={t('reset.password')}
          hint={t('invite.passwordHint')}
          error={data?.errors.password}
          required
        />
        <button type="submit">{t('reset.submit')}</button>
      </Form>
    </section>
  );
}
