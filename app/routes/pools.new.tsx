import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { isRefusedByPolicy } from '~/db/errors.server';
import { forbidden } from '~/http.server';
import { readForm } from '~/input/request.server';
import { listRoles } from '~/people/queries.server';
import { PoolForm } from '~/pools/components/PoolForm';
import { createPool, getPoolChoices } from '~/pools/manage.server';
import { poolSchema } from '~/pools/schema.server';
import { parseForm, typedValues } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('pools.new');

export const handle = texts('people');
export const clientLoader = textsFirst(handle);

/** Coordinators and admins only: RLS refuses others' inserts; this gives them a clear 403 first. */
async function requirePoolMaker(request: Request) {
  const user = await requireUser(request);
  const roles = await withUser(user, (tx) => listRoles(tx, user.id));
  if (roles.length === 0) throw forbidden();
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePoolMaker(request);
  return json(await withUser(user, (tx) => getPoolChoices(tx, null)));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePoolMaker(request);
  const formData = await readForm(request);
  const parsed = parseForm(poolSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  let poolId: string;
  try {
    poolId = await withUser(user, (tx) => createPool(tx, parsed.data));
  } catch (error) {
    if (!isRefusedByPolicy(error)) throw error;
    return json(
      { errors: { regionId: 'pools.errors.regionNotYours' }, values: typedValues(formData) },
      { status: 403 },
    );
  }
  return redirect(`/pools/${poolId}`, { headers: await flash(request, 'pools.created') });
}

export default function NewPool() {
  const { t } = useTranslation();
  const { regions, national, organisations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <section aria-labelledby="new-pool-title">
      <h1 id="new-pool-title">{t('pools.new')}</h1>
      {regions.length === 0 && !national ? (
        <p role="status">{t('pools.noRegions')}</p>
      ) : (
        <PoolForm
          values={data?.values ?? {}}
          errors={data?.errors}
          regions={regions}
          national={national}
          organisations={organisations}
          submitLabel={t('pools.create')}
        />
      )}
    </section>
  );
}
