import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { authMode, changePasswordAfterReset, requireUser } from '~/auth/auth.server';
import { NewPasswordForm } from '~/auth/components/NewPasswordForm';
import { flash } from '~/auth/session.server';
import { notFound } from '~/http.server';
import { readForm } from '~/input/request.server';
import { resetPasswordSchema } from '~/people/schema.server';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';

export const meta = pageTitle('reset.title');

/** Supabase mode: Supabase's reset mail signs the person in through /auth/callback, which sends them here. */
async function requireResetting(request: Request) {
  if (authMode !== 'supabase') throw notFound();
  return requireUser(request);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireResetting(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireResetting(request);
  const parsed = parseForm(resetPasswordSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, formError: null }, { status: 400 });
  if (!(await changePasswordAfterReset(request, parsed.data.password))) {
    return json({ errors: {} as FieldErrors, formError: 'errors.reset_invalid' }, { status: 400 });
  }
  return redirect('/', { headers: await flash(request, 'reset.done') });
}

export default function ChooseNewPassword() {
  const data = useActionData<typeof action>();
  return <NewPasswordForm errors={data?.errors} formError={data?.formError} />;
}
