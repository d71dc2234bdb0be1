import type { ActionFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { localAuth, startSession } from '~/auth/auth.server';
import { NewPasswordForm } from '~/auth/components/NewPasswordForm';
import { requireToken } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { resetPasswordSchema } from '~/people/schema.server';
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
  const data = useActionData<typeof action>();
  return <NewPasswordForm errors={data?.errors} formError={data?.formError} />;
}
