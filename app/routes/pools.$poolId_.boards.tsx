import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { BoardLanguageField, BoardLanguageNote } from '~/boards/components/BoardLanguageField';
import { templateTerm } from '~/boards/glossary';
import { createBoard, listPoolBoards, templateChoices } from '~/boards/queries.server';
import { createBoardSchema } from '~/boards/schema.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { isUuid } from '~/input/fields.server';
import { getPool } from '~/pools/queries.server';
import { SessionWhen } from '~/sessions/components/SessionTime';
import { getSessionSummary } from '~/sessions/queries.server';
import { viewerTimeZone } from '~/sessions/viewer.server';
import { Field } from '~/ui/Field';
import { GlossaryTerm } from '~/ui/GlossaryTerm';
import { SelectField } from '~/ui/SelectField';
import { parseForm } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('boards');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.pool.name) : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  return withUser(user, async (tx) => {
    const pool = await getPool(tx, poolId, user.id);
    if (!pool) throw notFound();
    // "Open a board for this session" links here with ?sessionId=…; the form names that session.
    const asked = new URL(request.url).searchParams.get('sessionId');
    const [boards, session] = await Promise.all([
      listPoolBoards(tx, poolId),
      isUuid(asked) ? getSessionSummary(tx, asked) : null,
    ]);
    return json({
      pool: { id: pool.id, name: pool.name, myRole: pool.my_role },
      boards,
      templates: templateChoices(await detectLocale(request)),
      session: session?.pool_id === poolId ? session : null,
      zone: viewerTimeZone(request),
    });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const parsed = parseForm(createBoardSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const boardId = await withUser(user, async (tx) => {
    const pool = await getPool(tx, poolId, user.id);
    if (!pool) throw notFound();
    // RLS refuses the insert for anyone else; this check only gives a clear answer first.
    if (pool.my_role !== 'coordinator') throw forbidden();
    return createBoard(tx, {
      poolId,
      title: parsed.data.title,
      template: parsed.data.template,
      copyFrom: parsed.data.source === 'copy' ? parsed.data.copyFrom : null,
      sessionId: parsed.data.sessionId,
      language: parsed.data.language,
      createdBy: user.id,
      authorName: user.name,
    });
  });
  return redirect(`/boards/${boardId}`);
}

export default function PoolBoards() {
  const { t } = useTranslation();
  const { pool, boards, templates, session, zone } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [source, setSource] = useState(data?.values.source ?? 'template');
  const [copyFrom, setCopyFrom] = useState(data?.values.copyFrom ?? boards[0]?.id ?? '');
  const [language, setLanguage] = useState(data?.values.language ?? '');
  const templateName = (key: string) => templates.find((tpl) => tpl.key === key)?.name ?? key;
  // A copy is filled in with the language of the board it copies (a council's Arabic board gives an Arabic
  // copy), and stays changeable; back to a template, a language only filled in that way is taken out again.
  const languageOf = (id: string) => boards.find((board) => board.id === id)?.language ?? '';
  const chooseSource = (next: 'template' | 'copy') => {
    if (next === source) return;
    setSource(next);
    if (next === 'copy') setLanguage(languageOf(copyFrom));
    else if (language === languageOf(copyFrom)) setLanguage('');
  };
  const chooseCopy = (id: string) => {
    setCopyFrom(id);
    setLanguage(languageOf(id));
  };
  return (
    <article aria-labelledby="boards-title">
      <p>
        <Link to={`/pools/${pool.id}`}>{t('boards.backToPool', { pool: pool.name })}</Link>
      </p>
      <h1 id="boards-title">
        {t('boards.listTitle')} · {pool.name}
      </h1>
      <p className="lead">{t('boards.listLead')}</p>
      {boards.length === 0 ? (
        <p>{t('boards.none')}</p>
      ) : (
        <ul className="board-list">
          {boards.map((board) => (
            <li key={board.id}>
              <Link to={`/boards/${board.id}`} aria-label={t('boards.open', { title: board.title })}>
                {board.title}
              </Link>{' '}
              <span className="meta">
                <TemplateName templateKey={board.template} name={templateName(board.template)} />
                {board.shared_with_readers ? ` · ${t('boards.sharedBadge')}` : ''}
                {board.language ? (
                  <>
                    {' · '}
                    <BoardLanguageNote language={board.language} />
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {pool.myRole === 'coordinator' ? (
        <section aria-labelledby="new-board-title">
          <h2 id="new-board-title">{t('boards.create')}</h2>
          <Form method="post" noValidate>
            <Field
              name="title"
              label={t('boards.titleLabel')}
              defaultValue={data?.values.title}
              error={data?.errors.title}
              required
              maxLength={120}
            />
            <fieldset className="choice">
              <legend>{t('boards.source')}</legend>
              <label>
                <input
                  type="radio"
                  name="source"
                  value="template"
                  checked={source === 'template'}
                  onChange={() => chooseSource('template')}
                />{' '}
                {t('boards.fromTemplate')}
              </label>
              <label>
                <input
                  type="radio"
                  name="source"
                  value="copy"
                  checked={source === 'copy'}
                  onChange={() => chooseSource('copy')}
                  disabled={boards.length === 0}
                />{' '}
                {t('boards.fromCopy')}
              </label>
            </fieldset>
            {source === 'template' ? (
              <>
                <SelectField
                  id="board-template"
                  label={t('boards.template')}
                  name="template"
                  defaultValue={data?.values.template ?? 'brede_intake'}
                >
                  {templates.map((tpl) => (
                    <option dir="auto" key={tpl.key} value={tpl.key}>
                      {tpl.name}
                    </option>
                  ))}
                </SelectField>
                <p className="hint">
                  {t('glossary.templateWords')}{' '}
                  {templates.map((tpl) => {
                    const term = templateTerm(tpl.key);
                    return term ? (
                      <GlossaryTerm key={tpl.key} term={term}>
                        {tpl.name}
                      </GlossaryTerm>
                    ) : null;
                  })}
                </p>
              </>
            ) : (
              <SelectField
                id="board-copy"
                name="copyFrom"
                label={t('boards.copyFrom')}
                value={copyFrom}
                onChange={(event) => chooseCopy(event.target.value)}
                error={data?.errors.copyFrom}
              >
                {boards.map((board) => (
                  <option dir="auto" key={board.id} value={board.id}>
                    {board.title}
                  </option>
                ))}
              </SelectField>
            )}
            <BoardLanguageField
              value={language}
              onChange={setLanguage}
              error={data?.errors.language}
              copying={source === 'copy'}
            />
            {session ? (
              <>
                <input type="hidden" name="sessionId" value={session.id} />
                <p className="meta">
                  {t('boards.forSession')}{' '}
                  <Link dir="auto" to={`/sessions/${session.id}`}>
                    {session.title}
                  </Link>{' '}
                  · <SessionWhen start={session.starts_at} end={session.ends_at} zone={zone} />
                </p>
              </>
            ) : null}
            <button type="submit">{t('boards.createSubmit')}</button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}

/** A template's name, with the explanation of the domain word it is named after when there is one. */
function TemplateName({ templateKey, name }: { templateKey: string; name: string }) {
  const term = templateTerm(templateKey);
  return term ? <GlossaryTerm term={term}>{name}</GlossaryTerm> : <>{name}</>;
}
