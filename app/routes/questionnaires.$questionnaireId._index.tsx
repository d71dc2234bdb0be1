import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound, requireId } from '~/http.server';
import { formatDate } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { listIndicatorOptions } from '~/indicators/queries.server';
import { readForm } from '~/input/request.server';
import { answeredQuestionIds, moveQuestion, updateQuestionnaireDetails } from '~/questionnaires/builder.server';
import { QuestionFields } from '~/questionnaires/components/QuestionFields';
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
import {
  addQuestionSchema,
  createWaveSchema,
  moveQuestionSchema,
  questionnaireDetailsSchema,
  waveDatesSchema,
  waveStatusSchema,
} from '~/questionnaires/schema';
import { REPEAT_CHOICES, suggestNextWave, todayInAmsterdam } from '~/questionnaires/waves';
import { setWaveDates, setWaveStatus } from '~/questionnaires/waves.server';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';
import { storedTitle } from '~/ui/meta';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.title) : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.questionnaireId);
  const locale = await detectLocale(request);
  const data = await withUser(user, async (tx) => {
    const questionnaire = await getQuestionnaire(tx, id);
    if (!questionnaire) return null;
    if (!questionnaire.manages) throw forbidden();
    const [waves, indicators, answers, answered] = await Promise.all([
      listWaves(tx, id),
      listIndicatorOptions(tx, locale),
      openAnswers(tx, id, null),
      answeredQuestionIds(tx, id),
    ]);
    return { questionnaire, waves, indicators, answers, answered };
  });
  if (!data) throw notFound();
  const { questionnaire, waves, indicators, answers, answered } = data;
  const questionText = new Map(questionnaire.questions.map((q) => [q.id, localise(q, 'text', locale)]));
  return json({
    title: localise(questionnaire, 'title', locale),
    status: questionnaire.status,
    details: {
      titleNl: questionnaire.title_nl,
      titleEn: questionnaire.title_en,
      titleAr: questionnaire.title_ar,
      introNl: questionnaire.intro_nl,
      introEn: questionnaire.intro_en,
      introAr: questionnaire.intro_ar,
      repeatMonths: questionnaire.repeat_months ? String(questionnaire.repeat_months) : '',
    },
    repeatMonths: questionnaire.repeat_months,
    questions: questionnaire.questions.map((q) => ({
      id: q.id,
      position: q.position,
      kind: q.kind,
      indicator: q.indicator_code,
      text: questionText.get(q.id)!,
      answered: answered.has(q.id),
    })),
    waves: waves.map((w) => ({ ...w, link: `${config.appUrl}/q/${w.link_token}` })),
    nextWave: { ...suggestNextWave(waves, questionnaire.repeat_months, todayInAmsterdam()), number: waves.length + 1 },
    locale,
    indicators,
    // The newest hundred are enough to act on; results carry the rest.
    answers: answers.slice(0, 100).map((a) => ({ ...a, question: questionText.get(a.question_id) ?? '' })),
  });
}

