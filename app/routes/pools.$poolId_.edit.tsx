import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { isRefusedByPolicy } from '~/db/errors.server';
import { notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { mayAppointCoordinators, requirePoolManager } from '~/pools/access.server';
import { PoolForm, type PoolFormValues } from '~/pools/components/PoolForm';
import { getPoolChoices, getPoolForEdit, listPoolPeopleByRole, setPoolRole, updatePool } from '~/pools/manage.server';
import { memberRoleSchema, poolSchema } from '~/pools/schema.server';
import { SelectField } from '~/ui/SelectField';
import { parseForm, typedValues } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('pools.edit');

export const handle = texts('people');
export const clientLoader = textsFirst(handle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  return json(
    await withUser(user, async (tx) => {
      await requirePoolManager(tx, poolId, user.id);
      const [pool, choices, people, mayAppoint] = await Promise.all([
        getPoolForEdit(tx, poolId),
        getPoolChoices(tx, poolId),
        listPoolPeopleByRole(tx, poolId),
        mayAppointCoordinators(tx, poolId),
      ]);
      if (!pool) throw notFound();
      return { pool, ...choices, ...people, mayAppoint, me: user.id };
    }),
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const formData = await readForm(request);
  if (formData.get('intent') === 'role') {
    const role = parseForm(memberRoleSchema, formData);
    // Only a form that was tampered with sends something else: the list and its buttons offer no other.
    if (!role.ok) return json({ roleError: 'errors.invalid' }, { status: 400 });
    try {
      await withUser(user, async (tx) => {
        await requirePoolManager(tx, poolId, user.id);
        await setPoolRole(tx, poolId, role.data.userId, role.data.role);
      });
    } catch (error) {
      // The database refused: appointing is for admins and coordinators of the pool's region.
      if (!isRefusedByPolicy(error)) throw error;
      return json({ roleError: 'pools.members.appointedBy' }, { status: 403 });
    }
    // A coordinator who stepped down may no longer edit the pool: they land on its page.
    const steppedDown = role.data.userId === user.id && role.data.role === 'member';
    return redirect(steppedDown ? `/pools/${poolId}` : `/pools/${poolId}/edit`, {
      headers: await flash(request, 'pools.members.roleChanged'),
    });
  }
  const parsed = parseForm(poolSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    await withUser(user, async (tx) => {
      await requirePoolManager(tx, poolId, user.id);
      await updatePool(tx, poolId, parsed.data);
    });
  } catch (error) {
    if (!isRefusedByPolicy(error)) throw error;
    return json(
      { errors: { regionId: 'pools.errors.regionNotYours' }, values: typedValues(formData) },
      { status: 403 },
    );
  }
  return redirect(`/pools/${poolId}`, { headers: await flash(request, 'pools.saved') });
}

export default function EditPool() {
  const { t } = useTranslation();
  const { pool, regions, national, organisations, coordinators, members, mayAppoint, me } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const data = answer && 'errors' in answer ? answer : undefined;
  const roleError = answer && 'roleError' in answer ? answer.roleError : null;
  const current: PoolFormValues = {
    name: pool.name,
    regionId: pool.region_id ?? '',
    clientOrganisationId: pool.client_organisation_id ?? '',
    assignment: pool.assignment,
    startsOn: pool.starts_on ?? '',
    endsOn: pool.ends_on ?? '',
    status: pool.status,
  };
  return (
    <section aria-labelledby="edit-pool-title">
      <p>
        <Link to={`/pools/${pool.id}`}>← {pool.name}</Link>
      </p>
      <h1 id="edit-pool-title">{t('pools.edit')}</h1>
      <PoolForm
        values={data?.values ?? current}
        errors={data?.errors}
        regions={regions}
        national={national}
        organisations={organisations}
        submitLabel={t('pools.save')}
      />
      <section aria-labelledby="coordinators-title">
        <h2 id="coordinators-title">{t('pools.members.coordinators')}</h2>
        {roleError ? <p role="alert">{t(roleError)}</p> : mayAppoint ? null : <p>{t('pools.members.appointedBy')}</p>}
        <ul>
          {coordinators.map((c) => (
            <li key={c.user_id}>
              {c.display_name}{' '}
              {mayAppoint || c.user_id === me ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="userId" value={c.user_id} />
                  <button type="submit" name="role" value="member" className="link-button">
                    {t('pools.members.makeMember', { name: c.display_name })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {mayAppoint && members.length > 0 ? (
          <Form method="post" className="inline-fields">
            <input type="hidden" name="intent" value="role" />
            <input type="hidden" name="role" value="coordinator" />
            <SelectField id="new-coordinator" label={t('pools.members.choose')} name="userId">
              {members.map((m) => (
                <option dir="auto" key={m.user_id} value={m.user_id}>
                  {m.display_name}
                </option>
              ))}
            </SelectField>
            <button type="submit">{t('pools.members.addCoordinator')}</button>
          </Form>
        ) : null}
      </section>
    </section>
  );
}
