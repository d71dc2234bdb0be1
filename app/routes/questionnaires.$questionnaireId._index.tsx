import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { moveQuestion, updateQuestionnaireDetails } from '~/questionnaires/builder.server';
import { DetailsForm } from '~/questionnaires/components/DetailsForm';
import { OpenAnswerList } from '~/questionnaires/components/OpenAnswerList';
import { QuestionFields } from '~/questionnaires/components/QuestionFields';
import { QuestionList } from '~/questionnaires/components/QuestionList';
import { NewWaveForm, WaveList } from '~/questionnaires/components/WaveList';
import { loadQuestionnaireManagement } from '~/questionnaires/manage.server';
import { addQuestion, createWave, setQuestionnaireStatus, signalFromOpenAnswer } from '~/questionnaires/queries.server';
import {
  addQuestionSchema,
  createWaveSchema,
  moveQuestionSchema,
  questionnaireDetailsSchema,
  waveDatesSchema,
  waveStatusSchema,
} from '~/questionnaires/schema.server';
import { isOtherGroup, listRespondentGroups } from '~/questionnaires/respondent-groups.server';
import { setWaveDates, setWaveStatus } from '~/questionnaires/waves.server';
import { parseForm, typedValues, type FieldErrors } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('questionnaires');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.title) : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.questionnaireId);
  const locale = await detectLocale(request);
  const page = await withUser(user, (tx) => loadQuestionnaireManagement(tx, id, locale));
  if (page === 'notFound') throw notFound();
  if (page === 'forbidden') throw forbidden();
  return json({ ...page, locale });
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
      const refused = (key: string) => invalid({ respondentGroupId: key }, typedValues(form));
      try {
        const made = await withUser(user, async (tx) => {
          const groups = await listRespondentGroups(tx);
          if (!groups.some((g) => g.id === parsed.data.respondentGroupId)) return false;
          await createWave(tx, id, parsed.data);
          return true;
        });
        if (!made) return refused('questionnaires.errors.respondentGroup');
      } catch (error) {
        if (isOtherGroup(error)) return refused('questionnaires.errors.otherGroup');
        throw error;
      }
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

export default function ManageQuestionnaire() {
  const { t } = useTranslation();
  const {
    title,
    status,
    details,
    repeatMonths,
    questions,
    waves,
    nextWave,
    locale,
    indicators,
    answers,
    respondentGroups,
    askedGroupId,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const sent = (intent: string) => (data?.intent === intent ? data : undefined);
  const q = sent('question');
  return (
    <article aria-labelledby="manage-title">
      <p>
        <Link to="/questionnaires">← {t('questionnaires.title')}</Link> ·{' '}
        <Link to="results">{t('questionnaires.results')}</Link>
      </p>
      <h1 dir="auto" id="manage-title">
        {title}
      </h1>
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

      <DetailsForm details={details} sent={sent('details')} />

      <section aria-labelledby="questions-title">
        <h2 id="questions-title">{t('questionnaires.questions')}</h2>
        <p className="hint">{t('questionnaires.answeredRule')}</p>
        <QuestionList questions={questions} indicatorNames={new Map(indicators.map((i) => [i.code, i.name]))} />
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
        <WaveList waves={waves} locale={locale} sentDates={sent('waveDates')} />
        <NewWaveForm
          nextWave={nextWave}
          repeatMonths={repeatMonths}
          locale={locale}
          sent={sent('wave')}
          groups={respondentGroups}
          askedGroupId={askedGroupId}
        />
      </section>

      <section aria-labelledby="open-answers-title">
        <h2 id="open-answers-title">{t('questionnaires.openAnswers')}</h2>
        <p>{t('questionnaires.openAnswersIntro')}</p>
        <OpenAnswerList answers={answers} />
      </section>
    </article>
  );
}