type Answer = { intent: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.questionnaireId);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const done = async (key: string, to = `/questionnaires/${id}`) =>
    redirect(to, { headers: await flash(request, key) });
  const invalid = (errors: FieldErrors, values: Record<string, string>) =>
    json<Answer>({ intent, errors, values }, { status: 400 });
  switch (intent) {
    case 'details': {
      const parsed = parseForm(questionnaireDetailsSchema, form);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const saved = await withUser(user, (tx) => updateQuestionnaireDetails(tx, id, parsed.data));
      if (!saved) throw forbidden();
      return done('questionnaires.detailsSaved');
    }
    case 'question': {
      const parsed = parseForm(addQuestionSchema, form);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      await withUser(user, (tx) => addQuestion(tx, id, parsed.data));
      return done('questionnaires.questionAdded');
    }
    case 'move': {
      const parsed = parseForm(moveQuestionSchema, form);
      if (!parsed.ok) throw notFound();
      await withUser(user, (tx) => moveQuestion(tx, id, parsed.data.questionId, parsed.data.direction));
      return done('questionnaires.questionMoved', `/questionnaires/${id}#question-${parsed.data.questionId}`);
    }
    case 'wave': {
      const parsed = parseForm(createWaveSchema, form);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      await withUser(user, (tx) => createWave(tx, id, parsed.data));
      return done('questionnaires.waveCreated');
    }
    case 'waveDates': {
      const parsed = parseForm(waveDatesSchema, form);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const saved = await withUser(user, (tx) => setWaveDates(tx, id, parsed.data.waveId, parsed.data));
      if (!saved) throw notFound();
      return done('questionnaires.waveDatesSaved');
    }
    case 'waveStatus': {
      const parsed = parseForm(waveStatusSchema, form);
      if (!parsed.ok) throw notFound();
      const saved = await withUser(user, (tx) => setWaveStatus(tx, id, parsed.data.waveId, parsed.data.status));
      if (!saved) throw notFound();
      return done(parsed.data.status === 'closed' ? 'questionnaires.waveClosed' : 'questionnaires.waveReopened');
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

const LANGS = ['Nl', 'En', 'Ar'] as const;

export default function ManageQuestionnaire() {
  const { t } = useTranslation();
  const { title, status, details, repeatMonths, questions, waves, nextWave, locale, indicators, answers } =
    useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const names = new Map(indicators.map((i) => [i.code, i.name]));
  const sent = (intent: string) => (data?.intent === intent ? data : undefined);
  const d = sent('details');
  const q = sent('question');
  const w = sent('wave');
  const dates = sent('waveDates');
  const day = (iso: string) => formatDate(iso, locale, 'long');
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

      <details open={Boolean(d)}>
        <summary>{t('questionnaires.editDetails')}</summary>
        <Form method="post" noValidate className="narrow">
          <input type="hidden" name="intent" value="details" />
          {LANGS.map((lang) => (
            <Field
              key={lang}
              id={`details-title${lang}`}
              name={`title${lang}`}
              label={t(`questionnaires.title${lang}`)}
              defaultValue={d ? d.values[`title${lang}`] : details[`title${lang}`]}
              error={d?.errors[`title${lang}`]}
              dir={lang === 'Ar' ? 'rtl' : undefined}
              lang={lang.toLowerCase()}
            />
          ))}
          {LANGS.map((lang) => (
            <TextAreaField
              key={lang}
              id={`details-intro${lang}`}
              name={`intro${lang}`}
              label={t(`questionnaires.intro${lang}`)}
              defaultValue={d ? d.values[`intro${lang}`] : details[`intro${lang}`]}
              error={d?.errors[`intro${lang}`]}
              rows={3}
              dir={lang === 'Ar' ? 'rtl' : undefined}
              lang={lang.toLowerCase()}
            />
          ))}
          <SelectField
            id="details-repeat"
            name="repeatMonths"
            label={t('questionnaires.repeat')}
            hint={t('questionnaires.repeatHint')}
            defaultValue={d ? d.values.repeatMonths : details.repeatMonths}
          >
            <option value="">{t('questionnaires.repeatNever')}</option>
            {REPEAT_CHOICES.map((months) => (
              <option key={months} value={String(months)}>
                {t('questionnaires.repeatEvery', { count: months })}
              </option>
            ))}
          </SelectField>
          <button type="submit">{t('questionnaires.saveDetails')}</button>
        </Form>
      </details>

      <section aria-labelledby="questions-title">
        <h2 id="questions-title">{t('questionnaires.questions')}</h2>
        <p className="hint">{t('questionnaires.answeredRule')}</p>
        {questions.length === 0 ? (
          <p>{t('questionnaires.noQuestions')}</p>
        ) : (
          <ol className="question-list">
            {questions.map((question, index) => {
              const n = index + 1;
              return (
                <li key={question.id} id={`question-${question.id}`}>
                  <span>{question.text}</span>{' '}
                  <span className="meta">
                    ({names.get(question.indicator)} · {t(`questionnaires.kinds.${question.kind}`)})
                  </span>{' '}
                  {question.answered ? <span className="badge">{t('questionnaires.hasAnswers')}</span> : null}
                  <div className="question-actions">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="questionId" value={question.id} />
                      {index > 0 ? (
                        <button type="submit" name="direction" value="up" className="secondary">
                          <span aria-hidden="true">↑ </span>
                          {t('questionnaires.moveUp')}
                          <span className="visually-hidden">: {t('questionnaires.questionNumber', { n })}</span>
                        </button>
                      ) : null}
                      {index < questions.length - 1 ? (
                        <button type="submit" name="direction" value="down" className="secondary">
                          <span aria-hidden="true">↓ </span>
                          {t('questionnaires.moveDown')}
                          <span className="visually-hidden">: {t('questionnaires.questionNumber', { n })}</span>
                        </button>
                      ) : null}
                    </Form>
                    <Link to={`questions/${question.id}`}>
                      {question.answered ? t('questionnaires.viewQuestion') : t('questionnaires.editQuestion')}
                      <span className="visually-hidden">: {t('questionnaires.questionNumber', { n })}</span>
                    </Link>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {/* Keyed by the number of questions, so that after adding one the form starts empty again. */}
        <details key={questions.length} open={Boolean(q)}>
          <summary>{t('questionnaires.addQuestion')}</summary>
          <Form method="post" noValidate className="narrow">
            <input type="hidden" name="intent" value="question" />
            <QuestionFields indicators={indicators} values={q?.values} errors={q?.errors} />
            <button type="submit">{t('questionnaires.addQuestion')}</button>
          </Form>
        </details>
      </section>

      <section aria-labelledby="waves-title">
        <h2 id="waves-title">{t('questionnaires.waves')}</h2>
        <p className="hint">{t('questionnaires.wavesIntro')}</p>
        {waves.length === 0 ? (
          <p>{t('questionnaires.noWaves')}</p>
        ) : (
          <ul className="wave-list">
            {waves.map((wave) => {
              const mine = dates?.values.waveId === wave.id ? dates : undefined;
              return (
                <li key={wave.id} aria-labelledby={`wave-${wave.id}-name`}>
                  <h3 id={`wave-${wave.id}-name`}>{wave.name}</h3>
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
        )}
        <h3 id="new-wave-title">{t('questionnaires.newWave')}</h3>
        {nextWave.dueOn && repeatMonths ? (
          <p className="hint" id="new-wave-hint">
            {t('questionnaires.nextWaveDue', { count: repeatMonths, date: day(nextWave.dueOn) })}
          </p>
        ) : null}
        <Form key={waves.length} method="post" noValidate className="inline-fields" aria-labelledby="new-wave-title">
          <input type="hidden" name="intent" value="wave" />
          <Field
            name="name"
            label={t('questionnaires.waveName')}
            defaultValue={w ? w.values.name : t('questionnaires.waveDefaultName', { n: nextWave.number })}
            error={w?.errors.name}
          />
          <SelectField
            id="wave-mode"
            label={t('questionnaires.waveMode')}
            name="mode"
            defaultValue={w?.values.mode ?? 'anonymous'}
          >
            <option value="anonymous">{t('questionnaires.modeAnonymous')}</option>
            <option value="account">{t('questionnaires.modeAccount')}</option>
          </SelectField>
          <Field
            id="new-wave-opens"
            name="opensOn"
            type="date"
            label={t('questionnaires.opensOn')}
            defaultValue={w ? w.values.opensOn : nextWave.opensOn}
            error={w?.errors.opensOn}
          />
          <Field
            id="new-wave-closes"
            name="closesOn"
            type="date"
            label={t('questionnaires.closesOn')}
            defaultValue={w ? w.values.closesOn : nextWave.closesOn}
            error={w?.errors.closesOn}
          />
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
