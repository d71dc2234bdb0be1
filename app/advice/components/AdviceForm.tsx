import { Form, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field, FormError } from '~/ui/Field';
import { GlossaryTerm } from '~/ui/GlossaryTerm';
import { SelectField } from '~/ui/SelectField';
import type { FieldErrors } from '~/ui/forms';
import { INDICATOR_DOMAINS, indicatorNames, type Indicator } from '~/indicators/framework';
import { TextAreaField } from '~/ui/TextAreaField';
import { PROCESS_PARTS } from '~/db/types';

export interface AdviceFormValues {
  poolId?: string;
  title: string;
  insight: string;
  opportunities: string;
  goldenTips: string;
  indicators: string[];
  processPart: string;
  addressees: string[];
  coreIndicators: string[];
}

interface Props {
  submitLabel: string;
  values: AdviceFormValues;
  errors?: FieldErrors;
  pools?: { id: string; name: string }[];
  indicators: Indicator[];
  addressees: {
    regions: { id: string; name: string; addressable: boolean }[];
    municipalities: { id: string; name: string; region_id: string }[];
    organisations: { id: string; name: string }[];
  };
  coreIndicators: { id: string; description: string; output: string; municipality: string }[];
}

/** The form to draft or edit an advice: insight → opportunities, golden tips, indicators, addressees. */
export function AdviceForm({ submitLabel, values, errors = {}, pools, indicators, addressees, coreIndicators }: Props) {
  const { t, i18n } = useTranslation();
  const names = indicatorNames(indicators, i18n.language);
  const busy = useNavigation().state === 'submitting';
  return (
    <Form method="post" noValidate className="advice-form">
      {Object.keys(errors).length > 0 ? <FormError error="errors.summary" /> : null}
      {pools ? (
        <SelectField id="advice-pool" label={t('advice.fields.pool')} name="poolId" defaultValue={values.poolId}>
          {pools.map((pool) => (
            <option dir="auto" key={pool.id} value={pool.id}>
              {pool.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <Field name="title" label={t('advice.fields.title')} defaultValue={values.title} error={errors.title} required />
      <TextAreaField
        name="insight"
        label={t('advice.fields.insight')}
        labelHelp={<GlossaryTerm term="inzicht" />}
        hint={t('advice.fields.insightHint')}
        defaultValue={values.insight}
        error={errors.insight}
        rows={6}
      />
      <TextAreaField
        name="opportunities"
        label={t('advice.fields.opportunities')}
        labelHelp={<GlossaryTerm term="kans" />}
        hint={t('advice.fields.opportunitiesHint')}
        defaultValue={values.opportunities}
        error={errors.opportunities}
        rows={3}
      />
      <TextAreaField
        name="goldenTips"
        label={t('advice.fields.goldenTips')}
        labelHelp={<GlossaryTerm term="goudenTip" />}
        hint={t('advice.fields.goldenTipsHint')}
        defaultValue={values.goldenTips}
        error={errors.goldenTips}
        rows={3}
      />
      <fieldset className="checkbox-groups" aria-describedby="indicators-hint">
        <legend>{t('advice.fields.indicators')}</legend>
        <p className="hint" id="indicators-hint">
          {t('advice.fields.indicatorsHint')}
        </p>
        {errors.indicators ? <p className="field-error">{t(errors.indicators)}</p> : null}
        {INDICATOR_DOMAINS.map((group) => (
          <fieldset key={group.domain} className="checkbox-group">
            <legend>{t(`advice.domain.${group.domain}`)}</legend>
            {group.codes.map((code) => (
              <label key={code} className="checkbox">
                <input
                  type="checkbox"
                  name="indicators"
                  value={code}
                  defaultChecked={values.indicators.includes(code)}
                />
                {names.get(code)}
              </label>
            ))}
          </fieldset>
        ))}
      </fieldset>
      <SelectField
        id="advice-part"
        label={t('advice.fields.processPart')}
        name="processPart"
        defaultValue={values.processPart || 'other'}
      >
        {PROCESS_PARTS.map((part) => (
          <option dir="auto" key={part} value={part}>
            {t(`advice.processPart.${part}`)}
          </option>
        ))}
      </SelectField>
      <fieldset
        className="checkbox-groups"
        aria-describedby={errors.addressees ? 'addressees-hint addressees-error' : 'addressees-hint'}
      >
        <legend>{t('advice.fields.addressees')}</legend>
        <p className="hint" id="addressees-hint">
          {t('advice.fields.addresseesHint')}
        </p>
        {errors.addressees ? (
          <p className="field-error" id="addressees-error">
            {t(errors.addressees)}
          </p>
        ) : null}
        {addressees.regions.map((region) => (
          <fieldset key={region.id} className="checkbox-group">
            <legend>{region.name}</legend>
            {region.addressable ? (
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="addressees"
                  value={region.id}
                  defaultChecked={values.addressees.includes(region.id)}
                />
                {t('advice.fields.region')}: {region.name}
              </label>
            ) : null}
            {addressees.municipalities
              .filter((m) => m.region_id === region.id)
              .map((m) => (
                <label key={m.id} className="checkbox">
                  <input
                    type="checkbox"
                    name="addressees"
                    value={m.id}
                    defaultChecked={values.addressees.includes(m.id)}
                  />
                  {m.name}
                </label>
              ))}
          </fieldset>
        ))}
        <fieldset className="checkbox-group">
          <legend>{t('advice.fields.organisations')}</legend>
          {addressees.organisations.map((o) => (
            <label key={o.id} className="checkbox">
              <input type="checkbox" name="addressees" value={o.id} defaultChecked={values.addressees.includes(o.id)} />
              {o.name}
            </label>
          ))}
        </fieldset>
      </fieldset>
      {coreIndicators.length > 0 ? (
        <fieldset className="checkbox-groups" aria-describedby="core-hint">
          <legend>{t('advice.fields.coreIndicators')}</legend>
          <p className="hint" id="core-hint">
            {t('advice.fields.coreIndicatorsHint')}
          </p>
          {coreIndicators.map((c) => (
            <label key={c.id} className="checkbox">
              <input
                type="checkbox"
                name="coreIndicators"
                value={c.id}
                defaultChecked={values.coreIndicators.includes(c.id)}
              />
              {c.municipality} · {c.output}: {c.description}
            </label>
          ))}
        </fieldset>
      ) : null}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
