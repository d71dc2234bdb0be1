import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { accounts, startSessionAfterJoining } from '~/auth/auth.server';
import { requireToken } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { acceptInvitation, openInvitation } from '~/people/joining.server';
import { acceptInvitationSchema } from '~/people/schema.server';
import { AccountFields } from '~/people/components/AccountFields';
import { Field, FormError } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';

export const meta = pageTitle('invite.title');

export async function loader({ params }: LoaderFunctionArgs) {
  const opened = await openInvitation(accounts(), requireToken(params.token));
  if (!opened.ok) return json({ problem: `errors.${opened.problem}`, invitation: null }, { status: 410 });
  const { invitation, hasAccount } = opened;
  return json({ problem: null, invitation: { email: invitation.email, pool: invitation.pool_name, hasAccount } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(acceptInvitationSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, formError: null }, { status: 400 });
  const result = await acceptInvitation(accounts(), { token: requireToken(params.token), ...parsed.data });
  if (!result.ok) {
    return json(
      {
        errors: {} as FieldErrors,
        values: { displayName: parsed.data.displayName },
        formError: `errors.${result.problem}`,
      },
      { status: 400 },
    );
  }
  // Straight on to the profile: the short flow that completes joining.
  return redirect('/profile', {
    headers: await startSessionAfterJoining(request, result.user, parsed.data.password, 'invite.accepted'),
  });
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const { problem, invitation } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <section className="narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t('invite.title')}</h1>
      {problem || !invitation ? (
        <p role="alert">{t(problem ?? 'errors.invitation_unknown')}</p>
      ) : (
        <Form method="post" noValidate>
          <p>{invitation.pool ? t('invite.intro', { pool: invitation.pool }) : t('invite.introNoPool')}</p>
          <FormError error={data?.formError} />
          <Field name="email" type="email" label={t('invite.email')} value={invitation.email} readOnly />
          <AccountFields
            hasAccount={invitation.hasAccount}
            displayName={data?.values.displayName}
            errors={data?.errors}
          />
          <button type="submit">{t('invite.submit')}</button>
        </Form>
      )}
    </section>
  );
}
