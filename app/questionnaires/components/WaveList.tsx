import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { WaveState } from '~/db/types';
import { formatDate } from '~/i18n/format';
import { Field } from '~/ui/Field';
import type { FieldErrors } from '~/ui/forms';
import { SelectField } from '~/ui/SelectField';
import { respondentGroupName, type RespondentGroup } from '../respondent-groups';
import type { NextWave } from '../waves';

type Sent = { errors: FieldErrors; values: Record<string, string> };

export interface ListedWave {
  id: string;
  name: string;
  mode: 'anonymous' | 'account';
  status: string;
  state: WaveState;
  opens_on: string;
  closes_on: string | null;
  link: string;
}

/** Each wave with its state, link, a button to close or reopen it, and its dates to change. */
export function WaveList({ waves, locale, sentDates }: { waves: ListedWave[]; locale: string; sentDates?: Sent }) {
  const { t } = useTranslation();
  const day = (iso: string) => formatDate(iso, locale, 'long');
  if (waves.length === 0) return <p>{t('questionnaires.noWaves')}</p>;
  return (
    <ul className="wave-list">
      {waves.map((wave) => {
        const mine = sentDates?.values.waveId === wave.id ? sentDates : undefined;
        return (
          <li key={wave.id} aria-labelledby={`wave-${wave.id}-name`}>
            <h3 dir="auto" id={`wave-${wave.id}-name`}>
              {wave.name}
            </h3>
            <p>
              <span className={`badge wave-${wave.state}`}>{t(`questionnaires.waveState.${wave.state}`)}</span>{' '}
              {wave.mode === 'account' ? t('questionnaires.modeAccount') : t('questionnaires.modeAnonymous')} ·{' '}
              {wave.closes_on
                ? t('questionnaires.waveFromTo', { from: day(wave.opens_on), to: day(wave.closes_on) })
                : t('questionnaires.waveFrom', { from: day(wave.opens_on) })}
            </p>
            <label>
              {t('questionnaires.link')}: <input readOnly value={wave.link} dir="ltr" className="link-field" />
            </label>
            <Form method="post" className="wave-actions">
              <input type="hidden" name="intent" value="waveStatus" />
              <input type="hidden" name="waveId" value={wave.id} />
              {wave.status === 'open' ? (
                <button type="submit" name="status" value="closed" className="secondary">
                  {t('questionnaires.closeWave')}
                  <span className="visually-hidden">: {wave.name}</span>
                </button>
              ) : (
                <button type="submit" name="status" value="open">
                  {t('questionnaires.reopenWave')}
                  <span className="visually-hidden">: {wave.name}</span>
                </button>
              )}
            </Form>
            <details open={Boolean(mine)}>
              <summary>{t('questionnaires.changeDates')}</summary>
              <Form method="post" noValidate className="inline-fields">
                <input type="hidden" name="intent" value="waveDates" />
                <input type="hidden" name="waveId" value={wave.id} />
                <Field
                  id={`wave-${wave.id}-opens`}
                  name="opensOn"
                  type="date"
                  label={t('questionnaires.opensOn')}
                  defaultValue={mine ? mine.values.opensOn : wave.opens_on}
                  error={mine?.errors.opensOn}
                />
                <Field
                  id={`wave-${wave.id}-closes`}
                  name="closesOn"
                  type="date"
                  label={t('questionnaires.closesOn')}
                  defaultValue={mine ? mine.values.closesOn : (wave.closes_on ?? '')}
                  error={mine?.errors.closesOn}
                />
                <button type="submit">{t('questionnaires.saveDates')}</button>
              </Form>
            </details>
          </li>
        );
      })}
    </ul>
  );
}

/** A new wave, with the name, dates and (when the questionnaire repeats) due date suggested. */
export function NewWaveForm({
  nextWave,
  repeatMonths,
  locale,
  sent,
  groups,
  askedGroupId,
}: {
  /** The suggestion for the next wave, and its number among the questionnaire's waves. */
  nextWave: NextWave & { number: number };
  repeatMonths: number | null;
  locale: string;
  sent?: Sent;
  groups: RespondentGroup[];
  /** The group the questionnaire's waves ask (null before its first wave): the next one asks it too. */
  askedGroupId: string | null;
}) {
  const { t } = useTranslation();
  const asked = groups.find((g) => g.id === askedGroupId);
  const newcomers = groups.find((g) => g.key === 'newcomers');
  return (
    <>
      <h3 id="new-wave-title">{t('questionnaires.newWave')}</h3>
      {asked ? (
        <p>
          {t('respondentGroups.asked')}: <bdi>{respondentGroupName(t, asked)}</bdi>
        </p>
      ) : null}
      {nextWave.dueOn && repeatMonths ? (
        <p className="hint" id="new-wave-hint">
          {t('questionnaires.nextWaveDue', { count: repeatMonths, date: formatDate(nextWave.dueOn, locale, 'long') })}
        </p>
      ) : null}
      <Form key={nextWave.number} method="post" noValidate className="inline-fields" aria-labelledby="new-wave-title">
        <input type="hidden" name="intent" value="wave" />
        {asked ? (
          <input type="hidden" name="respondentGroupId" value={asked.id} />
        ) : (
          <SelectField
            id="wave-group"
            label={t('respondentGroups.label')}
            hint={t('respondentGroups.hint')}
            name="respondentGroupId"
            defaultValue={sent?.values.respondentGroupId ?? newcomers?.id ?? ''}
            error={sent?.errors.respondentGroupId}
          >
            {groups.map((g) => (
              <option dir="auto" key={g.id} value={g.id}>
                {respondentGroupName(t, g)}
              </option>
            ))}
          </SelectField>
        )}
        <Field
          name="name"
          label={t('questionnaires.waveName')}
          defaultValue={sent ? sent.values.name : t('questionnaires.waveDefaultName', { n: nextWave.number })}
          error={sent?.errors.name}
        />
        <SelectField
          id="wave-mode"
          label={t('questionnaires.waveMode')}
          name="mode"
          defaultValue={sent?.values.mode ?? 'anonymous'}
        >
          <option value="anonymous">{t('questionnaires.modeAnonymous')}</option>
          <option value="account">{t('questionnaires.modeAccount')}</option>
        </SelectField>
        <Field
          id="new-wave-opens"
          name="opensOn"
          type="date"
          label={t('questionnaires.opensOn')}
          defaultValue={sent ? sent.values.opensOn : nextWave.opensOn}
          error={sent?.errors.opensOn}
        />
        <Field
          id="new-wave-closes"
          name="closesOn"
          type="date"
          label={t('questionnaires.closesOn')}
          defaultValue={sent ? sent.values.closesOn : nextWave.closesOn}
          error={sent?.errors.closesOn}
        />
        <button type="submit">{t('questionnaires.newWave')}</button>
      </Form>
    </>
  );
}
