import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { RemoveButton } from '~/monitoring/components/RemoveButton';
import { useTranslation } from 'react-i18next';
import { listDataSources, setCoreIndicatorSource } from '~/advice/data-sources.server';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser, type Tx } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { direction } from '~/i18n/locales';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { requireMonitoring } from '~/monitoring/access.server';
import { CoreIndicatorFigures } from '~/monitoring/components/CoreIndicatorFigures';
import { CoreSourceForm, LinkForm, ValueForm, type Refused } from '~/monitoring/components/CoreIndicatorForms';
import { ProgressCounts, useProgressWords } from '~/monitoring/components/ProgressBadge';
import { TargetForms } from '~/monitoring/components/TargetForms';
import {
  coreIndicatorBelongsTo,
  loadCoreIndicator,
  removeTarget,
  removeValue,
  saveMeasure,
  saveTarget,
  saveValue,
  setLinkedIndicators,
} from '~/monitoring/queries.server';
import {
  coreSourceSchema,
  linkSchema,
  measureSchema,
  removeTargetSchema,
  removeValueSchema,
  targetSchema,
  valueSchema,
} from '~/monitoring/schema.server';
import { parseForm, parseValues } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { useSavedKey } from '~/ui/useSavedKey';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('advice', 'monitoring', 'questionnaires');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.core.description, 'Monitoring') : 'Expertpool' },
];

/**
 * One core indicator of a municipality's monitoring, where it is kept: its figures entered and removed
 * (by the municipality's readers and admins), its direction, unit, comparison and targets set and the
 * indicators it follows linked (also by the coordinators of its region), its data source chosen (by
 * those coordinators and admins). The monitoring page shows every core indicator read-only and links
 * here; after saving, the person stays here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireMonitoring(user, params.municipalityId, 'read');
  const coreId = requireId(params.coreId);
  const locale = await detectLocale(request);
  const page = await withUser(user, (tx) => loadCoreIndicator(tx, access.id, coreId, locale));
  if (!page) throw notFound();
  return json({ municipality: access, ...page, rtl: direction(locale) === 'rtl' });
}

/** What only the municipality's readers and admins do; the other intents say whom they need below. */
const WRITES_VALUES = new Set(['value', 'remove-value']);

