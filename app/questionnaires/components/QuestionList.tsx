import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { QuestionKind } from '~/db/types';

export interface ListedQuestion {
  id: string;
  kind: QuestionKind;
  indicator: string;
  text: string;
  answered: boolean;
}

/** The questions in order, each with buttons to move it and a link to edit (or, once answered, view) it. */
export function QuestionList({
  questions,
  indicatorNames,
}: {
  questions: ListedQuestion[];
  indicatorNames: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  if (questions.length === 0) return <p>{t('questionnaires.noQuestions')}</p>;
  return (
    <ol className="question-list">
      {questions.map((question, index) => {
        const n = index + 1;
        return (
          <li key={question.id} id={`question-${question.id}`}>
            <span dir="auto">{question.text}</span>{' '}
            <span className="meta">
              ({indicatorNames.get(question.indicator)} · {t(`questionnaires.kinds.${question.kind}`)})
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
  );
}
