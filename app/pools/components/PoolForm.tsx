import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import type { FieldErrors } from '~/ui/forms';
import { POOL_STATUSES } from '../options';

export type PoolFormValues = Partial<
  Record<'name' | 'regionId' | 'clientOrganisationId' | 'assignment' | 'startsOn' | 'endsOn' | 'status', string>
>;

interface Props {
  values: PoolFormValues;
  errors?: FieldErrors;
  /** Only the regions the database lets this person put the pool in. */
  regions: { id: string; name: string }[];
  /** Whether the pool may be national (no region): admins, or a pool that already is. */
  national: boolean;
  organisations: { id: string; name: string }[];
  submitLabel: string;
}

export function PoolForm({ values, errors = {}, regions, national, organisations, submitLabel }: Props) {
  const { t } = useTranslation();
  return (
    <Form method="post" noValidate className="profile-form">
      <Field name="name" label={t('pools.name')} defaultValue={values.name} error={errors.name} required />
      <SelectField
        id="pool-region"
        name="regionId"
        label={t('pools.region')}
        hint={t('pools.regionHint')}
        defaultValue={values.regionId ?? ''}
        error={errors.regionId}
      >
        {national ? <option value="">{t('pools.national')}</option> : null}
        {regions.map((r) => (
          <option dir="auto" key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="pool-client"
        label={t('pools.client')}
        name="clientOrganisationId"
        defaultValue={values.clientOrganisationId ?? ''}
      >
        <option value="">{t('pools.noClient')}</option>
        {organisations.map((o) => (
          <option dir="auto" key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <label htmlFor="pool-assignment">{t('pools.assignment')}</label>
        <textarea id="pool-assignment" name="assignment" defaultValue={values.assignment} rows={4} />
        {errors.assignment ? <p className="field-error">{t(errors.assignment)}</p> : null}
      </div>
      <Field
        name="startsOn"
        type="date"
        label={t('pools.startsOn')}
        defaultValue={values.startsOn}
        error={errors.startsOn}
      />
      <Field name="endsOn" type="date" label={t('pools.endsOn')} defaultValue={values.endsOn} error={errors.endsOn} />
      <SelectField
        id="pool-status"
        label={t('pools.status')}
        name="status"
        defaultValue={values.status ?? 'recruiting'}
      >
        {POOL_STATUSES.map((s) => (
          <option dir="auto" key={s} value={s}>
            {t(`poolStatus.${s}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
