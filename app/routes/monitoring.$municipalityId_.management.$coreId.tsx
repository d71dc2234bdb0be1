import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { RemoveButton } from '~/monitoring/components/RemoveButton';
import { useTranslation } from 'react-i18next';
import { listDataSources } from '~/advice/data-sources.server';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { isStillReferenced } from '~/db/errors.server';
import { forbidden, notFound } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { direction } from '~/i18n/locales';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { requireMonitoring } from '~/monitoring/access.server';
import {
  AddManagementForm,
  IndicatorForms,
  type ManagementEditing,
  type Refused,
} from '~/monitoring/components/ManagementForms';
import { ManagementIndicators } from '~/monitoring/components/ManagementIndicators';
import {
  addDimension,
  addManagement,
  findCoreIndicator,
  findManagement,
  loadManagement,
  removeDimension,
  removeManagement,
  removeManagementTarget,
  removeManagementValue,
  rollUp,
  saveManagementTarget,
  saveManagementValue,
} from '~/monitoring/management.server';
import { coreIndicatorBelongsTo } from '~/monitoring/queries.server';
import {
  managementDimensionSchema,
  managementSchema,
  managementTargetSchema,
  managementValueSchema,
  removeDimensionSchema,
  removeManagementSchema,
  removeTargetSchema,
  removeValueSchema,
} from '~/monitoring/schema.server';
import { parseForm, typedValues } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { useSavedKey } from '~/ui/useSavedKey';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('monitoring');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.core.description, 'Monitoring') : 'Expertpool' },
];