type ActionData = Refused;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const access = await requireMonitoring(user, params.municipalityId, WRITES_VALUES.has(intent) ? 'write' : 'read');
  const coreId = requireId(params.coreId);
  const back = `/monitoring/${access.id}/indicator/${coreId}`;
  const refuse = (errors: Refused['errors'], values: Refused['values']) =>
    json<ActionData>({ intent, errors, values }, { status: 400 });
  /** The form's core indicator must be this page's, and of this municipality's tree. */
  const ownCore = async (tx: Tx, formCoreId: string) => {
    if (formCoreId !== coreId || !(await coreIndicatorBelongsTo(tx, coreId, access.id))) throw notFound();
  };
  const saved = async (message: string) => redirect(back, { headers: await flash(request, message) });

  if (intent === 'value') {
    const parsed = parseForm(valueSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    await withUser(user, async (tx) => {
      await ownCore(tx, parsed.data.coreIndicatorId);
      await saveValue(tx, parsed.data);
    });
    return saved('monitoring.flash.valueSaved');
  }
  if (intent === 'remove-value') {
    const parsed = parseForm(removeValueSchema, form);
    if (!parsed.ok) throw notFound();
    const removed = await withUser(user, (tx) => removeValue(tx, parsed.data.valueId, access.id, coreId));
    if (!removed) throw notFound();
    return saved('monitoring.flash.valueRemoved');
  }
  if (intent === 'link') {
    if (!access.links) throw forbidden();
    const parsed = parseValues(linkSchema, {
      coreIndicatorId: String(form.get('coreIndicatorId') ?? ''),
      indicators: form.getAll('indicators').filter((v): v is string => typeof v === 'string'),
    });
    if (!parsed.ok) return refuse(parsed.errors, { indicators: parsed.values.indicators.join(',') });
    await withUser(user, async (tx) => {
      await ownCore(tx, parsed.data.coreIndicatorId);
      await setLinkedIndicators(tx, parsed.data.coreIndicatorId, parsed.data.indicators);
    });
    return saved('monitoring.flash.linksSaved');
  }
  if (intent === 'measure' || intent === 'target') {
    if (!access.links) throw forbidden();
    const parsed = intent === 'measure' ? parseForm(measureSchema, form) : parseForm(targetSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    const data = parsed.data;
    await withUser(user, async (tx) => {
      await ownCore(tx, data.coreIndicatorId);
      await ('direction' in data ? saveMeasure(tx, data) : saveTarget(tx, data));
    });
    return saved(intent === 'measure' ? 'monitoring.flash.measureSaved' : 'monitoring.flash.targetSaved');
  }
  if (intent === 'remove-target') {
    if (!access.links) throw forbidden();
    const parsed = parseForm(removeTargetSchema, form);
    if (!parsed.ok) throw notFound();
    const removed = await withUser(user, (tx) => removeTarget(tx, parsed.data.targetId, access.id, coreId));
    if (!removed) throw notFound();
    return saved('monitoring.flash.targetRemoved');
  }
  if (intent === 'core-source') {
    if (!access.keepsTree) throw forbidden();
    const parsed = parseForm(coreSourceSchema, form);
    if (!parsed.ok) throw notFound();
    const { sourceId } = parsed.data;
    await withUser(user, async (tx) => {
      await ownCore(tx, parsed.data.coreIndicatorId);
      const own = await listDataSources(tx, access.id);
      if (sourceId !== '' && !own.some((s) => s.id === sourceId)) throw notFound();
      if (!(await setCoreIndicatorSource(tx, coreId, sourceId || null))) throw forbidden();
    });
    return saved('monitoring.flash.coreSourceSaved');
  }
  throw notFound();
}

export default function CoreIndicatorPage() {
  const { t } = useTranslation();
  const words = useProgressWords();
  const { municipality, goal, output, core, indicators, months, sources, benchmarkMeasures, rtl } =
    useLoaderData<typeof loader>();
  const savedKey = useSavedKey();
  const actionData = useActionData<typeof action>() as ActionData | { error: string } | undefined;
  const refused = actionData && 'intent' in actionData ? actionData : null;
  const refusedFor = (...intents: string[]) => (refused && intents.includes(refused.intent) ? refused : null);
  const busy = useNavigation().state === 'submitting';
  const id = `core-${core.id}`;

  return (
    <article aria-labelledby={`${id}-title`} className="monitoring">
      <p>
        <Link to={`/monitoring/${municipality.id}#${id}`}>
          ← {t('monitoring.title', { municipality: municipality.name })}
        </Link>
      </p>
      <h1 id={`${id}-title`}>
        {t('monitoring.core.pageTitle')}: <bdi>{core.description}</bdi>
      </h1>
      <p>
        <span className="meta">{t('advice.goals.goal')}:</span> <bdi>{goal}</bdi> ·{' '}
        <span className="meta">{t('advice.goals.output')}:</span> <bdi>{output}</bdi>
      </p>
      <dl className="core-facts">
        <dt>{t('advice.goals.dataSource')}</dt>
        <dd>
          {core.dataSource ? <bdi>{core.dataSource}</bdi> : '–'}
          {core.sourceKind ? <span className="meta"> ({t(`monitoring.sources.kinds.${core.sourceKind}`)})</span> : null}
          {municipality.keepsTree ? (
            <CoreSourceForm key={savedKey} core={core} sourceId={core.sourceId} sources={sources} busy={busy} />
          ) : null}
        </dd>
        <dt>{t('monitoring.linked.title')}</dt>
        <dd>
          {core.indicators.length === 0 ? (
            t('monitoring.linked.none')
          ) : (
            <ul className="advice-badges">
              {core.indicators.map((i) => (
                <li key={i.code} className="badge">
                  {i.name}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {municipality.links ? (
        <LinkForm
          key={savedKey}
          core={core}
          linked={core.indicators.map((i) => i.code)}
          indicators={indicators}
          refused={refusedFor('link')}
          busy={busy}
        />
      ) : null}

      {municipality.writes ? (
        <ValueForm
          key={`value-${savedKey}`}
          core={core}
          unit={core.values.at(-1)?.unit ?? ''}
          refused={refusedFor('value')}
          busy={busy}
        />
      ) : null}
      {municipality.links ? (
        <TargetForms
          key={`targets-${savedKey}`}
          core={core}
          refused={refusedFor('measure', 'target')}
          busy={busy}
          benchmarkMeasures={benchmarkMeasures}
        />
      ) : null}

      <CoreIndicatorFigures
        core={core}
        months={months}
        rtl={rtl}
        level={2}
        targetAction={
          municipality.links
            ? (targetId, year) => (
                <RemoveButton
                  intent="remove-target"
                  field="targetId"
                  id={targetId}
                  label={t('monitoring.progress.removeTarget', { year })}
                />
              )
            : undefined
        }
        valueAction={
          municipality.writes
            ? (valueId, label) => (
                <RemoveButton
                  intent="remove-value"
                  field="valueId"
                  id={valueId}
                  label={t('monitoring.values.remove', { period: label })}
                />
              )
            : undefined
        }
      />

      <section aria-labelledby={`${id}-management`} className="monitoring-block">
        <h2 id={`${id}-management`}>{t('monitoring.management.title')}</h2>
        {core.managementCount > 0 ? (
          <ProgressCounts
            counts={core.managementProgress}
            label={t('monitoring.management.rollUp', { description: core.description })}
            words={words}
          />
        ) : (
          <p>{t('monitoring.management.none')}</p>
        )}
        <p>
          <Link to={`/monitoring/${municipality.id}/management/${core.id}`}>
            {t('monitoring.management.edit', { description: core.description })}
          </Link>
        </p>
      </section>
    </article>
  );
}
