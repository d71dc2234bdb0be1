import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { ORGANISATION_KINDS } from '~/db/types';
import { readForm } from '~/input/request.server';
import { countOrganisationMembers } from '~/organisations/queries.server';
import { asAdmin } from '~/people/as-admin.server';
import { applyAdminChange, getAdminOverview } from '~/pools/admin.server';
import { adminSchema, type AdminInput } from '~/pools/schema.server';
import { listVisiblePools } from '~/pools/queries.server';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('people.admin.title');

export const handle = texts('advice', 'monitoring', 'organisations', 'people', 'questionnaires');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(
    await asAdmin(user, async (tx) => ({
      ...(await getAdminOverview(tx)),
      pools: await listVisiblePools(tx, user.id),
      memberCounts: Object.fromEntries(await countOrganisationMembers(tx)),
    })),
  );
}

/** Which field of the sent form a refusal belongs to (the others name a thing). */
const ERROR_FIELD: Partial<Record<AdminInput['intent'], string>> = {
  grantCoordinator: 'email',
  assignRegion: 'regionId',
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const parsed = parseForm(adminSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const outcome = await asAdmin(user, (tx) => applyAdminChange(tx, parsed.data));
  if (outcome !== 'saved') {
    const field = ERROR_FIELD[parsed.data.intent] ?? 'name';
    const values = Object.fromEntries([...formData].map(([k, v]) => [k, String(v)]));
    return json({ errors: { [field]: `people.admin.${outcome}` }, values }, { status: 400 });
  }
  return redirect('/admin', { headers: await flash(request, 'people.admin.saved') });
}

export default function AdminPage() {
  const { t } = useTranslation();
  const { regions, municipalities, organisations, coordinators, assignments, pools, memberCounts } =
    useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  // Errors and typed values belong to the one form that was sent (per person, where there is one each).
  const sent = (intent: string, userId?: string) =>
    data?.values?.intent === intent && (!userId || data.values.userId === userId) ? data : undefined;
  return (
    <article aria-labelledby="admin-title">
      <h1 id="admin-title">{t('people.admin.title')}</h1>
      <p>
        <Link to="/admin/mail">{t('undelivered.link')}</Link> ·{' '}
        <Link to="/admin/benchmarks">{t('monitoring.benchmarkAdmin.link')}</Link> ·{' '}
        <Link to="/admin/size-classes">{t('monitoring.sizeClasses.link')}</Link> ·{' '}
        <Link to="/admin/respondent-groups">{t('respondentGroups.admin.title')}</Link> ·{' '}
        <Link to="/admin/synonyms">{t('advice.synonyms.title')}</Link>
      </p>

      <section aria-labelledby="admin-pools">
        <h2 id="admin-pools">{t('people.admin.allPools')}</h2>
        <p>
          <Link to="/pools/new">{t('pools.new')}</Link>
        </p>
        <ul>
          {pools.map((p) => (
            <li key={p.id}>
              <Link dir="auto" to={`/pools/${p.id}`}>
                {p.name}
              </Link>{' '}
              <span className="meta">· {t(`poolStatus.${p.status}`)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="admin-coordinators">
        <h2 id="admin-coordinators">{t('people.admin.coordinators')}</h2>
        <p className="hint">{t('people.admin.regionsHint')}</p>
        <ul>
          {coordinators.map((c) => (
            <li key={c.user_id}>
              {c.display_name}{' '}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="revokeCoordinator" />
                <input type="hidden" name="userId" value={c.user_id} />
                <button type="submit" className="link-button">
                  {t('people.admin.revokeCoordinator', { name: c.display_name })}
                </button>
              </Form>
              <CoordinatorRegions
                coordinator={c}
                assigned={assignments.filter((a) => a.user_id === c.user_id)}
                regions={regions}
                error={sent('assignRegion', c.user_id)?.errors.regionId}
              />
            </li>
          ))}
        </ul>
        <Form method="post" noValidate className="inline-fields">
          <input type="hidden" name="intent" value="grantCoordinator" />
          <Field
            name="email"
            id="admin-coordinator-email"
            type="email"
            label={t('people.admin.coordinatorEmail')}
            defaultValue={sent('grantCoordinator')?.values.email}
            error={sent('grantCoordinator')?.errors.email}
          />
          <button type="submit">{t('people.admin.grantCoordinator')}</button>
        </Form>
      </section>

      <section aria-labelledby="admin-regions">
        <h2 id="admin-regions">{t('people.admin.regions')}</h2>
        <p>{regions.map((r) => r.name).join(' · ')}</p>
        <Form method="post" noValidate className="inline-fields">
          <input type="hidden" name="intent" value="region" />
          <Field
            name="name"
            id="admin-region-name"
            label={t('people.admin.regionName')}
            defaultValue={sent('region')?.values.name}
            error={sent('region')?.errors.name}
          />
          <Field
            name="slug"
            id="admin-region-slug"
            label={t('people.admin.regionSlug')}
            defaultValue={sent('region')?.values.slug}
            error={sent('region')?.errors.slug}
          />
          <button type="submit">{t('people.admin.addRegion')}</button>
        </Form>
      </section>

      <section aria-labelledby="admin-municipalities">
        <h2 id="admin-municipalities">{t('people.admin.municipalities')}</h2>
        <p className="meta" dir="auto">
          {municipalities.map((m) => `${m.name} (${m.region_name})`).join(' · ')}
        </p>
        <Form method="post" noValidate className="inline-fields">
          <input type="hidden" name="intent" value="municipality" />
          <Field
            name="name"
            id="admin-municipality-name"
            label={t('people.admin.municipalityName')}
            defaultValue={sent('municipality')?.values.name}
            error={sent('municipality')?.errors.name}
          />
          <SelectField id="admin-municipality-region" label={t('people.admin.region')} name="regionId">
            {regions.map((r) => (
              <option dir="auto" key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
          <button type="submit">{t('people.admin.addMunicipality')}</button>
        </Form>
      </section>

      <section aria-labelledby="admin-organisations">
        <h2 id="admin-organisations">{t('people.admin.organisations')}</h2>
        <ul>
          {organisations.map((o) => (
            <li key={o.id}>
              <Link dir="auto" to={`/admin/organisations/${o.id}`}>
                {o.name}
              </Link>{' '}
              <span className="meta">
                ({t(`people.admin.kinds.${o.kind}`)} ·{' '}
                {t('organisations.memberCount', { count: memberCounts[o.id] ?? 0 })})
              </span>
            </li>
          ))}
        </ul>
        <Form method="post" noValidate className="inline-fields">
          <input type="hidden" name="intent" value="organisation" />
          <Field
            name="name"
            id="admin-organisation-name"
            label={t('people.admin.organisationName')}
            defaultValue={sent('organisation')?.values.name}
            error={sent('organisation')?.errors.name}
          />
          <SelectField id="admin-organisation-kind" label={t('people.admin.kind')} name="kind">
            {ORGANISATION_KINDS.map((k) => (
              <option dir="auto" key={k} value={k}>
                {t(`people.admin.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="admin-organisation-municipality"
            label={t('people.search.municipality')}
            name="municipalityId"
          >
            <option value="">{t('pools.noClient')}</option>
            {municipalities.map((m) => (
              <option dir="auto" key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
          <button type="submit">{t('people.admin.addOrganisation')}</button>
        </Form>
      </section>
    </article>
  );
}

/** The regions a coordinator works in, each with a button to take it away, and a form to add one. */
function CoordinatorRegions({
  coordinator,
  assigned,
  regions,
  error,
}: {
  coordinator: { user_id: string; display_name: string };
  assigned: { region_id: string; region_name: string }[];
  regions: { id: string; name: string }[];
  error?: string;
}) {
  const { t } = useTranslation();
  const name = coordinator.display_name;
  const open = regions.filter((r) => !assigned.some((a) => a.region_id === r.id));
  const selectId = `assign-region-${coordinator.user_id}`;
  return (
    <div className="coordinator-regions">
      {assigned.length === 0 ? (
        <p className="meta">{t('people.admin.noRegions', { name })}</p>
      ) : (
        <ul aria-label={t('people.admin.regionsOf', { name })}>
          {assigned.map((a) => (
            <li key={a.region_id}>
              {a.region_name}{' '}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="unassignRegion" />
                <input type="hidden" name="userId" value={coordinator.user_id} />
                <input type="hidden" name="regionId" value={a.region_id} />
                <button type="submit" className="link-button">
                  {t('people.admin.unassignRegion', { region: a.region_name, name })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {open.length > 0 ? (
        <Form method="post" noValidate className="inline-fields">
          <input type="hidden" name="intent" value="assignRegion" />
          <input type="hidden" name="userId" value={coordinator.user_id} />
          <SelectField id={selectId} name="regionId" label={t('people.admin.regionFor', { name })} error={error}>
            {open.map((r) => (
              <option dir="auto" key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
          <button type="submit">{t('people.admin.assignRegion', { name })}</button>
        </Form>
      ) : null}
    </div>
  );
}
