import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { PROCESS_PARTS } from '~/db/types';
import { isAnswer, notFound } from '~/http.server';
import { formatDate } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { listIndicatorOptions } from '~/indicators/queries.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import {
  answerSignal,
  getSignal,
  linkEvidence,
  listLinkableAdvices,
  mergeSignal,
  setSignalStatus,
  suggestIndicators,
  tagSignal,
} from '~/signals/queries.server';
import { answerSchema, linkSchema, mergeSchema, readTags } from '~/signals/schema.server';
import { Field, FormError } from '~/ui/Field';
import { Combobox } from '~/ui/Combobox';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('advice', 'signals');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.signal.reference) : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const signalId = requireId(params.signalId);
  const locale = await detectLocale(request);
  const data = await withUser(user, async (tx) => {
    const signal = await getSignal(tx, signalId);
    if (!signal) return null;
    const [indicators, suggestions, advices] = await Promise.all([
      listIndicatorOptions(tx, locale),
      suggestIndicators(tx, signalId),
      listLinkableAdvices(tx, signalId),
    ]);
    return { signal, indicators, suggestions, advices };
  });
  if (!data) throw notFound();
  return json(data);
}

type ActionAnswer = { intent: string; errors: FieldErrors; values: Record<string, string>; formError: string | null };
const invalid = (intent: string, answer: Partial<ActionAnswer>, status = 400) =>
  json<ActionAnswer>({ intent, errors: {}, values: {}, formError: null, ...answer }, { status });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const signalId = requireId(params.signalId);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const done = async (key: string) => redirect(`/signals/${signalId}`, { headers: await flash(request, key) });

  switch (intent) {
    case 'tag': {
      const ok = await withUser(user, async (tx) => {
        const codes = new Set((await listIndicatorOptions(tx, 'nl')).map((i) => i.code));
        return tagSignal(tx, user.id, signalId, readTags(form, codes));
      });
      return ok ? done('signals.tagged') : invalid(intent, { formError: 'signals.errors.notAllowed' }, 403);
    }
    case 'answer': {
      const parsed = parseForm(answerSchema, form);
      if (!parsed.ok) return invalid(intent, { errors: parsed.errors, values: parsed.values });
      const answered = await withUser(user, (tx) => answerSignal(tx, user.id, signalId, parsed.data.answer));
      if (!answered) return invalid(intent, { formError: 'signals.errors.notAllowed' }, 403);
      if (!answered.email) return done('signals.answered');
      // The mail was queued with the answer (a job, app/signals/answer-mail.server.ts): send it now.
      context.wakeJobRunner();
      return done('signals.answeredMailed');
    }
    case 'merge': {
      const parsed = parseForm(mergeSchema, form);
      if (!parsed.ok) return invalid(intent, { errors: parsed.errors, values: parsed.values });
      const target = await withUser(user, (tx) => mergeSignal(tx, user.id, signalId, parsed.data.target));
      if (!target) {
        return invalid(intent, { errors: { target: 'signals.errors.mergeTarget' }, values: parsed.data });
      }
      return done('signals.merged');
    }
    case 'close':
    case 'reopen': {
      const ok = await withUser(user, (tx) => setSignalStatus(tx, signalId, intent === 'close' ? 'closed' : 'triaged'));
      return ok
        ? done(intent === 'close' ? 'signals.closed' : 'signals.reopened')
        : invalid(intent, { formError: 'signals.errors.notAllowed' }, 403);
    }
    case 'link': {
      const parsed = parseForm(linkSchema, form);
      if (!parsed.ok) return invalid(intent, { errors: parsed.errors, values: parsed.values });
      try {
        await withUser(user, (tx) => linkEvidence(tx, user.id, signalId, parsed.data.adviceId));
      } catch (error) {
        // Refused by the policies, or an advice that is not there (or not visible).
        if (isAnswer(error, 403, 404)) {
          return invalid(intent, { formError: 'signals.errors.notAllowed' }, 403);
        }
        throw error;
      }
      return done('signals.linked');
    }
    default:
      throw notFound();
  }
}

