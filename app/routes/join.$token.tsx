import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { accounts, startSessionAfterJoining } from '~/auth/auth.server';
import { requireToken } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { joinByLink, openSignupLink } from '~/people/joining.server';
import { joinByLinkSchema } from '~/people/schema.server';
import { AccountFields } from '~/people/components/AccountFields';
import { Field, FormError } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('people.join.title');

export const handle = texts('people');
export const clientLoader = textsFirst(handle);

export async function loader({ params }: LoaderFunctionArgs) {
  const opened = await openSignupLink(requireToken(params.token));
  if (!opened.ok) return json({ problem: `people.join.errors.${opened.problem}`, pool: null }, { status: 410 });
  return json({ problem: null, pool: opened.pool });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(joinByLinkSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, formError: null }, { status: 400 });
  const result = await joinByLink(accounts(), { token: requireToken(params.token), ...parsed.data });
  if (!result.ok) {
    const formError =
      result.problem === 'invalid_credentials' ? 'errors.invalid_credentials' : `people.join.errors.${result.problem}`;
    return json(
      {
        errors: {} as FieldErrors,
        values: { email: parsed.data.email, displayName: parsed.data.displayName },
        formError,
      },
      { status: 400 },
    );
  }
  return redirect('/profile', {
    headers: await startSessionAfterJoining(request, result.user, parsed.data.password, 'people.join.joined'),
  });
}

export default function JoinByLink() {
  const { t } = useTranslation();
  const { problem, pool } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <section className="narrow" aria-labelledby="join-title">
      <h1 id="join-title">{t('people.join.title')}</h1>
      {problem || !pool ? (
        <p role="alert">{t(problem ?? 'people.join.errors.link_unknown')}</p>
      ) : (
        <Form method="post" noValidate>
          <p>{t('people.join.intro', { pool })}</p>
          <FormError error={data?.formError} />
          <Field
            name="email"
            type="email"
            autoComplete="email"
            label={t('people.join.email')}
            defaultValue={data?.values.email}
            error={data?.errors.email}
            required
          />
          <AccountFields hasAccount={false} displayName={data?.values.displayName} errors={data?.errors} />
          <button type="submit">{t('people.join.submit')}</button>
        </Form>
      )}
    </section>
  );
}
