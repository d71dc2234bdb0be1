import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { accounts, requireUser, signOut } from '~/auth/auth.server';
import { i18nFor } from '~/i18n/i18n';
import { DEFAULT_LOCALE } from '~/i18n/locales';
import { readForm } from '~/input/request.server';
import { deleteMyData } from '~/people/my-data.server';
import { deleteAccountSchema } from '~/people/schema.server';
import { Field } from '~/ui/Field';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('people.data.deleteTitle');

export const handle = texts('people');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(deleteAccountSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  // Contributions stay under one placeholder in the default language, the same for every reader.
  const { t } = i18nFor(DEFAULT_LOCALE);
  await deleteMyData(accounts(), user, t('people.formerMember'));
  const headers = await signOut(request, 'people.data.deleted');
  return redirect('/', { headers });
}

export default function DeleteAccount() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <section className="narrow" aria-labelledby="delete-title">
      <h1 id="delete-title">{t('people.data.deleteTitle')}</h1>
      <p>{t('people.data.deleteIntro')}</p>
      <Form method="post" noValidate>
        <Field
          name="confirm"
          label={t('people.data.confirm')}
          autoComplete="off"
          error={data?.errors.confirm}
          defaultValue={data?.values.confirm}
          required
        />
        <button type="submit" className="danger">
          {t('people.data.deleteButton')}
        </button>{' '}
        <Link to="/profile">{t('pools.cancel')}</Link>
      </Form>
    </section>
  );
}
