import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { detectLocale } from '~/i18n/locale.server';
import { readForm } from '~/input/request.server';
import { listOrganisationsIAdminister } from '~/organisations/queries.server';
import { createQuestionnaire, listOwnerChoices, listQuestionnaires, localise } from '~/questionnaires/queries.server';
import { createQuestionnaireSchema } from '~/questionnaires/schema.server';
import { Field, FormError } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('questionnaires.title');

export const handle = texts('organisations', 'questionnaires');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await detectLocale(request);
  const { questionnaires, owners, administered } = await withUser(user, async (tx) => ({
    questionnaires: await listQuestionnaires(tx),
    owners: await listOwnerChoices(tx, user.id),
    administered: await listOrganisationsIAdminister(tx, user.id),
  }));
  return json({
    administered,
    questionnaires: questionnaires.map((q) => ({ ...q, title: localise(q, 'title', locale) })),
    owners,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(createQuestionnaireSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = await withUser(user, (tx) => createQuestionnaire(tx, user.id, parsed.data));
  return redirect(`/questionnaires/${id}`, { headers: await flash(request, 'questionnaires.created') });
}

export default function Questionnaires() {
  const { t } = useTranslation();
  const { questionnaires, owners, administered } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <article aria-labelledby="questionnaires-title">
      <h1 id="questionnaires-title">{t('questionnaires.title')}</h1>
      <p>{t('questionnaires.intro')}</p>
      {administered.length > 0 ? (
        <ul className="inline-links">
          {administered.map((o) => (
            <li key={o.id}>
              <Link to={`/admin/organisations/${o.id}`}>{t('organisations.peopleOf', { name: o.name })}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {questionnaires.length === 0 ? (
        <p>{t('questionnaires.none')}</p>
      ) : (
        <ul className="card-list">
          {questionnaires.map((q) => (
            <li key={q.id} className="card">
              <h2 dir="auto">{q.title}</h2>
              <p className="meta">
                {t('questionnaires.owner')}: {q.owner_name} ·{' '}
                {t(`questionnaires.status${q.status[0]!.toUpperCase()}${q.status.slice(1)}`)}
              </p>
              <p>
                <Link to={`/questionnaires/${q.id}/results`}>
                  {t('questionnaires.results')}
                  <span className="visually-hidden">: {q.title}</span>
                </Link>
                {q.manages ? (
                  <>
                    {' · '}
                    <Link to={`/questionnaires/${q.id}`}>
                      {t('questionnaires.manage')}
                      <span className="visually-hidden">: {q.title}</span>
                    </Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      {owners.length > 0 ? (
        <section aria-labelledby="new-questionnaire-title">
          <h2 id="new-questionnaire-title">{t('questionnaires.newTitle')}</h2>
          <Form method="post" noValidate className="narrow">
            <FormError error={data?.errors.form} />
            <SelectField
              id="questionnaire-owner"
              label={t('questionnaires.ownerChoice')}
              name="owner"
              defaultValue={data?.values.owner}
            >
              {owners.map((o) => (
                <option dir="auto" key={o.value} value={o.value}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            {(['Nl', 'En', 'Ar'] as const).map((lang) => (
              <Field
                key={lang}
                name={`title${lang}`}
                label={t(`questionnaires.title${lang}`)}
                defaultValue={data?.values[`title${lang}`]}
                error={data?.errors[`title${lang}`]}
                lang={lang.toLowerCase()}
                dir={lang === 'Ar' ? 'rtl' : undefined}
                required={lang === 'Nl'}
              />
            ))}
            {(['Nl', 'En', 'Ar'] as const).map((lang) => (
              <Field
                key={lang}
                name={`intro${lang}`}
                label={t(`questionnaires.intro${lang}`)}
                defaultValue={data?.values[`intro${lang}`]}
                error={data?.errors[`intro${lang}`]}
                lang={lang.toLowerCase()}
                dir={lang === 'Ar' ? 'rtl' : undefined}
              />
            ))}
            <button type="submit">{t('questionnaires.create')}</button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
