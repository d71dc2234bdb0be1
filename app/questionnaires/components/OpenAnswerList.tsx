import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** Open answers with their question, each with a button that makes it a signal for the region's pool. */
export function OpenAnswerList({
  answers,
}: {
  answers: { answer_id: string; question: string; open_text: string | null }[];
}) {
  const { t } = useTranslation();
  if (answers.length === 0) return <p>{t('questionnaires.noOpenAnswers')}</p>;
  return (
    <ul className="open-answers">
      {answers.map((a) => (
        <li key={a.answer_id}>
          <p dir="auto" className="meta">
            {a.question}
          </p>
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
  );
}
