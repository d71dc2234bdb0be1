import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import type { User } from '~/auth/user';
import { flash } from '~/auth/session.server';
import { withUser, type Tx } from '~/db/db.server';
import { forbidden, notFound, requireId } from '~/http.server';
import {
  addOrganisationMember,
  getOrganisation,
  listOrganisationMembers,
  removeOrganisationMember,
} from '~/organisations/queries.server';
import { organisationMemberSchema } from '~/organisations/schema';
import { getStanding } from '~/people/queries.server';
import { Field } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} · Expertpool` : 'Expertpool' },
];

/** The page is for admins; RLS refuses everybody else's writes to organisation_members as well. */
function asAdmin<T>(user: User, work: (tx: Tx) => Promise<T>) {
  return withUser(user, async (tx) => {
    if (!(await getStanding(tx, user.id)).isAdmin) throw forbidden();
    return work(tx);
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.organisationId);
  const data = await asAdmin(user, async (tx) => {
    const organisation = await getOrganisation(tx, id);
    if (!organisation) return null;
    return { organisation, members: await listOrganisationMembers(tx, id) };
  });
  if (!data) throw notFound();
  return json(data);
}

type Answer = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.organisationId);
  const parsed = parseForm(organisationMemberSchema, await request.formData());
  if (!parsed.ok) return json<Answer>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const input = parsed.data;
  const here = `/admin/organisations/${id}`;
  if (input.intent === 'removeMember') {
    const removed = await asAdmin(user, (tx) => removeOrganisationMember(tx, id, input.userId));
    if (!removed) throw notFound();
    return redirect(here, { headers: await flash(request, 'organisations.memberRemoved') });
  }
  const outcome = await asAdmin(user, async (tx) => {
    if (!(await getOrganisation(tx, id))) throw notFound();
    return addOrganisationMember(tx, id, input.email);
  });
  if (outcome !== 'saved') {
    return json<Answer>(
      { errors: { email: `organisations.errors.${outcome}` }, values: { intent: 'addMember', email: input.email } },
      { status: 400 },
    );
  }
  return redirect(here, { headers: await flash(request, 'organisations.memberAdded') });
}

export default function OrganisationAdmin() {
  const { t } = useTranslation();
  const { organisation, members } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const added = data?.values.intent === 'addMember' ? data : undefined;
  return (
    <article aria-labelledby="organisation-title" className="narrow">
      <p>
        <Link to="/admin">← {t('people.admin.title')}</Link>
      </p>
      <h1 id="organisation-title">{organisation.name}</h1>
      <p className="meta">{t(`people.admin.kinds.${organisation.kind}`)}</p>

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t('organisations.members')}</h2>
        <p>{t('organisations.membersIntro')}</p>
        {members.length === 0 ? (
          <p>{t('organisations.noMembers')}</p>
        ) : (
          <ul className="member-list">
            {members.map((m) => (
              <li key={m.user_id}>
                <span>{m.display_name || m.email}</span>{' '}
                <span className="meta" dir="ltr">
                  {m.email}
                </span>{' '}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="removeMember" />
                  <input type="hidden" name="userId" value={m.user_id} />
                  <button type="submit" className="link-button">
                    {t('organisations.remove', { name: m.display_name || m.email })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" noValidate className="inline-fields">
          <input type="hidden" name="intent" value="addMember" />
          <Field
            name="email"
            id="organisation-member-email"
            type="email"
            dir="ltr"
            autoComplete="off"
            label={t('organisations.email')}
            hint={t('organisations.emailHint')}
            defaultValue={added?.values.email}
            error={added?.errors.email}
          />
          <button type="submit">{t('organisations.add')}</button>
        </Form>
      </section>
    </article>
  );
}
