import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { SIGNAL_CHANNELS } from '~/db/types';
import { isAnswer } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { readForm } from '~/input/request.server';
import { MunicipalitySelect } from '~/places/components/MunicipalitySelect';
import { listPlaces } from '~/places/queries.server';
import { logSignal } from '~/signals/queries.server';
import { SIGNAL_BODY_MAX } from '~/signals/limits';
import { logSignalSchema } from '~/signals/schema.server';
import { Field, FormError } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('signals.newTitle');

export const handle = texts('signals');
export const clientLoader = textsFirst(handle);

const LOGGED_CHANNELS = SIGNAL_CHANNELS.filter((c) => c !== 'public_form' && c !== 'questionnaire');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [locale, places] = await Promise.all([detectLocale(request), withUser(user, listPlaces)]);
  return json({ locale, places, today: new Date().toISOString().slice(0, 10) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(logSignalSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, formError: null }, { status: 400 });
  try {
    const id = await withUser(user, (tx) => logSignal(tx, user.id, parsed.data));
    return redirect(`/signals/${id}`, { headers: await flash(request, 'signals.logged') });
  } catch (error) {
    // RLS refused: the municipality lies outside every region this person works in.
    if (isAnswer(error, 403)) {
      return json(
        {
          errors: {} as FieldErrors,
          values: Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v ?? '')])),
          formError: 'signals.errors.notAllowed',
        },
        { status: 403 },
      );
    }
    throw error;
  }
}

export default function NewSignal() {
  const { t } = useTranslation();
  const { locale, places, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const values = data?.values ?? {};
  return (
    <section className="narrow" aria-labelledby="new-signal-title">
      <h1 id="new-signal-title">{t('signals.newTitle')}</h1>
      <p>{t('signals.newIntro')}</p>
      <Form method="post" noValidate>
        <FormError error={data?.formError} />
        <TextAreaField
          name="body"
          label={t('signals.body')}
          defaultValue={values.body}
          error={data?.errors.body}
          rows={5}
          maxLength={SIGNAL_BODY_MAX}
          required
        />
        <SelectField
          id="signal-channel"
          label={t('signals.channel')}
          name="channel"
          defaultValue={values.channel ?? 'helpdesk'}
        >
          {LOGGED_CHANNELS.map((c) => (
            <option dir="auto" key={c} value={c}>
              {t(`channels.${c}`)}
            </option>
          ))}
        </SelectField>
        <Field
          name="receivedOn"
          type="date"
          label={t('signals.receivedOn')}
          defaultValue={values.receivedOn ?? today}
          error={data?.errors.receivedOn}
          required
        />
        <MunicipalitySelect
          places={places}
          id="signal-municipality"
          label={t('signals.municipality')}
          none={t('signals.noPlace')}
          defaultValue={values.municipalityId}
        />
        <Field
          name="language"
          label={t('signals.languageCode')}
          defaultValue={values.language ?? locale}
          error={data?.errors.language}
          maxLength={3}
          required
        />
        <fieldset>
          <legend>{t('signals.contactOptional')}</legend>
          <Field
            name="email"
            type="email"
            label={t('ask.email')}
            defaultValue={values.email}
            error={data?.errors.email}
          />
          <Field
            name="phone"
            type="tel"
            label={t('ask.phone')}
            defaultValue={values.phone}
            error={data?.errors.phone}
          />
        </fieldset>
        <button type="submit">{t('signals.save')}</button>
      </Form>
    </section>
  );
}
