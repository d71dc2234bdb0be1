import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { listDataSources, setCoreIndicatorSource } from '~/advice/data-sources.server';
import type { User } from '~/auth/user';
import { forbidden, notFound } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { direction } from '~/i18n/locales';
import { readForm } from '~/input/request.server';
import { requireMonitoring } from '~/monitoring/access.server';
import { CoreIndicatorFigures } from '~/monitoring/components/CoreIndicatorFigures';
import { ProgressCounts } from '~/monitoring/components/ProgressBadge';
import { TargetForms } from '~/monitoring/components/TargetForms';
import {
  coreIndicatorBelongsTo,
  listMonitoredMunicipalities,
  loadMonitoring,
  removeTarget,
  withoutManagementFigures,
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
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm, parseValues, type FieldErrors } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('advice', 'monitoring', 'questionnaires');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.municipality.name, 'Monitoring') : 'Expertpool' },
];

/** A municipality's monitoring: its goal tree with values, experience data and advice per core indicator. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireMonitoring(user, params.municipalityId, 'read');
  const locale = await detectLocale(request);
  const [monitoring, others] = await withUser(user, (tx) =>
    Promise.all([loadMonitoring(tx, access.id, locale).then(withoutManagementFigures), listMonitoredMunicipalities(tx)]),
  );
  // Forms are keyed by it: a saved value empties them, a refused one (400, no reload) keeps what was typed.
  return json({ municipality: access, monitoring, others, rtl: direction(locale) === 'rtl', loadedAt: Date.now() });
}

/** What only the municipality's readers and admins do; the other intents say whom they need below. */
const WRITES_VALUES = new Set(['value', 'remove-value']);

type ActionData = { intent: string; coreIndicatorId: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const access = await requireMonitoring(user, params.municipalityId, WRITES_VALUES.has(intent) ? 'write' : 'read');
  const back = `/monitoring/${access.id}`;
  const coreIndicatorId = String(form.get('coreIndicatorId') ?? '');

  if (intent === 'value') {
    const parsed = parseForm(valueSchema, form);
    if (!parsed.ok) {
      return json<ActionData>(
        { intent, coreIndicatorId, errors: parsed.errors, values: parsed.values },
        { status: 400 },
      );
    }
    await withUser(user, async (tx) => {
      if (!(await coreIndicatorBelongsTo(tx, parsed.data.coreIndicatorId, access.id))) throw notFound();
      await saveValue(tx, parsed.data);
    });
    return redirect(`${back}#core-${parsed.data.coreIndicatorId}`, {
      headers: await flash(request, 'monitoring.flash.valueSaved'),
    });
  }
  if (intent === 'remove-value') {
    const parsed = parseForm(removeValueSchema, form);
    if (!parsed.ok) throw notFound();
    const removed = await withUser(user, (tx) => removeValue(tx, parsed.data.valueId, access.id));
    if (!removed) throw notFound();
    return redirect(back, { headers: await flash(request, 'monitoring.flash.valueRemoved') });
  }
  if (intent === 'link') {
    if (!access.links) throw forbidden();
    const parsed = parseValues(linkSchema, {
      coreIndicatorId,
      indicators: form.getAll('indicators').filter((v): v is string => typeof v === 'string'),
    });
    if (!parsed.ok) {
      return json<ActionData>(
        { intent, coreIndicatorId, errors: parsed.errors, values: { indicators: parsed.values.indicators.join(',') } },
        { status: 400 },
      );
    }
    await withUser(user, async (tx) => {
      if (!(await coreIndicatorBelongsTo(tx, parsed.data.coreIndicatorId, access.id))) throw notFound();
      await setLinkedIndicators(tx, parsed.data.coreIndicatorId, parsed.data.indicators);
    });
    return redirect(`${back}#core-${parsed.data.coreIndicatorId}`, {
      headers: await flash(request, 'monitoring.flash.linksSaved'),
    });
  }
  if (intent === 'measure' || intent === 'target') {
    if (!access.links) throw forbidden();
    const parsed = intent === 'measure' ? parseForm(measureSchema, form) : parseForm(targetSchema, form);
    if (!parsed.ok) {
      return json<ActionData>(
        { intent, coreIndicatorId, errors: parsed.errors, values: parsed.values },
        { status: 400 },
      );
    }
    const data = parsed.data;
    await withUser(user, async (tx) => {
      if (!(await coreIndicatorBelongsTo(tx, data.coreIndicatorId, access.id))) throw notFound();
      await ('direction' in data ? saveMeasure(tx, data) : saveTarget(tx, data));
    });
    return redirect(`${back}#core-${data.coreIndicatorId}`, {
      headers: await flash(
        request,
        intent === 'measure' ? 'monitoring.flash.measureSaved' : 'monitoring.flash.targetSaved',
      ),
    });
  }
  if (intent === 'remove-target') {
    if (!access.links) throw forbidden();
    const parsed = parseForm(removeTargetSchema, form);
    if (!parsed.ok) throw notFound();
    const removed = await withUser(user, (tx) => removeTarget(tx, parsed.data.targetId, access.id));
    if (!removed) throw notFound();
    return redirect(back, { headers: await flash(request, 'monitoring.flash.targetRemoved') });
  }
  if (intent === 'core-source') {
    if (!access.keepsTree) throw forbidden();
    return setCoreSource(request, user, access.id, form);
  }
  throw notFound();
}

