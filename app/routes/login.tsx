import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getUser, signIn } from '~/auth/auth.server';
import { safeRedirect } from '~/auth/redirect.server';
import { config } from '~/config.server';
import { signInSchema } from '~/people/schema.server';
import { readForm } from '~/input/request.server';
import { Field, FormError } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';

export const meta = pageTitle('login.title');

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')));
  return json({ demo: config.seedDemo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(signInSchema, await readForm(request));
  if (!parsed.ok) {
    return json(
      { errors: parsed.errors, values: parsed.values, formError: null, retryAfterSeconds: 0 },
      { status: 400 },
    );
  }
  const { email, password, redirectTo } = parsed.data;
  const result = await signIn(request, context.clientIp, email, password);
  if (!result.ok) {
    const { error, retryAfterSeconds } = result;
    const formError = error === 'invalid_credentials' && retryAfterSeconds > 0 ? `${error}_retry` : error;
    return json(
      { errors: {} as FieldErrors, values: { email }, formError: `errors.${formError}`, retryAfterSeconds },
      error === 'rate_limited'
        ? { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } }
        : { status: 401 },
    );
  }
  return redirect(safeRedirect(redirectTo), { headers: result.headers });
}

export default function Login() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <Form method="post" noValidate>
        <FormError error={data?.formError} retryAfterSeconds={data?.retryAfterSeconds} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <Field
          name="email"
          type="email"
          autoComplete="email"
          label={t('login.email')}
          defaultValue={data?.values.email}
          error={data?.errors.email}
          required
        />
        <Field
          name="password"
          type="password"
          autoComplete="current-password"
          label={t('login.password')}
          error={data?.errors.password}
          required
        />
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
    </section>
  );
}
