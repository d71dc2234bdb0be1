import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DIRECTIONS } from '~/db/types';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import type { FieldErrors } from '~/ui/forms';
import type { MonitoredCoreFigures } from '../queries.server';

interface Props {
  core: MonitoredCoreFigures;
  /** A refused form of this core indicator: which one, its errors and what was typed. */
  refused: { intent: string; errors: FieldErrors; values: Record<string, string> } | null;
  busy: boolean;
  /** The shared measures a core indicator can be compared with. */
  benchmarkMeasures: { id: string; name: string }[];
}

/** Which way is better and the unit, and a target for a year (the same year again replaces it). */
export function TargetForms({ core, refused, busy, benchmarkMeasures }: Props) {
  const { t } = useTranslation();
  const id = `core-${core.id}`;
  const none: { errors: FieldErrors; values: Record<string, string> } = { errors: {}, values: {} };
  const sent = (intent: string) => (refused?.intent === intent ? refused : none);
  const measure = sent('measure');
  const target = sent('target');
  return (
    <div className="no-print">
      <Form method="post" className="value-form" aria-labelledby={`${id}-measure`} noValidate preventScrollReset>
        <h2 id={`${id}-measure`}>{t('monitoring.progress.measureTitle')}</h2>
        <input type="hidden" name="intent" value="measure" />
        <input type="hidden" name="coreIndicatorId" value={core.id} />
        <div className="inline-fields">
          <SelectField
            id={`${id}-direction`}
            name="direction"
            label={t('monitoring.fields.direction')}
            defaultValue={measure.values.direction ?? core.direction ?? ''}
            error={measure.errors.direction}
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
            id={`${id}-measure-unit`}
            name="unit"
            label={t('monitoring.fields.unit')}
            defaultValue={measure.values.unit ?? core.unit}
            error={measure.errors.unit}
            maxLength={20}
          />
          {benchmarkMeasures.length > 0 ? (
            <SelectField
              id={`${id}-benchmark-measure`}
              name="benchmarkMeasureId"
              label={t('monitoring.benchmark.compareWith')}
              hint={t('monitoring.benchmark.compareHint')}
              defaultValue={measure.values.benchmarkMeasureId ?? core.benchmarkMeasure?.id ?? ''}
              error={measure.errors.benchmarkMeasureId}
            >
              <option value="">{t('monitoring.benchmark.compareNone')}</option>
              {benchmarkMeasures.map((b) => (
                <option dir="auto" key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <button type="submit" disabled={busy}>
          {t('monitoring.progress.saveMeasure')}
        </button>
      </Form>
      <Form method="post" className="value-form" aria-labelledby={`${id}-target`} noValidate preventScrollReset>
        <h2 id={`${id}-target`}>{t('monitoring.progress.targetTitle')}</h2>
        <input type="hidden" name="intent" value="target" />
        <input type="hidden" name="coreIndicatorId" value={core.id} />
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
        <button type="submit" disabled={busy}>
          {t('monitoring.progress.saveTarget')}
        </button>
      </Form>
    </div>
  );
}