/** Which of the municipality's data sources (its own page keeps the list) a core indicator's figures come from. */
async function setCoreSource(request: Request, user: User, municipalityId: string, form: FormData) {
  const back = `/monitoring/${municipalityId}`;
  const parsed = parseForm(coreSourceSchema, form);
  if (!parsed.ok) throw notFound();
  const { coreIndicatorId, sourceId } = parsed.data;
  await withUser(user, async (tx) => {
    if (!(await coreIndicatorBelongsTo(tx, coreIndicatorId, municipalityId))) throw notFound();
    const own = await listDataSources(tx, municipalityId);
    if (sourceId !== '' && !own.some((s) => s.id === sourceId)) throw notFound();
    if (!(await setCoreIndicatorSource(tx, coreIndicatorId, sourceId || null))) throw forbidden();
  });
  return redirect(`${back}#core-${coreIndicatorId}`, {
    headers: await flash(request, 'monitoring.flash.coreSourceSaved'),
  });
}

export default function MonitoringPage() {
  const { t } = useTranslation();
  const { municipality, monitoring, others, rtl, loadedAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | { error: string } | undefined;
  const failed = actionData && 'intent' in actionData ? actionData : null;
  const busy = useNavigation().state === 'submitting';
  const cores = monitoring.goals.flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators));

  return (
    <article aria-labelledby="monitoring-title" className="monitoring">
      <h1 id="monitoring-title">{t('monitoring.title', { municipality: municipality.name })}</h1>
      <p>{t('monitoring.lead')}</p>
      <nav aria-label={t('monitoring.tools')} className="monitoring-tools no-print">
        {municipality.writes ? <Link to="import">{t('monitoring.import.link')}</Link> : null}
        <a href={`/monitoring/${municipality.id}/export.csv`} download>
          {t('monitoring.export.link')}
        </a>
        <Link to="print">{t('monitoring.print.link')}</Link>
        <Link to="sources">{t('monitoring.sources.link')}</Link>
        {others.length > 1 ? <Link to="/monitoring">{t('monitoring.otherMunicipality')}</Link> : null}
      </nav>
      {monitoring.goals.length === 0 ? (
        <p>
          {t('monitoring.noTree')} <Link to={`/goals?municipality=${municipality.id}`}>{t('monitoring.toGoals')}</Link>
        </p>
      ) : null}

      {monitoring.goals.map((goal) => (
        <section key={goal.id} aria-labelledby={`goal-${goal.id}`} className="monitoring-goal">
          <h2 id={`goal-${goal.id}`}>
            <span className="meta">{t('advice.goals.goal')}:</span> {goal.title}
          </h2>
          <ProgressCounts counts={goal.progress} label={t('monitoring.progress.goalSummary', { goal: goal.title })} />
          {goal.advice.length > 0 ? (
            <p>
              {t('monitoring.progress.goalAdvice')}{' '}
              {goal.advice.map((a, index) => (
                <span key={a.id}>
                  {index > 0 ? ', ' : null}
                  <Link to={`/advice/${a.id}`}>
                    <bdi>{a.title}</bdi>
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
          {goal.outputs.map((output) => (
            <section key={output.id} aria-labelledby={`output-${output.id}`} className="monitoring-output">
              <h3 id={`output-${output.id}`}>
                <span className="meta">{t('advice.goals.output')}:</span> {output.title}
              </h3>
              {output.description ? <p dir="auto">{output.description}</p> : null}
              {output.coreIndicators.map((core) => {
                const mine = failed?.coreIndicatorId === core.id ? failed : null;
                const valueErrors = mine?.intent === 'value' ? mine.errors : {};
                const typed = mine?.intent === 'value' ? mine.values : {};
                const linked = new Set(
                  mine?.intent === 'link'
                    ? (mine.values.indicators ?? '').split(',').filter(Boolean)
                    : core.indicators.map((i) => i.code),
                );
                const id = `core-${core.id}`;
                return (
                  <section key={core.id} id={id} aria-labelledby={`${id}-title`} className="monitoring-core">
                    <h4 dir="auto" id={`${id}-title`}>
                      {core.description}
                    </h4>
                    <dl className="core-facts">
                      <dt>{t('advice.goals.dataSource')}</dt>
                      <dd>
                        {core.dataSource ? <bdi>{core.dataSource}</bdi> : '–'}
                        {core.sourceKind ? (
                          <span className="meta"> ({t(`monitoring.sources.kinds.${core.sourceKind}`)})</span>
                        ) : null}
                        {municipality.keepsTree ? (
                          <Form method="post" preventScrollReset className="inline-fields no-print">
                            <input type="hidden" name="intent" value="core-source" />
                            <input type="hidden" name="coreIndicatorId" value={core.id} />
                            <SelectField
                              id={`${id}-source`}
                              name="sourceId"
                              label={t('monitoring.sources.choose')}
                              defaultValue={core.sourceId ?? ''}
                            >
                              <option value="">–</option>
                              {monitoring.sources.map((source) => (
                                <option dir="auto" key={source.id} value={source.id}>
                                  {source.name}
                                </option>
                              ))}
                            </SelectField>
                            <button type="submit" disabled={busy}>
                              {t('monitoring.sources.setForCore')}
                            </button>
                          </Form>
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
                      <details key={loadedAt} className="no-print" open={mine?.intent === 'link'}>
                        <summary>{t('monitoring.linked.change')}</summary>
                        <Form method="post" preventScrollReset>
                          <input type="hidden" name="intent" value="link" />
                          <input type="hidden" name="coreIndicatorId" value={core.id} />
                          <fieldset className="checkbox-group">
                            <legend>{t('monitoring.linked.legend', { description: core.description })}</legend>
                            {monitoring.indicators.map((i) => (
                              <label key={i.code} className="checkbox">
                                <input
                                  type="checkbox"
                                  name="indicators"
                                  value={i.code}
                                  defaultChecked={linked.has(i.code)}
                                />
                                {i.name}
                              </label>
                            ))}
                          </fieldset>
                          {mine?.intent === 'link' && mine.errors.indicators ? (
                            <p className="field-error" role="alert">
                              {t(mine.errors.indicators)}
                            </p>
                          ) : null}
                          <button type="submit" disabled={busy}>
                            {t('monitoring.linked.save')}
                          </button>
                        </Form>
                      </details>
                    ) : null}

                    <CoreIndicatorFigures
                      core={core}
                      months={monitoring.months}
                      rtl={rtl}
                      level={5}
                      targetAction={
                        municipality.links
                          ? (targetId, year) => (
                              <Form method="post" preventScrollReset className="inline-form">
                                <input type="hidden" name="intent" value="remove-target" />
                                <input type="hidden" name="targetId" value={targetId} />
                                <button
                                  type="submit"
                                  className="link-button"
                                  aria-label={t('monitoring.progress.removeTarget', { year })}
                                >
                                  {t('monitoring.values.removeShort')}
                                </button>
                              </Form>
                            )
                          : undefined
                      }
                      valueAction={
                        municipality.writes
                          ? (valueId, label) => (
                              <Form method="post" preventScrollReset className="inline-form">
                                <input type="hidden" name="intent" value="remove-value" />
                                <input type="hidden" name="valueId" value={valueId} />
                                <button
                                  type="submit"
                                  className="link-button"
                                  aria-label={t('monitoring.values.remove', { period: label })}
                                >
                                  {t('monitoring.values.removeShort')}
                                </button>
                              </Form>
                            )
                          : undefined
                      }
                    />

                    {/* The management indicators themselves, with their charts, live on their own page: this
                        page is at its JavaScript budget. Here their progress, counted per status. */}
                    <p className="no-print">
                      <Link to={`management/${core.id}`}>
                        {t('monitoring.management.edit', { description: core.description })}
                      </Link>
                    </p>
                    {core.managementCount > 0 ? (
                      <ProgressCounts
                        counts={core.managementProgress}
                        label={t('monitoring.management.rollUp', { description: core.description })}
                      />
                    ) : null}

                    {municipality.links ? (
                      <TargetForms
                        key={`targets-${loadedAt}`}
                        core={core}
                        refused={mine?.intent === 'measure' || mine?.intent === 'target' ? mine : null}
                        busy={busy}
                        benchmarkMeasures={monitoring.benchmarkMeasures}
                      />
                    ) : null}

                    {municipality.writes ? (
                      <Form
                        key={loadedAt}
                        method="post"
                        className="value-form no-print"
                        aria-labelledby={`${id}-add`}
                        noValidate
                      >
                        <h5 id={`${id}-add`}>{t('monitoring.values.add')}</h5>
                        <input type="hidden" name="intent" value="value" />
                        <input type="hidden" name="coreIndicatorId" value={core.id} />
                        <div className="inline-fields">
                          <Field
                            id={`${id}-period`}
                            name="period"
                            label={t('monitoring.fields.period')}
                            hint={t('monitoring.fields.periodHint')}
                            defaultValue={typed.period}
                            error={valueErrors.period}
                            required
                          />
                          <Field
                            id={`${id}-value`}
                            name="value"
                            label={t('monitoring.fields.value')}
                            inputMode="decimal"
                            defaultValue={typed.value}
                            error={valueErrors.value}
                            required
                          />
                          <Field
                            id={`${id}-unit`}
                            name="unit"
                            label={t('monitoring.fields.unit')}
                            defaultValue={typed.unit ?? core.values.at(-1)?.unit ?? ''}
                            error={valueErrors.unit}
                            maxLength={20}
                          />
                        </div>
                        <Field
                          id={`${id}-note`}
                          name="note"
                          label={t('monitoring.fields.note')}
                          defaultValue={typed.note}
                          error={valueErrors.note}
                          maxLength={500}
                        />
                        <button type="submit" disabled={busy}>
                          {t('monitoring.values.save')}
                        </button>
                      </Form>
                    ) : null}
                  </section>
                );
              })}
            </section>
          ))}
        </section>
      ))}
      {cores.length > 0 && !municipality.writes ? <p className="hint">{t('monitoring.readOnly')}</p> : null}
    </article>
  );
}
