import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { QUESTION_KINDS } from '~/db/types/questionnaires';
import { forbidden, notFound, requireId } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { listIndicators } from '~/indicators/queries.server';
import {
  addQuestion,
  createWave,
  getQuestionnaire,
  listWaves,
  localise,
  openAnswers,
  setQuestionnaireStatus,
  signalFromOpenAnswer,
} from '~/questionnaires/queries.server';
import { addQuestionSchema, createWaveSchema } from '~/questionnaires/schema';
import { Field } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Expertpool` : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.questionnaireId);
  const locale = await detectLocale(request);
  const data = await withUser(user, async (tx) => {
    const questionnaire = await getQuestionnaire(tx, id);
    if (!questionnaire) return null;
    if (!questionnaire.manages) throw forbidden();
    const [waves, indicators, answers] = await Promise.all([
      listWaves(tx, id),
      listIndicators(tx, locale),
      openAnswers(tx, id, null),
    ]);
    return { questionnaire, waves, indicators, answers };
  });
  if (!data) throw notFound();
  const { questionnaire, waves, indicators, answers } = data;
  const questionText = new Map(questionnaire.questions.map((q) => [q.id, localise(q, 'text', locale)]));
  return json({
    title: localise(questionnaire, 'title', locale),
    status: questionnaire.status,
    questions: questionnaire.questions.map((q) => ({
      id: q.id,
      position: q.position,
      kind: q.kind,
      indicator: q.indicator_code,
      text: questionText.get(q.id)!,
    })),
    waves: waves.map((w) => ({ ...w, link: `${config.appUrl}/q/${w.link_token}` })),
    indicators,
    // The newest hundred are enough to act on; results carry the rest.
    answers: answers.slice(0, 100).map((a) => ({ ...a, question: questionText.get(a.question_id) ?? '' })),
  });
}

type Answer = { intent: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.questionnaireId);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const done = async (key: string, to = `/questionnaires/${id}`) =>
    redirect(to, { headers: await flash(request, key) });
  const invalid = (errors: FieldErrors, values: Record<string, string>) =>
    json<Answer>({ intent, errors, values }, { status: 400 });
  switch (intent) {
    case 'question': {
      const parsed = parseForm(addQuestionSchema, form);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      await withUser(user, (tx) => addQuestion(tx, id, parsed.data));
      return done('questionnaires.questionAdded');
    }
    case 'wave': {
      const parsed = parseForm(createWaveSchema, form);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      await withUser(user, (tx) => createWave(tx, id, parsed.data));
      return done('questionnaires.waveCreated');
    }
    case 'open':
    case 'close':
      await withUser(user, (tx) => setQuestionnaireStatus(tx, id, intent === 'open' ? 'open' : 'closed'));
      return done(intent === 'open' ? 'questionnaires.opened' : 'questionnaires.closed');
    case 'signal': {
      const answerId = requireId(String(form.get('answerId') ?? ''));
      // The signal goes to the region's pool people (a partner may not open it), so the manager stays here.
      await withUser(user, (tx) => signalFromOpenAnswer(tx, answerId));
      return done('questionnaires.signalMade');
    }
    default:
      throw notFound();
  }
}

export default function ManageQuestionnaire() {
  const { t } = useTranslation();
  const { title, status, questions, waves, indicators, answers } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const names = new Map(indicators.map((i) => [i.code, i.name]));
  const q = data?.intent === 'question' ? data : undefined;
  const w = data?.intent === 'wave' ? data : undefined;
  return (
    <article aria-labelledby="manage-title">
      <p>
        <Link to="/questionnaires">← {t('questionnaires.title')}</Link> ·{' '}
        <Link to="results">{t('questionnaires.results')}</Link>
      </p>
      <h1 id="manage-title">{title}</h1>
      <Form method="post">
        <p>
          {t('questionnaires.status')}: {t(`questionnaires.status${status[0]!.toUpperCase()}${status.slice(1)}`)}{' '}
          {status === 'open' ? (
            <button type="submit" name="intent" value="close" className="secondary">
              {t('questionnaires.close')}
            </button>
          ) : (
            <button type="submit" name="intent" value="open">
              {t('questionnaires.open')}
            </button>
          )}
        </p>
      </Form>

      <section aria-labelledby="questions-title">
        <h2 id="questions-title">{t('questionnaires.questions')}</h2>
        {questions.length === 0 ? (
          <p>{t('questionnaires.noQuestions')}</p>
        ) : (
          <ol>
            {questions.map((question) => (
              <li key={question.id}>
                {question.text}{' '}
                <span className="meta">
                  ({names.get(question.indicator)} · {t(`questionnaires.kinds.${question.kind}`)})
                </span>
              </li>
            ))}
          </ol>
        )}
        <details open={Boolean(q)}>
          <summary>{t('questionnaires.addQuestion')}</summary>
          <Form method="post" noValidate className="narrow">
            <input type="hidden" name="intent" value="question" />
            <div className="field">
              <label htmlFor="question-indicator">{t('questionnaires.indicator')}</label>
              <select id="question-indicator" name="indicator" defaultValue={q?.values.indicator}>
                {indicators.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="question-kind">{t('questionnaires.kind')}</label>
              <select id="question-kind" name="kind" defaultValue={q?.values.kind ?? 'scale'}>
                {QUESTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`questionnaires.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            {(['Nl', 'En', 'Ar'] as const).map((lang) => (
              <Field
                key={lang}
                name={`text${lang}`}
                label={t(`questionnaires.text${lang}`)}
                defaultValue={q?.values[`text${lang}`]}
                error={q?.errors[`text${lang}`]}
                dir={lang === 'Ar' ? 'rtl' : undefined}
              />
            ))}
            <fieldset>
              <legend>{t('questionnaires.kinds.scale')}</legend>
              <p className="hint">{t('questionnaires.scaleHint')}</p>
              {(['lowNl', 'highNl', 'lowEn', 'highEn', 'lowAr', 'highAr'] as const).map((name) => (
                <Field
                  key={name}
                  name={name}
                  label={t(`questionnaires.${name}`)}
                  defaultValue={q?.values[name]}
                  error={q?.errors[name]}
                  dir={name.endsWith('Ar') ? 'rtl' : undefined}
                />
              ))}
            </fieldset>
            <fieldset>
              <legend>
                {t('questionnaires.kinds.single')} / {t('questionnaires.kinds.multiple')}
              </legend>
              <p className="hint">{t('questionnaires.optionsHint')}</p>
              {(['optionsNl', 'optionsEn', 'optionsAr'] as const).map((name) => (
                <TextAreaField
                  key={name}
                  name={name}
                  label={t(`questionnaires.${name}`)}
                  defaultValue={q?.values[name]}
                  error={q?.errors[name]}
                  rows={3}
                  dir={name.endsWith('Ar') ? 'rtl' : undefined}
                />
              ))}
            </fieldset>
            <button type="submit">{t('questionnaires.addQuestion')}</button>
          </Form>
        </details>
      </section>

      <section aria-labelledby="waves-title">
        <h2 id="waves-title">{t('questionnaires.waves')}</h2>
        {waves.length === 0 ? (
          <p>{t('questionnaires.noWaves')}</p>
        ) : (
          <ul className="wave-list">
            {waves.map((wave) => (
              <li key={wave.id}>
                <strong>{wave.name}</strong> (
                {wave.mode === 'account' ? t('questionnaires.modeAccount') : t('questionnaires.modeAnonymous')},{' '}
                {wave.status === 'open' ? t('questionnaires.statusOpen') : t('questionnaires.statusClosed')})
                <br />
                <label>
                  {t('questionnaires.link')}: <input readOnly value={wave.link} dir="ltr" className="link-field" />
                </label>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" noValidate className="inline-fields">
          <input type="hidden" name="intent" value="wave" />
          <Field
            name="name"
            label={t('questionnaires.waveName')}
            defaultValue={w?.values.name}
            error={w?.errors.name}
          />
          <div className="field">
            <label htmlFor="wave-mode">{t('questionnaires.waveMode')}</label>
            <select id="wave-mode" name="mode" defaultValue={w?.values.mode ?? 'anonymous'}>
              <option value="anonymous">{t('questionnaires.modeAnonymous')}</option>
              <option value="account">{t('questionnaires.modeAccount')}</option>
            </select>
          </div>
          <button type="submit">{t('questionnaires.newWave')}</button>
        </Form>
      </section>

      <section aria-labelledby="open-answers-title">
        <h2 id="open-answers-title">{t('questionnaires.openAnswers')}</h2>
        <p>{t('questionnaires.openAnswersIntro')}</p>
        {answers.length === 0 ? (
          <p>{t('questionnaires.noOpenAnswers')}</p>
        ) : (
          <ul className="open-answers">
            {answers.map((a) => (
              <li key={a.answer_id}>
                <p className="meta">{a.question}</p>
                <blockquote dir="auto">{a.open_text}</blockquote>
                <Form method="post">
                  <input type="hidden" name="answerId" value={a.answer_id} />
                  <button type="submit" name="intent" value="signal" className="secondary">
                    {t('questionnaires.makeSignal')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
