import type { ActionFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withUser } from '~/db/db.server';
import { badRequest } from '~/http.server';
import { formatDate } from '~/i18n/format';
import { useLocale } from '~/i18n/useLocale';
import { readFormBody } from '~/input/request.server';
import { askedQuestionStatus, askStatusLimiter, type AskedQuestionStatus } from '~/signals/public-form.server';
import { askedReferenceSchema } from '~/signals/schema.server';
import { Field, FormError } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('ask.status.title');

export const handle = texts('signals');
export const clientLoader = textsFirst(handle);
/** Nothing to load: there for textsFirst, so Remix runs that on navigation only, never while hydrating. */
export const loader = () => null;

const STEPS = ['received', 'in_progress', 'answered'] as const;

type Answer = {
  errors: FieldErrors;
  values: Record<string, string>;
  formError: string | null;
  retryAfterSeconds: number;
  /** undefined: not looked up; null: no question with this code. */
  found?: { reference: string; status: AskedQuestionStatus; since: string } | null;
};
const answer = (status: number, parts: Partial<Answer>) =>
  json<Answer>({ errors: {}, values: {}, formError: null, retryAfterSeconds: 0, ...parts }, { status });

/**
 * The code travels in a POST body, not the URL, so it stays out of browser history, proxies' logs
 * and Referer headers: with it, anyone can see how far the question is. Every lookup, found or not,
 * counts against the client address's budget, so codes cannot be tried in bulk.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const body = await readFormBody(request, 4 * 1024);
  if (!body.ok && body.problem === 'tooLarge') return answer(413, { formError: 'ask.errors.tooLarge' });
  if (!body.ok) throw badRequest();
  const parsed = parseForm(askedReferenceSchema, body.form);
  const values = { reference: String(body.form.get('reference') ?? '').slice(0, 40) };
  if (!parsed.ok) return answer(400, { errors: parsed.errors, values, formError: 'ask.errors.summary' });
  const attempt = await (await askStatusLimiter()).attempt(context.clientIp);
  if (!attempt.granted) {
    return answer(429, { values, formError: 'ask.errors.rateLimited', retryAfterSeconds: attempt.waitSeconds });
  }
  const { reference } = parsed.data;
  const found = await withUser(null, (tx) => askedQuestionStatus(tx, reference));
  return answer(found ? 200 : 404, { values, found: found && { reference, ...found } });
}

export default function AskStatusPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const found = data?.found;
  return (
    <section className="narrow ask" aria-labelledby="status-title">
      <h1 id="status-title">{t('ask.status.title')}</h1>
      <p className="lead">{t('ask.status.lead')}</p>
      <Form method="post" noValidate>
        <FormError error={data?.formError} retryAfterSeconds={data?.retryAfterSeconds} />
        <Field
          name="reference"
          label={t('ask.status.reference')}
          hint={t('ask.status.referenceHint')}
          defaultValue={data?.values.reference}
          error={data?.errors.reference}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          dir="ltr"
          required
        />
        <button type="submit" disabled={busy}>
          {t('ask.status.submit')}
        </button>
      </Form>
      <div role="status">
        {found ? (
          <section className="asked-status" aria-labelledby="asked-status-title">
            <h2 id="asked-status-title">
              {t('ask.status.resultTitle')} <bdi dir="ltr">{found.reference}</bdi>
            </h2>
            {found.status === 'closed' ? (
              <p>{t('ask.status.closed', { date: formatDate(found.since, locale) })}</p>
            ) : (
              <ol className="asked-steps">
                {STEPS.map((step, index) => {
                  const reached = index <= STEPS.indexOf(found.status as (typeof STEPS)[number]);
                  const current = step === found.status;
                  return (
                    <li
                      key={step}
                      className={reached ? 'reached' : undefined}
                      aria-current={current ? 'step' : undefined}
                    >
                      {t(`ask.status.steps.${step}`)}
                      {current ? <> · {t('ask.status.since', { date: formatDate(found.since, locale) })}</> : null}
                    </li>
                  );
                })}
              </ol>
            )}
            <p className="hint">{t(`ask.status.explain.${found.status}`)}</p>
          </section>
        ) : found === null ? (
          <p>{t('ask.status.notFound')}</p>
        ) : null}
      </div>
      <p>
        <Link to="/ask">{t('ask.askAnother')}</Link>
      </p>
    </section>
  );
}
