import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import type { FieldErrors } from '~/ui/forms';

/** A refused form of the page: which one, its errors and what was typed. */
export interface Refused {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

interface CoreRef {
  id: string;
  description: string;
}

/** Which of the municipality's data sources (its own page keeps the list) the core indicator's figures come from. */
export function CoreSourceForm({
  core,
  sourceId,
  sources,
  busy,
}: {
  core: CoreRef;
  sourceId: string | null;
  sources: { id: string; name: string }[];
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" preventScrollReset className="inline-fields no-print">
      <input type="hidden" name="intent" value="core-source" />
      <input type="hidden" name="coreIndicatorId" value={core.id} />
      <SelectField
        id={`core-${core.id}-source`}
        name="sourceId"
        label={t('monitoring.sources.choose')}
        defaultValue={sourceId ?? ''}
      >
        <option value="">–</option>
        {sources.map((source) => (
          <option dir="auto" key={source.id} value={source.id}>
            {source.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" disabled={busy}>
        {t('monitoring.sources.setForCore')}
      </button>
    </Form>
  );
}

/** Which of the Indicators of Integration the core indicator follows; a refused choice stays as it was sent. */
export function LinkForm({
  core,
  linked,
  indicators,
  refused,
  busy,
}: {
  core: CoreRef;
  linked: string[];
  indicators: { code: string; name: string }[];
  refused: Refused | null;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const checked = new Set(refused ? (refused.values.indicators ?? '').split(',').filter(Boolean) : linked);
  return (
    <details className="no-print" open={refused !== null}>
      <summary>{t('monitoring.linked.change')}</summary>
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="link" />
        <input type="hidden" name="coreIndicatorId" value={core.id} />
        <fieldset className="checkbox-group">
          <legend>{t('monitoring.linked.legend', { description: core.description })}</legend>
          {indicators.map((i) => (
            <label key={i.code} className="checkbox">
              <input type="checkbox" name="indicators" value={i.code} defaultChecked={checked.has(i.code)} />
              {i.name}
            </label>
          ))}
        </fieldset>
        {refused?.errors.indicators ? (
          <p className="field-error" role="alert">
            {t(refused.errors.indicators)}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {t('monitoring.linked.save')}
        </button>
      </Form>
    </details>
  );
}

/** A figure by hand: period, value, unit (the latest figure's by default) and a note. */
export function ValueForm({
  core,
  unit,
  refused,
  busy,
}: {
  core: CoreRef;
  /** The unit the form starts with: the latest figure's. */
  unit: string;
  refused: Refused | null;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const id = `core-${core.id}`;
  const errors = refused?.errors ?? {};
  const typed = refused?.values ?? {};
  return (
    <Form method="post" className="value-form no-print" aria-labelledby={`${id}-add`} noValidate preventScrollReset>
      <h2 id={`${id}-add`}>{t('monitoring.values.add')}</h2>
      <input type="hidden" name="intent" value="value" />
      <input type="hidden" name="coreIndicatorId" value={core.id} />
      <div className="inline-fields">
        <Field
          id={`${id}-period`}
          name="period"
          label={t('monitoring.fields.period')}
          hint={t('monitoring.fields.periodHint')}
          defaultValue={typed.period}
          error={errors.period}
          required
        />
        <Field
          id={`${id}-value`}
          name="value"
          label={t('monitoring.fields.value')}
          inputMode="decimal"
          defaultValue={typed.value}
          error={errors.value}
          required
        />
        <Field
          id={`${id}-unit`}
          name="unit"
          label={t('monitoring.fields.unit')}
          defaultValue={typed.unit ?? unit}
          error={errors.unit}
          maxLength={20}
        />
      </div>
      <Field
        id={`${id}-note`}
        name="note"
        label={t('monitoring.fields.note')}
        defaultValue={typed.note}
        error={errors.note}
        maxLength={500}
      />
      <button type="submit" disabled={busy}>
        {t('monitoring.values.save')}
      </button>
    </Form>
  );
}
