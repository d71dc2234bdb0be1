import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { detectLocale } from '~/i18n/locale.server';
import { badRequest } from '~/http.server';
import { readFormBody } from '~/input/request.server';
import { LOCALES, localeName } from '~/i18n/locales';
import { MunicipalitySelect } from '~/places/components/MunicipalitySelect';
import { listPlaces } from '~/places/queries.server';
import { askLimiter, PUBLIC_FORM_MAX_BYTES } from '~/signals/public-form.server';
import { submitPublicSignal } from '~/signals/queries.server';
import { SIGNAL_BODY_MAX } from '~/signals/limits';
import { publicSignalSchema } from '~/signals/schema.server';
import { Field, FormError } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('ask.title');

export const handle = texts('signals');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, places] = await Promise.all([detectLocale(request), withUser(null, listPlaces)]);
  return json({ locale, places, retentionMonths: config.signalContactRetentionMonths });
}

type Answer = {
  errors: FieldErrors;
  values: Record<string, string>;
  formError: string | null;
  retryAfterSeconds: number;
};
const refuse = (status: number, answer: Partial<Answer>) =>
  json<Answer>({ errors: {}, values: {}, formError: null, retryAfterSeconds: 0, ...answer }, { status });

/**
 * The public form is a target: the body is read only up to a size limit, the client IP has a
 * budget, a honeypot catches simple bots, and only plain text is kept (the schema strips HTML).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const body = await readFormBody(request, PUBLIC_FORM_MAX_BYTES);
  if (!body.ok && body.problem === 'tooLarge') return refuse(413, { formError: 'ask.errors.tooLarge' });
  if (!body.ok) throw badRequest();
  const formData = body.form;
  const parsed = parseForm(publicSignalSchema, formData);
  const typed = parsed.ok ? Object.fromEntries([...formData].map(([k, v]) => [k, String(v)])) : parsed.values;
  const values = { ...typed, website: '' };
  // Only a question that could be stored counts: someone correcting what they typed is not a flood.
  if (!parsed.ok) return refuse(400, { errors: parsed.errors, values, formError: 'ask.errors.summary' });
  const attempt = await (await askLimiter()).attempt(context.clientIp);
  if (!attempt.granted) {
    return refuse(429, { values, formError: 'ask.errors.rateLimited', retryAfterSeconds: attempt.waitSeconds });
  }
  // A filled-in honeypot gets the same kind of answer as a person, without storing anything.
  if (parsed.data.website) return redirect('/ask/received');
  const reference = await withUser(null, (tx) => submitPublicSignal(tx, parsed.data));
  return redirect(`/ask/received?${new URLSearchParams({ ref: reference })}`);
}

export default function AskPage() {
  const { t } = useTranslation();
  const { locale, places, retentionMonths } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const values = data?.values ?? {};
  return (
    <section className="narrow ask" aria-labelledby="ask-title">
      <h1 id="ask-title">{t('ask.title')}</h1>
      <p className="lead">{t('ask.lead')}</p>
      <p>
        <Link to="/ask/status">{t('ask.status.followAsked')}</Link>
      </p>
      <Form method="post" noValidate>
        <FormError error={data?.formError} retryAfterSeconds={data?.retryAfterSeconds} />
        <TextAreaField
          name="body"
          label={t('ask.body')}
          hint={t('ask.bodyHint')}
          defaultValue={values.body}
          error={data?.errors.body}
          rows={6}
          maxLength={SIGNAL_BODY_MAX}
          required
        />
        <SelectField
          id="ask-language"
          label={t('ask.language')}
          name="language"
          defaultValue={values.language ?? locale}
        >
          {LOCALES.map((code) => (
            <option dir="auto" key={code} value={code} lang={code}>
              {localeName(code)}
            </option>
          ))}
        </SelectField>
        <MunicipalitySelect
          places={places}
          id="ask-municipality"
          label={t('ask.municipality')}
          none={t('ask.municipalityNone')}
          defaultValue={values.municipalityId}
        />
        <fieldset className="contact">
          <legend>{t('ask.contactTitle')}</legend>
          <p className="hint">{t('ask.contactIntro')}</p>
          <Field
            name="name"
            label={t('ask.name')}
            autoComplete="name"
            defaultValue={values.name}
            error={data?.errors.name}
            maxLength={80}
          />
          <Field
            name="email"
            type="email"
            label={t('ask.email')}
            autoComplete="email"
            defaultValue={values.email}
            error={data?.errors.email}
            dir="ltr"
          />
          <Field
            name="phone"
            type="tel"
            label={t('ask.phone')}
            autoComplete="tel"
            defaultValue={values.phone}
            error={data?.errors.phone}
            dir="ltr"
          />
        </fieldset>
        {/* Honeypot: hidden from people and assistive technology; bots that fill every field give themselves away. */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="ask-website">{t('ask.website')}</label>
          <input id="ask-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <section className="storage-note" aria-labelledby="storage-title">
          <h2 id="storage-title">{t('ask.storageTitle')}</h2>
          <p>{t('ask.storage', { months: retentionMonths })}</p>
        </section>
        <button type="submit" disabled={busy}>
          {t('ask.submit')}
        </button>
      </Form>
    </section>
  );
}