export default function SignalPage() {
  const { t, i18n } = useTranslation();
  const { signal, indicators, suggestions, advices } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const suggested = new Map(suggestions.map((s) => [s.indicator_code, s.keywords]));
  const names = new Map(indicators.map((i) => [i.code, i.name]));
  const merged = signal.status === 'merged';
  const errorFor = (intent: string) => (data?.intent === intent ? data : undefined);
  return (
    <article aria-labelledby="signal-title" className="signal-detail">
      <p>
        <Link to="/signals">← {t('signals.inboxTitle')}</Link>
      </p>
      <h1 id="signal-title">{t('signals.detailTitle', { reference: signal.reference })}</h1>
      <blockquote lang={signal.language} dir="auto" className="signal-body">
        {signal.body}
      </blockquote>
      <dl className="facts" aria-label={t('signals.facts')}>
        <dt>{t('signals.status')}</dt>
        <dd>{t(`signalStatus.${signal.status}`)}</dd>
        <dt>{t('signals.received')}</dt>
        <dd>{signal.received_on}</dd>
        <dt>{t('signals.channel')}</dt>
        <dd>{t(`channels.${signal.channel}`)}</dd>
        <dt>{t('signals.place')}</dt>
        <dd>{[signal.municipality_name, signal.region_name].filter(Boolean).join(', ') || t('signals.noPlace')}</dd>
        <dt>{t('signals.language')}</dt>
        <dd dir="auto">{signal.language}</dd>
        <dt>{t('signals.contact')}</dt>
        <dd>
          {signal.contact ? (
            <span dir="ltr">
              {[signal.contact.name, signal.contact.email, signal.contact.phone].filter(Boolean).join(' · ')}
            </span>
          ) : signal.contact_removed_at ? (
            t('signals.contactRemoved', {
              date: formatDate(signal.contact_removed_at, i18n.language),
            })
          ) : signal.hasContactAccess ? (
            t('signals.contactNone')
          ) : (
            t('signals.contactHidden')
          )}
        </dd>
      </dl>
      {merged && signal.merged_into_id ? (
        <p>
          <Link to={`/signals/${signal.merged_into_id}`}>
            {t('signals.mergedInto', { reference: signal.merged_into_reference })}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="tag-title">
        <h2 id="tag-title">{t('signals.tagTitle')}</h2>
        {suggestions.length > 0 ? (
          <p className="hint">
            {t('signals.suggestionsIntro', { names: suggestions.map((s) => names.get(s.indicator_code)).join(', ') })}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="tag" />
          <FormError error={errorFor('tag')?.formError} />
          <fieldset>
            <legend>{t('signals.indicators')}</legend>
            <div className="checkbox-grid">
              {indicators.map((i) => (
                <label key={i.code} className="checkbox">
                  <input
                    type="checkbox"
                    name="indicator"
                    value={i.code}
                    defaultChecked={signal.indicators.includes(i.code)}
                  />{' '}
                  {i.name}
                  {suggested.has(i.code) ? <span className="badge suggested"> {t('signals.suggested')}</span> : null}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('signals.processParts')}</legend>
            <div className="checkbox-grid">
              {PROCESS_PARTS.map((part) => (
                <label key={part} className="checkbox">
                  <input
                    type="checkbox"
                    name="part"
                    value={part}
                    defaultChecked={signal.process_parts.includes(part)}
                  />{' '}
                  {t(`advice.processPart.${part}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit">{t('signals.saveTags')}</button>
        </Form>
      </section>

      <section aria-labelledby="evidence-title">
        <h2 id="evidence-title">{t('signals.evidenceTitle')}</h2>
        {signal.evidenceFor.length > 0 ? (
          <>
            <h3>{t('signals.evidenceFor')}</h3>
            <ul>
              {signal.evidenceFor.map((a) => (
                <li key={a.id}>
                  {a.title}:{' '}
                  <span>
                    {t('signals.evidenceCount', { count: a.signal_count })}{' '}
                    {t('signals.evidenceMembers', { count: a.member_count })}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {advices.length > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="link" />
            <FormError error={errorFor('link')?.formError} />
            <Combobox
              id="link-advice"
              label={t('signals.advice')}
              name="adviceId"
              error={errorFor('link')?.errors.adviceId}
              options={advices.map((a) => ({
                value: a.id,
                label: a.title,
                details: [
                  a.pool_name,
                  t(`advice.status.${a.status}`),
                  formatDate(a.dated, i18n.language),
                  t('signals.evidenceCount', { count: a.signal_count }),
                ],
              }))}
            />
            <button type="submit">{t('signals.link')}</button>
          </Form>
        ) : (
          <p>{t('signals.noAdvices')}</p>
        )}
      </section>

      <section aria-labelledby="answer-title">
        <h2 id="answer-title">{t('signals.answerTitle')}</h2>
        {signal.answer ? (
          <>
            <h3>{t('signals.answerGiven')}</h3>
            <blockquote dir="auto">{signal.answer}</blockquote>
          </>
        ) : null}
        {!merged ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="answer" />
            <FormError error={errorFor('answer')?.formError} />
            <TextAreaField
              name="answer"
              label={t('signals.answer')}
              hint={signal.contact?.email ? t('signals.answerMailHint') : t('signals.answerNoMailHint')}
              defaultValue={errorFor('answer')?.values.answer}
              error={errorFor('answer')?.errors.answer}
              rows={4}
              maxLength={4000}
            />
            <button type="submit">{t('signals.sendAnswer')}</button>
          </Form>
        ) : null}
      </section>

      {!merged ? (
        <section aria-labelledby="merge-title">
          <h2 id="merge-title">{t('signals.mergeTitle')}</h2>
          <Form method="post" noValidate className="inline-fields">
            <input type="hidden" name="intent" value="merge" />
            <Field
              name="target"
              label={t('signals.mergeTarget')}
              defaultValue={errorFor('merge')?.values.target}
              error={errorFor('merge')?.errors.target}
              dir="ltr"
            />
            <button type="submit">{t('signals.merge')}</button>
          </Form>
        </section>
      ) : null}

      {!merged ? (
        <section aria-labelledby="close-title">
          <h2 id="close-title">{t('signals.closeTitle')}</h2>
          <Form method="post">
            <FormError error={errorFor('close')?.formError ?? errorFor('reopen')?.formError} />
            {signal.status === 'closed' ? (
              <button type="submit" name="intent" value="reopen">
                {t('signals.reopen')}
              </button>
            ) : (
              <button type="submit" name="intent" value="close">
                {t('signals.close')}
              </button>
            )}
          </Form>
        </section>
      ) : null}
    </article>
  );
}
