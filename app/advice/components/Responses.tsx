import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '~/i18n/format';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import type { FieldErrors } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';
import { DECISIONS } from '../framework';

interface Response {
  id: string;
  municipality_id: string;
  municipality: string;
  decision: string;
  explanation: string;
  planned_action: string;
  planned_on: string | null;
  created_at: string;
}

/** Per municipality its current response, with the earlier ones as history underneath. */
export function ResponseList({ responses }: { responses: Response[] }) {
  const { t, i18n } = useTranslation();
  if (responses.length === 0) return <p>{t('advice.detail.noResponses')}</p>;
  const byMunicipality = new Map<string, Response[]>();
  for (const r of responses)
    byMunicipality.set(r.municipality_id, [...(byMunicipality.get(r.municipality_id) ?? []), r]);
  return (
    <ul className="responses">
      {[...byMunicipality.values()].map(([current, ...history]) => (
        <li key={current!.id} className="response">
          <h3>
            {current!.municipality}: {t(`advice.decision.${current!.decision}`)}
          </h3>
          <ResponseBody response={current!} />
          {history.length > 0 ? (
            <details>
              <summary>{t('advice.detail.history')}</summary>
              <ul>
                {history.map((r) => (
                  <li key={r.id}>
                    <strong>{t(`advice.decision.${r.decision}`)}</strong>
                    <ResponseBody response={r} />
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );

  function ResponseBody({ response }: { response: Response }) {
    const locale = i18n.language;
    return (
      <>
        {response.explanation ? <p>{response.explanation}</p> : null}
        {response.planned_action ? (
          <p>
            <strong>{t('advice.detail.plannedAction')}:</strong> {response.planned_action}
            {response.planned_on ? ` (${formatDate(response.planned_on, locale)})` : ''}
          </p>
        ) : null}
        <p className="meta">{t('advice.detail.respondedOn', { date: formatDate(response.created_at, locale) })}</p>
      </>
    );
  }
}

interface FormProps {
  municipalities: { id: string; name: string }[];
  errors?: FieldErrors;
  values?: Record<string, string>;
}

/** A municipality reader's response; sending again keeps the earlier one as history. */
export function ResponseForm({ municipalities, errors = {}, values = {} }: FormProps) {
  const { t } = useTranslation();
  return (
    <Form method="post" noValidate className="response-form">
      <h3>{t('advice.detail.respond')}</h3>
      <input type="hidden" name="intent" value="respond" />
      <SelectField
        id="respond-municipality"
        label={t('advice.detail.respondFor')}
        name="municipalityId"
        defaultValue={values.municipalityId}
      >
        {municipalities.map((m) => (
          <option dir="auto" key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <fieldset className="radio-group">
        <legend>{t('advice.detail.decision')}</legend>
        {errors.decision ? <p className="field-error">{t(errors.decision)}</p> : null}
        {DECISIONS.map((d) => (
          <label key={d} className="checkbox">
            <input type="radio" name="decision" value={d} defaultChecked={values.decision === d} />
            {t(`advice.decision.${d}`)}
          </label>
        ))}
      </fieldset>
      <TextAreaField
        name="explanation"
        label={t('advice.detail.explanation')}
        defaultValue={values.explanation}
        error={errors.explanation}
        rows={3}
      />
      <TextAreaField
        name="plannedAction"
        label={t('advice.detail.plannedAction')}
        defaultValue={values.plannedAction}
        error={errors.plannedAction}
        rows={2}
      />
      <Field
        name="plannedOn"
        type="date"
        label={t('advice.detail.plannedOn')}
        defaultValue={values.plannedOn}
        error={errors.plannedOn}
      />
      <button type="submit">{t('advice.detail.sendResponse')}</button>
    </Form>
  );
}
