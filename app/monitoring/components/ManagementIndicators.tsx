import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DIRECTIONS } from '~/db/types';
import { formatNumber } from '~/i18n/format';
import { BarChartFigure } from '~/ui/BarChartFigure';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { TableScroll } from '~/ui/TableScroll';
import { TextAreaField } from '~/ui/TextAreaField';
import type { FieldErrors } from '~/ui/forms';
import type { ManagementIndicator } from '../management.server';
import { periodLabel } from '../periods';
import { PROGRESS_STATUSES } from '../progress';
import type { MonitoredCore } from '../queries.server';
import { ProgressBadge } from './ProgressBadge';
import { ValueChart } from './ValueChart';

/** A refused form: which one, for which indicator, its errors and what was typed. */
export interface Refused {
  intent: string;
  coreIndicatorId: string;
  managementIndicatorId?: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

/** What the page adds to the figures: forms for whoever may use them. Left out in the print view. */
export interface ManagementEditing {
  /** Adds and removes management indicators and sets their targets. */
  links: boolean;
  /** Enters and removes figures. */
  writes: boolean;
  sources: { id: string; name: string }[];
  busy: boolean;
  refused: Refused | null;
}

interface Props {
  core: MonitoredCore;
  rtl: boolean;
  editing?: ManagementEditing;
}

/**
 * The management indicators under one core indicator, their progress counted per status, and per
 * indicator its source, progress against its targets and its figures: a line over time, or grouped
 * bars per period when they are broken down, always with a table beside the picture.
 */
export function ManagementIndicators({ core, rtl, editing }: Props) {
  const { t } = useTranslation();
  const base = `core-${core.id}-management`;
  return (
    <section aria-labelledby={base} className="monitoring-block">
      <h5 id={base}>{t('monitoring.management.title')}</h5>
      <p>{t('monitoring.management.lead')}</p>
      {core.management.length === 0 ? (
        <p>{t('monitoring.management.none')}</p>
      ) : (
        <ul className="goal-progress" aria-label={t('monitoring.management.rollUp', { description: core.description })}>
          {PROGRESS_STATUSES.map((status) => (
            <li key={status}>
              <ProgressBadge status={status} />: {core.managementProgress[status]}
            </li>
          ))}
        </ul>
      )}
      {core.management.map((m) => (
        <Indicator key={m.id} indicator={m} rtl={rtl} editing={editing} />
      ))}
      {editing?.links ? <AddForm core={core} editing={editing} /> : null}
    </section>
  );
}

function Indicator({
  indicator: m,
  rtl,
  editing,
}: {
  indicator: ManagementIndicator;
  rtl: boolean;
  editing?: ManagementEditing;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const id = `management-${m.id}`;
  const label = (v: { period_kind: ManagementIndicator['values'][number]['period_kind']; period_start: string }) =>
    periodLabel(v.period_kind, v.period_start, locale, t);
  const amount = (value: number) => `${formatNumber(value, locale)}${m.unit ? ` ${m.unit}` : ''}`;
  const totals = m.values.filter((v) => v.breakdown_value === '');
  const latest = totals.at(-1);
  const { progress } = m;
  const refused = editing?.refused?.managementIndicatorId === m.id ? editing.refused : null;
  const sent = (intent: string) =>
    refused?.intent === intent ? refused : { errors: {} as FieldErrors, values: {} as Record<string, string> };
  const figure = sent('management-value');
  const target = sent('management-target');
  const periods = [...new Map(m.values.map((v) => [`${v.period_kind}|${v.period_start}`, v])).values()];
  const series = [
    { key: 'total', name: t('monitoring.management.total') },
    ...m.columns.map((value, i) => ({ key: `b${i}`, name: value })),
  ];
  const values = m.values.map((v) => v.value);

  return (
    <section id={id} aria-labelledby={`${id}-title`} className="management-indicator">
      <h6 id={`${id}-title`}>
        <bdi>{m.name}</bdi>
      </h6>
      <dl className="core-facts">
        <dt>{t('monitoring.management.source')}</dt>
        <dd>
          {m.source ? <bdi>{m.source}</bdi> : t('monitoring.management.noSource')}
          {m.sourceKind ? <span className="meta"> ({t(`monitoring.sources.kinds.${m.sourceKind}`)})</span> : null}
        </dd>
        <dt>{t('monitoring.fields.direction')}</dt>
        <dd>
          {t(`monitoring.progress.direction.${m.direction}`)}
          {m.unit ? ` · ${t('monitoring.fields.unit')}: ${m.unit}` : ''}
        </dd>
        <dt>{t('monitoring.management.breakdown')}</dt>
        <dd>
          {m.breakdown ? (
            <>
              <bdi>{m.breakdown}</bdi>
              {m.breakdownValues.length > 0 ? ': ' : null}
              {m.breakdownValues.map((v, i) => (
                <span key={v}>
                  {i > 0 ? ', ' : null}
                  <bdi>{v}</bdi>
                </span>
              ))}
            </>
          ) : (
            t('monitoring.management.noBreakdown')
          )}
        </dd>
      </dl>
      <p>
        <ProgressBadge status={progress.status} />{' '}
        {progress.target && latest
          ? t(`monitoring.progress.explain.${progress.expected === null ? progress.status : 'course'}`, {
              latest: amount(latest.value),
              period: label(latest),
              expected: progress.expected === null ? '' : amount(progress.expected),
              target: amount(progress.target.value),
              year: progress.target.dueYear,
            })
          : null}{' '}
        {m.columns.length > 0 ? t('monitoring.management.progressOfTotal') : null}
      </p>
      {m.targets.length === 0 ? (
        <p>{t('monitoring.progress.noTargets')}</p>
      ) : (
        <TableScroll label={t('monitoring.management.targetsCaption', { name: m.name })}>
          <table className="results-table">
            <caption>{t('monitoring.management.targetsCaption', { name: m.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.fields.dueYear')}</th>
                <th scope="col">{t('monitoring.fields.target')}</th>
              </tr>
            </thead>
            <tbody>
              {m.targets.map((tg) => (
                <tr key={tg.id}>
                  <th scope="row">{tg.due_year}</th>
                  <td>{amount(tg.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {m.values.length === 0 ? (
        <p>{t('monitoring.values.none')}</p>
      ) : (
        <div className="value-pair">
          {m.columns.length > 0 ? (
            <BarChartFigure
              rows={periods.map((p) => ({
                label: label(p),
                ...Object.fromEntries(
                  ['', ...m.columns].map((column, i) => [
                    i === 0 ? 'total' : `b${i - 1}`,
                    m.values.find(
                      (v) =>
                        v.period_kind === p.period_kind &&
                        v.period_start === p.period_start &&
                        v.breakdown_value === column,
                    )?.value ?? null,
                  ]),
                ),
              }))}
              series={series}
              domain={[Math.min(0, ...values), Math.max(0, ...values)]}
              summary={t('monitoring.management.chartSummary', { name: m.name, breakdown: m.breakdown })}
              rtl={rtl}
            />
          ) : (
            <ValueChart
              points={totals.map((v) => ({ label: label(v), value: v.value }))}
              target={
                progress.target
                  ? {
                      value: progress.target.value,
                      label: t('monitoring.progress.chartTarget', { year: progress.target.dueYear }),
                    }
                  : undefined
              }
              summary={t('monitoring.values.chartSummary', {
                description: m.name,
                count: totals.length,
                first: totals[0] ? label(totals[0]) : '',
                last: totals.at(-1) ? label(totals.at(-1)!) : '',
              })}
              rtl={rtl}
            />
          )}
          <TableScroll label={t('monitoring.management.caption', { name: m.name })}>
            <table className="results-table">
              <caption>{t('monitoring.management.caption', { name: m.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.fields.period')}</th>
                  {m.columns.length > 0 ? <th scope="col">{t('monitoring.management.breakdownValue')}</th> : null}
                  <th scope="col">{t('monitoring.fields.value')}</th>
                  <th scope="col">{t('monitoring.fields.source')}</th>
                  <th scope="col">{t('monitoring.fields.note')}</th>
                  {editing?.writes ? (
                    <th scope="col">
                      <span className="visually-hidden">{t('monitoring.values.actions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {m.values.map((v) => {
                  const what = v.breakdown_value || t('monitoring.management.total');
                  return (
                    <tr key={v.id}>
                      <th scope="row">{label(v)}</th>
                      {m.columns.length > 0 ? (
                        <td>
                          <bdi>{what}</bdi>
                        </td>
                      ) : null}
                      <td>{amount(v.value)}</td>
                      <td>
                        {v.source === 'import'
                          ? t('monitoring.source.import', { file: v.file_name ?? '' })
                          : t('monitoring.source.manual')}
                      </td>
                      <td dir="auto">{v.note}</td>
                      {editing?.writes ? (
                        <td>
                          <Form method="post" preventScrollReset className="inline-form">
                            <input type="hidden" name="intent" value="remove-management-value" />
                            <input type="hidden" name="valueId" value={v.id} />
                            <button
                              type="submit"
                              className="link-button"
                              aria-label={t('monitoring.values.remove', { period: `${label(v)} ${what}` })}
                            >
                              {t('monitoring.values.removeShort')}
                            </button>
                          </Form>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        </div>
      )}

      {editing?.writes ? (
        <Form method="post" className="value-form no-print" aria-labelledby={`${id}-add`} noValidate preventScrollReset>
          <p id={`${id}-add`} className="form-title">
            {t('monitoring.management.figureTitle', { name: m.name })}
          </p>
          <input type="hidden" name="intent" value="management-value" />
          <input type="hidden" name="managementIndicatorId" value={m.id} />
          <div className="inline-fields">
            <Field
              id={`${id}-period`}
              name="period"
              label={t('monitoring.fields.period')}
              hint={t('monitoring.fields.periodHint')}
              defaultValue={figure.values.period}
              error={figure.errors.period}
              required
            />
            {m.breakdownValues.length > 0 ? (
              <SelectField
                id={`${id}-breakdown`}
                name="breakdownValue"
                label={t('monitoring.management.breakdownValue')}
                defaultValue={figure.values.breakdownValue ?? ''}
                error={figure.errors.breakdownValue}
              >
                <option value="">{t('monitoring.management.total')}</option>
                {m.breakdownValues.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </SelectField>
            ) : null}
            <Field
              id={`${id}-value`}
              name="value"
              label={t('monitoring.fields.value')}
              inputMode="decimal"
              defaultValue={figure.values.value}
              error={figure.errors.value}
              required
            />
          </div>
          <Field
            id={`${id}-note`}
            name="note"
            label={t('monitoring.fields.note')}
            defaultValue={figure.values.note}
            error={figure.errors.note}
            maxLength={500}
          />
          <button type="submit" disabled={editing.busy}>
            {t('monitoring.values.save')}
          </button>
        </Form>
      ) : null}

      {editing?.links ? (
        <>
          <Form
            method="post"
            className="value-form no-print"
            aria-labelledby={`${id}-target`}
            noValidate
            preventScrollReset
          >
            <p id={`${id}-target`} className="form-title">
              {t('monitoring.management.targetTitle', { name: m.name })}
            </p>
            <input type="hidden" name="intent" value="management-target" />
            <input type="hidden" name="managementIndicatorId" value={m.id} />
            <div className="inline-fields">
              <Field
                id={`${id}-due-year`}
                name="dueYear"
                label={t('monitoring.fields.dueYear')}
                hint={t('monitoring.fields.dueYearHint')}
                inputMode="numeric"
                defaultValue={target.values.dueYear}
                error={target.errors.dueYear}
                required
              />
              <Field
                id={`${id}-target-value`}
                name="value"
                label={t('monitoring.fields.target')}
                inputMode="decimal"
                defaultValue={target.values.value}
                error={target.errors.value}
                required
              />
            </div>
            <button type="submit" disabled={editing.busy}>
              {t('monitoring.progress.saveTarget')}
            </button>
          </Form>
          {m.values.length === 0 ? (
            <Form method="post" preventScrollReset className="inline-form no-print">
              <input type="hidden" name="intent" value="remove-management" />
              <input type="hidden" name="managementIndicatorId" value={m.id} />
              <button type="submit" className="link-button" disabled={editing.busy}>
                {t('monitoring.management.remove', { name: m.name })}
              </button>
            </Form>
          ) : null}
          {refused?.intent === 'remove-management' && refused.errors.managementIndicatorId ? (
            <p className="field-error" role="alert">
              {t(refused.errors.managementIndicatorId)}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function AddForm({ core, editing }: { core: MonitoredCore; editing: ManagementEditing }) {
  const { t } = useTranslation();
  const id = `core-${core.id}-new-management`;
  const mine = editing.refused?.intent === 'management' && editing.refused.coreIndicatorId === core.id;
  const errors: FieldErrors = mine ? editing.refused!.errors : {};
  const typed: Record<string, string> = mine ? editing.refused!.values : {};
  return (
    <details className="no-print" open={mine}>
      <summary>{t('monitoring.management.add')}</summary>
      <Form method="post" className="value-form" aria-labelledby={`${id}-legend`} noValidate preventScrollReset>
        <p id={`${id}-legend`} className="form-title">
          {t('monitoring.management.addLegend', { description: core.description })}
        </p>
        <input type="hidden" name="intent" value="management" />
        <input type="hidden" name="coreIndicatorId" value={core.id} />
        <Field
          id={`${id}-name`}
          name="name"
          label={t('monitoring.management.name')}
          defaultValue={typed.name}
          error={errors.name}
          maxLength={300}
          required
        />
        <div className="inline-fields">
          <SelectField
            id={`${id}-source`}
            name="sourceId"
            label={t('monitoring.management.source')}
            hint={t('monitoring.management.sourceHint')}
            defaultValue={typed.sourceId ?? ''}
            error={errors.sourceId}
          >
            <option value="">–</option>
            {editing.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={`${id}-direction`}
            name="direction"
            label={t('monitoring.fields.direction')}
            defaultValue={typed.direction ?? ''}
            error={errors.direction}
            required
          >
            <option value="">{t('monitoring.progress.chooseDirection')}</option>
            {DIRECTIONS.map((direction) => (
              <option key={direction} value={direction}>
                {t(`monitoring.progress.direction.${direction}`)}
              </option>
            ))}
          </SelectField>
          <Field
            id={`${id}-unit`}
            name="unit"
            label={t('monitoring.fields.unit')}
            defaultValue={typed.unit}
            error={errors.unit}
            maxLength={20}
          />
        </div>
        <Field
          id={`${id}-breakdown`}
          name="breakdown"
          label={t('monitoring.management.breakdownName')}
          hint={t('monitoring.management.breakdownNameHint')}
          defaultValue={typed.breakdown}
          error={errors.breakdown}
          maxLength={100}
        />
        <TextAreaField
          id={`${id}-breakdown-values`}
          name="breakdownValues"
          label={t('monitoring.management.breakdownValues')}
          hint={t('monitoring.management.breakdownValuesHint')}
          defaultValue={typed.breakdownValues}
          error={errors.breakdownValues}
          rows={3}
        />
        <button type="submit" disabled={editing.busy}>
          {t('monitoring.management.save')}
        </button>
      </Form>
    </details>
  );
}
