import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { getUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { requireToken } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { withoutControlCharacters } from '~/input/text';
import { parseInteger } from '~/input/values';
import { loadRespondentState } from '~/questionnaires/answering.server';
import { QuestionInput } from '~/questionnaires/components/QuestionInput';
import { localise } from '~/questionnaires/localise';
import { completeResponse, saveAnswer } from '~/questionnaires/queries.server';
import { saveResumeKey } from '~/questionnaires/respondent.server';
import { stepAnswerSchema } from '~/questionnaires/schema.server';
import { parseValues } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('questionnaires');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.title) : 'Expertpool' },
];

async function screen(request: Request, params: { token?: string; step?: string }) {
  const token = requireToken(params.token);
  const user = await getUser(request);
  const state = await loadRespondentState(request, user, token);
  // Closed (or never open) while the person was answering: the start page says so.
  if (!state) throw redirect(`/q/${token}`);
  if (!state.key) throw redirect(`/q/${token}`);
  const questions = state.questionnaire.questions;
  const step = parseInteger(params.step ?? '', 1, questions.length);
  if (step === null) throw notFound();
  return { token, step, user, state, question: questions[step - 1]!, total: questions.length };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { step, state, question, total } = await screen(request, params);
  const locale = await detectLocale(request);
  const saved = state.answers.find((a) => a.question_id === question.id);
  return json({
    step,
    total,
    locale,
    title: localise(state.questionnaire, 'title', locale),
    question,
    saved: { scale: saved?.scale_value ?? null, options: saved?.option_ids ?? [], text: saved?.open_text ?? '' },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { token, step, user, state, question, total } = await screen(request, params);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? 'next');
  const go = (to: number) => redirect(`/q/${token}/${to}`);
  if (intent === 'back') return go(Math.max(1, step - 1));

  if (intent === 'next') {
    const parsed = parseValues(stepAnswerSchema(question), {
      scale: String(form.get('scale') ?? ''),
      option: form.getAll('option').map(String),
      text: String(form.get('text') ?? ''),
    });
    if (!parsed.ok) {
      const { scale, option, text } = parsed.values;
      return json(
        {
          error: Object.values(parsed.errors)[0]!,
          values: {
            scale: Number(scale) || null,
            options: option.filter((id) => question.options.some((o) => o.id === id)),
            text: withoutControlCharacters(text),
          },
        },
        { status: 400 },
      );
    }
    const key = state.key!;
    await withUser(user, (tx) =>
      saveAnswer(tx, { responseId: key.responseId, secret: key.secret, questionId: question.id, ...parsed.data }),
    );
  }
  if (step < total) return go(step + 1);
  const key = state.key!;
  await withUser(user, (tx) => completeResponse(tx, key.responseId, key.secret));
  return redirect(`/q/${token}/done`, { headers: { 'Set-Cookie': await saveResumeKey(request, token, null) } });
}

export default function QuestionScreen() {
  const { t } = useTranslation();
  const { step, total, locale, title, question, saved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const heading = useRef<HTMLHeadingElement>(null);
  // A new question is a new screen: move focus to it so a screen reader reads it out.
  useEffect(() => {
    heading.current?.focus();
  }, [step]);
  const value = data ? { scale: data.values.scale, options: data.values.options, text: data.values.text } : saved;
  const last = step === total;
  return (
    <section className="narrow respond" aria-labelledby="question-text">
      <p dir="auto" className="meta">
        {title}
      </p>
      <p id="progress-text" className="progress-text">
        {t('respond.progress', { step, total })}
      </p>
      <progress
        max={total}
        value={step - 1}
        aria-label={t('respond.progressLabel')}
        aria-valuetext={t('respond.progress', { step, total })}
      />
      <Form method="post" key={question.id}>
        <fieldset className="question" aria-describedby={data?.error ? 'answer-error' : undefined}>
          <legend>
            <h1 id="question-text" ref={heading} tabIndex={-1}>
              {localise(question, 'text', locale)}
            </h1>
          </legend>
          {data?.error ? (
            <p id="answer-error" className="field-error" role="alert">
              {t(data.error)}
            </p>
          ) : null}
          <QuestionInput
            question={question}
            locale={locale}
            value={value}
            errorId={data?.error ? 'answer-error' : undefined}
          />
        </fieldset>
        <div className="respond-buttons">
          <button type="submit" name="intent" value="next" disabled={busy}>
            {last ? t('respond.finish') : t('respond.next')}
          </button>
          {step > 1 ? (
            <button type="submit" name="intent" value="back" className="secondary" disabled={busy}>
              {t('respond.back')}
            </button>
          ) : null}
          <button type="submit" name="intent" value="skip" className="secondary" disabled={busy}>
            {t('respond.skip')}
          </button>
        </div>
      </Form>
    </section>
  );
}
