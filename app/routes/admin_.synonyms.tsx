import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  listSynonymGroups,
  parseSynonymGroupForm,
  removeSynonymGroup,
  saveSynonymGroup,
} from '~/advice/synonyms.server';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { asAdmin } from '~/people/as-admin.server';
import { pageTitle } from '~/ui/meta';
import { TextAreaField } from '~/ui/TextAreaField';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('advice.synonyms.title');

export const handle = texts('advice', 'people');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ groups: await asAdmin(user, listSynonymGroups) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  if (form.get('intent') === 'remove') {
    const id = requireId(String(form.get('id') ?? ''));
    await asAdmin(user, (tx) => removeSynonymGroup(tx, id));
    return redirect('/admin/synonyms', { headers: await flash(request, 'advice.synonyms.removed') });
  }
  const parsed = parseSynonymGroupForm(form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, taken: [] as string[] }, { status: 400 });
  const outcome = await asAdmin(user, (tx) => saveSynonymGroup(tx, parsed.data));
  if (!outcome.saved) {
    const taken = 'taken' in outcome ? outcome.taken : [];
    const error = taken.length > 0 ? 'advice.synonyms.errors.taken' : 'advice.synonyms.errors.invalid';
    // The words passed validation, so they are shown back as typed.
    const values = { id: parsed.data.id ?? '', words: String(form.get('words') ?? '') };
    return json({ errors: { words: error }, values, taken }, { status: 400 });
  }
  const done = parsed.data.id ? 'advice.synonyms.saved' : 'advice.synonyms.added';
  return redirect('/admin/synonyms', { headers: await flash(request, done) });
}

export default function SynonymGroups() {
  const { t } = useTranslation();
  const { groups } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  // The error and what was typed belong to the one form that was sent: a group's, or the new one's.
  const sent = (id: string) => ((data?.values.id ?? '') === id ? data : undefined);
  const errorOf = (id: string) => sent(id)?.errors.words;
  const takenOf = (id: string) => sent(id)?.taken ?? [];
  return (
    <article aria-labelledby="synonyms-title" className="synonyms-admin">
      <p>
        <Link to="/admin">{t('people.admin.title')}</Link>
      </p>
      <h1 id="synonyms-title">{t('advice.synonyms.title')}</h1>
      <p>{t('advice.synonyms.lead')}</p>

      <section aria-labelledby="synonyms-new">
        <h2 id="synonyms-new">{t('advice.synonyms.addTitle')}</h2>
        <Form method="post" noValidate>
          <TextAreaField
            id="synonyms-new-words"
            name="words"
            label={t('advice.synonyms.words')}
            hint={t('advice.synonyms.wordsHint')}
            defaultValue={sent('')?.values.words}
            error={errorOf('')}
            rows={2}
          />
          <TakenWords words={takenOf('')} />
          <button type="submit">{t('advice.synonyms.add')}</button>
        </Form>
      </section>

      <section aria-labelledby="synonyms-list">
        <h2 id="synonyms-list">{t('advice.synonyms.listTitle', { count: groups.length })}</h2>
        {groups.length === 0 ? <p>{t('advice.synonyms.none')}</p> : null}
        <ul className="synonym-groups">
          {groups.map((group) => (
            <li key={group.id}>
              <details open={Boolean(errorOf(group.id))}>
                <summary>{group.words.join(', ')}</summary>
                <Form method="post" noValidate>
                  <input type="hidden" name="id" value={group.id} />
                  <TextAreaField
                    id={`synonyms-${group.id}`}
                    name="words"
                    label={t('advice.synonyms.wordsOf', { first: group.words[0] })}
                    hint={t('advice.synonyms.wordsHint')}
                    defaultValue={sent(group.id)?.values.words ?? group.words.join(', ')}
                    error={errorOf(group.id)}
                    rows={2}
                  />
                  <TakenWords words={takenOf(group.id)} />
                  <button type="submit">{t('advice.synonyms.save')}</button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="id" value={group.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove"
                    className="link-button"
                    aria-label={t('advice.synonyms.removeGroup', { first: group.words[0] })}
                  >
                    {t('advice.synonyms.remove')}
                  </button>
                </Form>
              </details>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

/** Which of the typed words another group already holds (the message by the field says why). */
function TakenWords({ words }: { words: string[] }) {
  const { t } = useTranslation();
  if (words.length === 0) return null;
  return <p className="field-error">{t('advice.synonyms.takenWords', { words: words.join(', ') })}</p>;
}
