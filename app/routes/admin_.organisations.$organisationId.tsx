import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import type { User } from '~/auth/user';
import { flash } from '~/auth/session.server';
import { withUser, type Tx } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import {
  addOrganisationMember,
  getOrganisation,
  listOrganisationMembers,
  managesOrganisationPeople,
  removeOrganisationMember,
  setOrganisationRole,
} from '~/organisations/queries.server';
import { organisationMemberSchema } from '~/organisations/schema.server';
import { getStanding } from '~/people/queries.server';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('organisations', 'people', 'questionnaires');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.organisation.name) : 'Expertpool' },
];

/**
 * For admins and for the organisation's own admins; the policies on organisation_members refuse
 * everybody else's writes as well, so this check only picks the right answer (403 rather than nothing).
 */
function asPeopleManager<T>(
  user: User,
  organisationId: string,
  work: (tx: Tx, organisation: NonNullable<Awaited<ReturnType<typeof getOrganisation>>>) => Promise<T>,
) {
  return withUser(user, async (tx) => {
    const organisation = await getOrganisation(tx, organisationId);
    if (!organisation) throw notFound();
    if (!(await managesOrganisationPeople(tx, organisationId))) throw forbidden();
    return work(tx, organisation);
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.organisationId);
  return json(
    await asPeopleManager(user, id, async (tx, organisation) => ({
      organisation,
      members: await listOrganisationMembers(tx, id),
      isAdmin: (await getStanding(tx, user.id)).isAdmin,
      me: user.id,
    })),
  );
}

type Answer = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.organisationId);
  const parsed = parseForm(organisationMemberSchema, await readForm(request));
  if (!parsed.ok) return json<Answer>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const input = parsed.data;
  const here = `/admin/organisations/${id}`;
  switch (input.intent) {
    case 'removeMember': {
      const outcome = await asPeopleManager(user, id, async (tx) => ({
        removed: await removeOrganisationMember(tx, id, input.userId),
        // Someone who removed themselves may no longer see this page.
        stillManages: await managesOrganisationPeople(tx, id),
      }));
      if (!outcome.removed) throw notFound();
      return redirect(outcome.stillManages ? here : '/questionnaires', {
        headers: await flash(request, 'organisations.memberRemoved'),
      });
    }
    case 'setRole': {
      const changed = await asPeopleManager(user, id, (tx) => setOrganisationRole(tx, id, input.userId, input.role));
      if (!changed) throw notFound();
      return redirect(here, { headers: await flash(request, 'organisations.roleChanged') });
    }
    case 'addMember': {
      const outcome = await asPeopleManager(user, id, (tx) => addOrganisationMember(tx, id, input.email, input.role));
      if (outcome !== 'saved') {
        return json<Answer>(
          {
            errors: { email: `organisations.errors.${outcome}` },
            values: { intent: 'addMember', email: input.email, role: input.role },
          },
          { status: 400 },
        );
      }
      return redirect(here, { headers: await flash(request, 'organisations.memberAdded') });
    }
  }
}

export default function OrganisationPeople() {
  const { t } = useTranslation();
  const { organisation, members, isAdmin, me } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const added = data?.values.intent === 'addMember' ? data : undefined;
  return (
    <article aria-labelledby="organisation-title" className="narrow">
      <p>
        {isAdmin ? (
          <Link to="/admin">← {t('people.admin.title')}</Link>
        ) : (
          <Link to="/questionnaires">← {t('questionnaires.title')}</Link>
        )}
      </p>
      <h1 dir="auto" id="organisation-title">
        {organisation.name}
      </h1>
      <p className="meta">{t(`people.admin.kinds.${organisation.kind}`)}</p>

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t('organisations.members')}</h2>
        <p>{t('organisations.membersIntro')}</p>
        {members.length === 0 ? (
          <p>{t('organisations.noMembers')}</p>
        ) : (
          <ul className="member-list">
            {members.map((m) => {
              const name = m.display_name || m.email;
              return (
                <li key={m.user_id}>
                  <span dir="auto">{name}</span>{' '}
                  <span className="meta" dir="ltr">
                    {m.email}
                  </span>{' '}
                  {m.role === 'admin' ? <span className="badge">{t('organisations.roles.admin')}</span> : null}
                  <div className="member-actions">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="setRole" />
                      <input type="hidden" name="userId" value={m.user_id} />
                      <input type="hidden" name="role" value={m.role === 'admin' ? 'member' : 'admin'} />
                      <button type="submit" className="link-button">
                        {m.role === 'admin'
                          ? t('organisations.makeMember', { name })
                          : t('organisations.makeAdmin', { name })}
                      </button>
                    </Form>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="removeMember" />
                      <input type="hidden" name="userId" value={m.user_id} />
                      <button type="submit" className="link-button">
                        {m.user_id === me ? t('organisations.removeSelf') : t('organisations.remove', { name })}
                      </button>
                    </Form>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <h3 id="add-member-title">{t('organisations.addTitle')}</h3>
        <Form method="post" noValidate className="inline-fields" aria-labelledby="add-member-title">
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
          <SelectField
            id="organisation-member-role"
            label={t('organisations.role')}
            name="role"
            defaultValue={added?.values.role ?? 'member'}
          >
            <option value="member">{t('organisations.roles.member')}</option>
            <option value="admin">{t('organisations.roles.admin')}</option>
          </SelectField>
          <button type="submit">{t('organisations.add')}</button>
        </Form>
      </section>
    </article>
  );
}
