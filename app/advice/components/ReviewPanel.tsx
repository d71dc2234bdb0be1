import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '~/i18n/format';
import { SelectField } from '~/ui/SelectField';
import type { FieldErrors } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';

interface Props {
  advice: {
    id: string;
    status: string;
    recognisedByMe: boolean;
    may_change_draft: boolean;
    manages: boolean;
    comments: { id: string; body: string; author: string | null; created_at: string }[];
  };
  quotable: { user_id: string; display_name: string }[];
  actionData?: { intent: string; errors: FieldErrors; values: Record<string, string> };
}

/** The pool's side of an advice: comments, "I recognise this", quotes, review and publication. */
export function ReviewPanel({ advice, quotable, actionData }: Props) {
  const { t, i18n } = useTranslation();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {});
  const typedFor = (intent: string) => (actionData?.intent === intent ? actionData.values : {});
  // Only what the database will allow this person (its policies' own functions, asked in getAdvice).
  const editable = advice.may_change_draft || advice.manages;
  return (
    <section aria-labelledby="review-title" className="review-panel">
      <h2 id="review-title">{t('advice.detail.review')}</h2>
      <div className="actions">
        {editable ? (
          <Link className="button secondary" to={`/advice/${advice.id}/edit`}>
            {t('advice.detail.edit')}
          </Link>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="recognise" />
          <button type="submit" className="secondary" aria-pressed={advice.recognisedByMe}>
            {t('advice.detail.recognise')}
          </button>
        </Form>
        {advice.status === 'draft' && editable ? (
          <Form method="post">
            <input type="hidden" name="intent" value="submit" />
            <button type="submit">{t('advice.detail.submitReview')}</button>
          </Form>
        ) : null}
        {advice.manages && (advice.status === 'published' || advice.status === 'responded') ? (
          <Form method="post">
            <input type="hidden" name="intent" value="implement" />
            <button type="submit" className="secondary">
              {t('advice.detail.implement')}
            </button>
          </Form>
        ) : null}
      </div>

      {advice.manages && (advice.status === 'draft' || advice.status === 'in_review') ? (
        <Form method="post" className="publish-form">
          <input type="hidden" name="intent" value="publish" />
          <fieldset className="radio-group">
            <legend>{t('advice.detail.publishVisibility')}</legend>
            <label className="checkbox">
              <input type="radio" name="visibility" value="addressed" defaultChecked />
              {t('advice.visibility.addressed')}
            </label>
            <label className="checkbox">
              <input type="radio" name="visibility" value="public" />
              {t('advice.visibility.public')}
            </label>
          </fieldset>
          <button type="submit">{t('advice.detail.publish')}</button>
        </Form>
      ) : null}

      <h3>{t('advice.detail.comments')}</h3>
      {advice.comments.length === 0 ? (
        <p>{t('advice.detail.noComments')}</p>
      ) : (
        <ul className="comments">
          {advice.comments.map((c) => (
            <li key={c.id}>
              <p dir="auto">{c.body}</p>
              <p className="meta">
                {c.author ?? ''} · {formatDate(c.created_at, i18n.language)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="comment" />
        <TextAreaField
          name="body"
          id="comment-body"
          label={t('advice.detail.comment')}
          error={errorsFor('comment').body}
          defaultValue={typedFor('comment').body}
          rows={3}
        />
        <button type="submit">{t('advice.detail.addComment')}</button>
      </Form>

      <h3>{t('advice.detail.addQuote')}</h3>
      {quotable.length === 0 ? (
        <p>{t('advice.detail.noQuotable')}</p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="quote" />
          <SelectField
            id="quote-member"
            label={t('advice.detail.quoteMember')}
            hint={t('advice.detail.quoteMemberHint')}
            name="memberId"
          >
            {quotable.map((m) => (
              <option dir="auto" key={m.user_id} value={m.user_id}>
                {m.display_name}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            name="body"
            id="quote-body"
            label={t('advice.detail.quoteBody')}
            error={errorsFor('quote').body}
            defaultValue={typedFor('quote').body}
            rows={2}
          />
          <button type="submit">{t('advice.detail.addQuote')}</button>
        </Form>
      )}
    </section>
  );
}
