import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DIRECTIONS } from '~/db/types';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { TextAreaField } from '~/ui/TextAreaField';
import type { FieldErrors } from '~/ui/forms';
import { MAX_DIMENSIONS } from '../limits';
import type { ManagementIndicator } from '../management.server';

/** A refused form: which one, for which indicator, its errors and what was typed. */
export interface Refused {
  intent: string;
  coreIndicatorId: string;
  managementIndicatorId?: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

/** Who may use which form, the sources to choose from, and the form the server refused. */
export interface ManagementEditing {
  /** Adds and removes management indicators and sets their targets. */
  links: boolean;
  /** Enters and removes figures. */
  writes: boolean;
  sources: { id: string; name: string }[];
  busy: boolean;
  refused: Refused | null;
}

/**
 * Under one management indicator: a figure for a period (its total or a value of one of its
 * dimensions), a target, another dimension, and removing a dimension or the indicator while it has no
 * figures. Each for whoever may.
 */
export function IndicatorForms({
  indicator: m,
  editing,
}: {
  indicator: ManagementIndicator;
  editing: ManagementEditing;
}) {
  const { t } = useTranslation();
  const id = `management-${m.id}`;
  const refused = editing.refused?.managementIndicatorId === m.id ? editing.refused : null;
  const sent = (intent: string) =>
    refused?.intent === intent ? refused : { errors: {} as FieldErrors, values: {} as Record<string, string> };
  const figure = sent('management-value');
  const target = sent('management-target');
  const dimension = sent('management-dimension');
  return (
    <>
      {editing.writes ? (
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
            {m.dimensions.some((d) => d.values.length > 0) ? (
              <SelectField
                id={`${id}-breakdown`}
                name="breakdown"
                label={t('monitoring.management.breakdownValue')}
                defaultValue={figure.values.breakdown ?? ''}
                error={figure.errors.breakdown}
              >
                <option value="">{t('monitoring.management.total')}</option>
                {m.dimensions
                  .filter((d) => d.values.length > 0)
                  .map((d) => (
                    <optgroup key={d.id} label={d.name}>
                      {d.values.map((v) => (
                        <option dir="auto" key={v} value={`${d.id}:${v}`}>
                          {v}
                        </option>
                      ))}
                    </optgroup>
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

      {editing.links ? (
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
          {m.dimensions.length < MAX_DIMENSIONS ? (
            <Form
              method="post"
              className="value-form no-print"
              aria-labelledby={`${id}-dimension`}
              noValidate
              preventScrollReset
            >
              <fieldset>
                <legend id={`${id}-dimension`}>{t('monitoring.management.dimensionTitle', { name: m.name })}</legend>
                <input type="hidden" name="intent" value="management-dimension" />
                <input type="hidden" name="managementIndicatorId" value={m.id} />
                <Field
                  id={`${id}-dimension-name`}
                  name="name"
                  label={t('monitoring.management.dimensionName')}
                  hint={t('monitoring.management.breakdownNameHint')}
                  defaultValue={dimension.values.name}
                  error={dimension.errors.name}
                  maxLength={100}
                  required
                />
                <TextAreaField
                  id={`${id}-dimension-values`}
                  name="values"
                  label={t('monitoring.management.dimensionValues')}
                  hint={t('monitoring.management.breakdownValuesHint')}
                  defaultValue={dimension.values.values}
                  error={dimension.errors.values}
                  rows={3}
                  required
                />
                <button type="submit" disabled={editing.busy}>
                  {t('monitoring.management.dimensionSave')}
                </button>
              </fieldset>
            </Form>
          ) : (
            <p>{t('monitoring.management.dimensionsFull')}</p>
          )}
          {m.dimensions
            .filter((d) => !d.hasFigures)
            .map((d) => (
              <Form key={d.id} method="post" preventScrollReset className="inline-form no-print">
                <input type="hidden" name="intent" value="remove-management-dimension" />
                <input type="hidden" name="managementIndicatorId" value={m.id} />
                <input type="hidden" name="dimensionId" value={d.id} />
                <button type="submit" className="link-button" disabled={editing.busy}>
                  {t('monitoring.management.dimensionRemove', { dimension: d.name, name: m.name })}
                </button>
              </Form>
            ))}
          {refused?.intent === 'remove-management-dimension' && refused.errors.dimensionId ? (
            <p className="field-error" role="alert">
              {t(refused.errors.dimensionId)}
            </p>
          ) : null}
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
    </>
  );
}

/** A new management indicator under a core indicator (on the editing page it is open from the start). */
export function AddManagementForm({ coreId, editing }: { coreId: string; editing: ManagementEditing }) {
  const { t } = useTranslation();
  const id = `core-${coreId}-new-management`;
  const mine = editing.refused?.intent === 'management' && editing.refused.coreIndicatorId === coreId;
  const errors: FieldErrors = mine ? editing.refused!.errors : {};
  const typed: Record<string, string> = mine ? editing.refused!.values : {};
  return (
    <section aria-labelledby={`${id}-legend`} className="monitoring-block">
      <h3 id={`${id}-legend`}>{t('monitoring.management.add')}</h3>
      <Form method="post" className="value-form" aria-labelledby={`${id}-legend`} noValidate preventScrollReset>
        <input type="hidden" name="intent" value="management" />
        <input type="hidden" name="coreIndicatorId" value={coreId} />
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
              <option dir="auto" key={s.id} value={s.id}>
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
              <option dir="auto" key={direction} value={direction}>
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
    </section>
  );
}
