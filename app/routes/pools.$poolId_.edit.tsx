import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { notFound, requireId } from '~/http.server';
import { requirePoolManager } from '~/pools/access.server';
import { PoolForm, type PoolFormValues } from '~/pools/components/PoolForm';
import { getPoolChoices, getPoolForEdit, updatePool } from '~/pools/manage.server';
import { poolSchema } from '~/pools/schema';
import { parseForm } from '~/ui/forms';

export const meta: MetaFunction = () => [{ title: 'Pool bewerken · Expertpool' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  return json(
    await withUser(user, async (tx) => {
      await requirePoolManager(tx, poolId, user.id);
      const [pool, choices] = await Promise.all([getPoolForEdit(tx, poolId), getPoolChoices(tx)]);
      if (!pool) throw notFound();
      return { pool, ...choices };
    }),
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const parsed = parseForm(poolSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await withUser(user, async (tx) => {
    await requirePoolManager(tx, poolId, user.id);
    await updatePool(tx, poolId, parsed.data);
  });
  return redirect(`/pools/${poolId}`, { headers: await flash(request, 'pools.saved') });
}

export default function EditPool() {
  const { t } = useTranslation();
  const { pool, regions, organisations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
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
        organisations={organisations}
        submitLabel={t('pools.save')}
      />
    </section>
  );
}
