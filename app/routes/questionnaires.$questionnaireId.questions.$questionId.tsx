import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { listIndicatorOptions } from '~/indicators/queries.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { deleteQuestion, questionFormValues, questionForEdit, updateQuestion } from '~/questionnaires/builder.server';
import { QuestionFields } from '~/questionnaires/components/QuestionFields';
import { getQuestionnaire, localise } from '~/questionnaires/queries.server';
import { addQuestionSchema } from '~/questionnaires/schema.server';
import { FormError } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('questionnaires');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.heading) : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const questionnaireId = requireId(params.questionnaireId);
  const questionId = requireId(params.questionId);
  const locale = await detectLocale(request);
  const data = await withUser(user, async (tx) => {
    const questionnaire = await getQuestionnaire(tx, questionnaireId);
    if (!questionnaire) return null;
    if (!questionnaire.manages) throw forbidden();
    const question = await questionForEdit(tx, questionnaire, questionId);
    if (!question) return null;
    return { questionnaire, question, indicators: await listIndicatorOptions(tx, locale) };
  });
  if (!data) throw notFound();
  const { questionnaire, question, indicators } = data;
  return json({
    back: `/questionnaires/${questionnaireId}`,
    questionnaireTitle: localise(questionnaire, 'title', locale),
    heading: localise(question, 'text', locale),
    number: question.number,
    answered: question.answered,
    values: questionFormValues(question) as unknown as Record<string, string>,
    indicators,
  });
}

type Answer = { intent: string; errors: FieldErrors; values: Record<string, string>; formError?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const questionnaireId = requireId(params.questionnaireId);
  const questionId = requireId(params.questionId);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const back = async (key: string) =>
    redirect(`/questionnaires/${questionnaireId}`, { headers: await flash(request, key) });
  const values = Object.fromEntries([...form].map(([k, v]) => [k, String(v)]));
  // The database refuses changes to an answered question, also when answers came in after the page loaded.
  const locked = () =>
    json<Answer>({ intent, errors: {}, values, formError: 'questionnaires.errors.answered' }, { status: 409 });
  if (intent === 'save') {
    const parsed = parseForm(addQuestionSchema, form);
    if (!parsed.ok) return json<Answer>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const outcome = await withUser(user, (tx) => updateQuestion(tx, questionnaireId, questionId, parsed.data));
    if (outcome === 'locked') return locked();
    if (outcome === 'notFound') throw notFound();
    return back('questionnaires.questionSaved');
  }
  if (intent === 'delete') {
    if (form.get('confirm') !== 'yes') {
      return json<Answer>(
        { intent, errors: { confirm: 'questionnaires.errors.confirmDelete' }, values },
        { status: 400 },
      );
    }
    const outcome = await withUser(user, (tx) => deleteQuestion(tx, questionnaireId, questionId));
    if (outcome === 'locked') return locked();
    if (outcome === 'notFound') throw notFound();
    return back('questionnaires.questionDeleted');
  }
  throw notFound();
}

export default function EditQuestion() {
  const { t } = useTranslation();
  const { back, questionnaireTitle, heading, number, answered, values, indicators } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const save = data?.intent === 'save' ? data : undefined;
  const remove = data?.intent === 'delete' ? data : undefined;
  return (
    <article aria-labelledby="question-title" className="narrow">
      <p>
        <Link to={back}>← {questionnaireTitle}</Link>
      </p>
      <p className="meta">{t('questionnaires.questionNumber', { n: number })}</p>
      <h1 dir="auto" id="question-title">
        {heading}
      </h1>
      <FormError error={data?.formError} />
      {answered ? (
        <div className="storage-note" role="note">
          <h2>{t('questionnaires.answeredTitle')}</h2>
          <p>{t('questionnaires.errors.answered')}</p>
          <p>
            <Link to={back}>{t('questionnaires.addInstead')}</Link>
          </p>
        </div>
      ) : (
        <>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="save" />
            <QuestionFields indicators={indicators} values={save?.values ?? values} errors={save?.errors} />
            <button type="submit">{t('questionnaires.saveQuestion')}</button>
          </Form>
          <section aria-labelledby="delete-question-title" className="danger-zone">
            <h2 id="delete-question-title">{t('questionnaires.deleteQuestion')}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="delete" />
              <div className="checkbox">
                <input
                  type="checkbox"
                  id="delete-confirm"
                  name="confirm"
                  value="yes"
                  aria-invalid={remove?.errors.confirm ? true : undefined}
                  aria-describedby={remove?.errors.confirm ? 'delete-confirm-error' : undefined}
                />
                <label htmlFor="delete-confirm">{t('questionnaires.deleteConfirm')}</label>
              </div>
              {remove?.errors.confirm ? (
                <p className="field-error" id="delete-confirm-error">
                  {t(remove.errors.confirm)}
                </p>
              ) : null}
              <button type="submit" className="secondary">
                {t('questionnaires.deleteQuestion')}
              </button>
            </Form>
          </section>
        </>
      )}
    </article>
  );
}