/**
 * The management indicators under one core indicator, where they are kept: added (by the
 * municipality's readers, the coordinators of its region, admins), given targets, and their figures
 * entered (by its readers and admins). The monitoring page shows them; this page changes them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireMonitoring(user, params.municipalityId, 'read');
  const coreId = requireId(params.coreId);
  const locale = await detectLocale(request);
  const { core, management, sources } = await withUser(user, async (tx) => {
    const row = await findCoreIndicator(tx, coreId, access.id);
    if (!row) throw notFound();
    return {
      core: row,
      management: await loadManagement(tx, access.id, [coreId]),
      sources: await listDataSources(tx, access.id),
    };
  });
  return json({
    municipality: access,
    core: { ...core, management, managementProgress: rollUp(management) },
    sources,
    rtl: direction(locale) === 'rtl',
  });
}

const WRITES_VALUES = new Set(['management-value', 'remove-management-value']);

type ActionData = Refused;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  // Figures need `writes`; the indicators themselves and their targets `links` (asked of the database).
  const access = await requireMonitoring(user, params.municipalityId, WRITES_VALUES.has(intent) ? 'write' : 'read');
  if (!WRITES_VALUES.has(intent) && !access.links) throw forbidden();
  const municipalityId = access.id;
  const coreId = requireId(params.coreId);
  const back = `/monitoring/${municipalityId}/management/${coreId}`;
  const refuse = (data: Omit<ActionData, 'intent'>) => json<ActionData>({ intent, ...data }, { status: 400 });
  const managementIndicatorId = String(form.get('managementIndicatorId') ?? '');
  if (intent === 'management') {
    const parsed = parseForm(managementSchema, form);
    const coreIndicatorId = coreId;
    if (!parsed.ok) return refuse({ coreIndicatorId, errors: parsed.errors, values: parsed.values });
    const { data } = parsed;
    const problem = await withUser(user, async (tx) => {
      if (data.coreIndicatorId !== coreId || !(await coreIndicatorBelongsTo(tx, coreId, municipalityId))) {
        throw notFound();
      }
      const own = await listDataSources(tx, municipalityId);
      if (data.sourceId && !own.some((s) => s.id === data.sourceId)) return { sourceId: 'monitoring.errors.invalid' };
      return (await addManagement(tx, data)) ? null : { name: 'monitoring.management.duplicate' };
    });
    if (problem) return refuse({ coreIndicatorId, errors: problem, values: typedValues(form) });
    return redirect(back, {
      headers: await flash(request, 'monitoring.flash.managementSaved'),
    });
  }
  if (intent === 'remove-management') {
    const parsed = parseForm(removeManagementSchema, form);
    if (!parsed.ok) throw notFound();
    try {
      const removed = await withUser(user, (tx) =>
        removeManagement(tx, parsed.data.managementIndicatorId, municipalityId),
      );
      if (!removed) throw notFound();
    } catch (error) {
      // Its figures hold on to it, or (as its dimensions go with it) to one of its dimensions.
      const held =
        isStillReferenced(error, 'management_indicator_values_management_indicator_id_fkey') ||
        isStillReferenced(error, 'management_indicator_values_breakdown_id_fkey');
      if (!held) throw error;
      return refuse({
        coreIndicatorId: '',
        managementIndicatorId,
        errors: { managementIndicatorId: 'monitoring.management.hasFigures' },
        values: {},
      });
    }
    return redirect(back, { headers: await flash(request, 'monitoring.flash.managementRemoved') });
  }
  if (intent === 'management-dimension') {
    const parsed = parseForm(managementDimensionSchema, form);
    if (!parsed.ok)
      return refuse({ coreIndicatorId: '', managementIndicatorId, errors: parsed.errors, values: parsed.values });
    const { data } = parsed;
    const outcome = await withUser(user, async (tx) => {
      if (!(await findManagement(tx, data.managementIndicatorId, municipalityId))) throw notFound();
      return addDimension(tx, data);
    });
    if (outcome !== 'added') {
      const errors =
        outcome === 'full'
          ? { name: 'monitoring.management.dimensionsFull' }
          : { name: 'monitoring.management.dimensionDuplicate' };
      return refuse({ coreIndicatorId: '', managementIndicatorId, errors, values: typedValues(form) });
    }
    return redirect(`${back}#management-${data.managementIndicatorId}`, {
      headers: await flash(request, 'monitoring.flash.dimensionSaved'),
    });
  }
  if (intent === 'remove-management-dimension') {
    const parsed = parseForm(removeDimensionSchema, form);
    if (!parsed.ok) throw notFound();
    try {
      const removed = await withUser(user, (tx) => removeDimension(tx, parsed.data.dimensionId, municipalityId));
      if (!removed) throw notFound();
    } catch (error) {
      if (!isStillReferenced(error, 'management_indicator_values_breakdown_id_fkey')) throw error;
      return refuse({
        coreIndicatorId: '',
        managementIndicatorId,
        errors: { dimensionId: 'monitoring.management.dimensionHasFigures' },
        values: {},
      });
    }
    return redirect(back, { headers: await flash(request, 'monitoring.flash.dimensionRemoved') });
  }
  if (intent === 'remove-management-value') {
    const parsed = parseForm(removeValueSchema, form);
    if (!parsed.ok) throw notFound();
    const removed = await withUser(user, (tx) => removeManagementValue(tx, parsed.data.valueId, municipalityId));
    if (!removed) throw notFound();
    return redirect(back, { headers: await flash(request, 'monitoring.flash.valueRemoved') });
  }
  if (intent === 'remove-management-target') {
    const parsed = parseForm(removeTargetSchema, form);
    if (!parsed.ok) throw notFound();
    const removed = await withUser(user, (tx) => removeManagementTarget(tx, parsed.data.targetId, municipalityId));
    if (!removed) throw notFound();
    return redirect(back, { headers: await flash(request, 'monitoring.flash.targetRemoved') });
  }
  if (intent !== 'management-target' && intent !== 'management-value') throw notFound();
  const parsed =
    intent === 'management-target' ? parseForm(managementTargetSchema, form) : parseForm(managementValueSchema, form);
  if (!parsed.ok)
    return refuse({ coreIndicatorId: '', managementIndicatorId, errors: parsed.errors, values: parsed.values });
  const data = parsed.data;
  const problem = await withUser(user, async (tx) => {
    const indicator = await findManagement(tx, data.managementIndicatorId, municipalityId);
    if (!indicator) throw notFound();
    if (!('period' in data)) return saveManagementTarget(tx, data);
    // A dimension of another indicator, or a value its dimension does not have: told by the field.
    const { dimensionId, value } = data.breakdown;
    if (dimensionId !== null && !indicator.dimensions.some((d) => d.id === dimensionId && d.values.includes(value))) {
      return { breakdown: 'monitoring.errors.breakdownValue' };
    }
    return saveManagementValue(tx, data);
  });
  if (problem)
    return refuse({ coreIndicatorId: '', managementIndicatorId, errors: problem, values: typedValues(form) });
  return redirect(`${back}#management-${data.managementIndicatorId}`, {
    headers: await flash(
      request,
      intent === 'management-target' ? 'monitoring.flash.targetSaved' : 'monitoring.flash.valueSaved',
    ),
  });
}

export default function ManagementPage() {
  const { t } = useTranslation();
  const { municipality, core, sources, rtl } = useLoaderData<typeof loader>();
  const savedKey = useSavedKey();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === 'submitting';
  const editing: ManagementEditing = {
    links: municipality.links,
    writes: municipality.writes,
    sources,
    busy,
    refused: actionData && 'intent' in actionData ? actionData : null,
  };
  return (
    <article aria-labelledby="management-page-title" className="monitoring">
      <p>
        <Link to={`/monitoring/${municipality.id}#core-${core.id}`}>
          ← {t('monitoring.title', { municipality: municipality.name })}
        </Link>
      </p>
      <h1 id="management-page-title">
        {t('monitoring.management.pageTitle')}: <bdi>{core.description}</bdi>
      </h1>
      <ManagementIndicators
        key={savedKey}
        core={core}
        rtl={rtl}
        level={2}
        formsFor={(indicator) => <IndicatorForms indicator={indicator} editing={editing} />}
        valueAction={
          municipality.writes
            ? (valueId, label) => (
                <RemoveButton
                  intent="remove-management-value"
                  field="valueId"
                  id={valueId}
                  label={t('monitoring.values.remove', { period: label })}
                />
              )
            : undefined
        }
        targetAction={
          municipality.links
            ? (targetId, label) => (
                <RemoveButton intent="remove-management-target" field="targetId" id={targetId} label={label} />
              )
            : undefined
        }
      >
        {municipality.links ? <AddManagementForm coreId={core.id} editing={editing} /> : null}
      </ManagementIndicators>
    </article>
  );
}
