import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { BoardLanguageField, BoardLanguageNote } from '~/boards/components/BoardLanguageField';
import { BoardLive } from '~/boards/components/BoardLive';
import { BoardStatic } from '~/boards/components/BoardStatic';
import { viewOfState } from '~/boards/view.server';
import {
  createAdviceDraft,
  createSnapshot,
  deleteSnapshot,
  getBoard,
  listHistory,
  listSnapshots,
  loadBoardState,
  readStoredCard,
  updateBoardSettings,
} from '~/boards/queries.server';
import {
  adviceDraftSchema,
  boardLanguageSchema,
  cardSignalSchema,
  deleteSnapshotSchema,
  snapshotSchema,
} from '~/boards/schema.server';
import { getVoteState, latestRevealedTotals } from '~/boards/votes.server';
import { boardIdentity } from '~/boards/presence';
import { tokenFor } from '~/boards/token.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { formatDateTime } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { useLocale } from '~/i18n/useLocale';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { textFromElsewhere } from '~/input/text';
import { SessionWhen } from '~/sessions/components/SessionTime';
import { getSessionSummary } from '~/sessions/queries.server';
import { viewerTimeZone } from '~/sessions/viewer.server';
import { logSignalFromBoardCard } from '~/signals/queries.server';
import { Field } from '~/ui/Field';
import { parseForm } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';
import { isOffline, notSentError } from '~/offline-requests';

export const handle = texts('boards', 'sessions');
export const clientLoader = textsFirst(handle);
/** A card made advice or a signal, a snapshot taken, while the connection is gone: see ~/offline-requests. */
export { sendUnlessOffline as clientAction } from '~/offline-requests';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.board.title) : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const locale = await detectLocale(request);
  const { board, state, snapshots, history, votes, totals, session } = await withUser(user, async (tx) => {
    const board = await getBoard(tx, boardId);
    if (!board) throw notFound();
    const [state, snapshots, history, votes, totals, session] = await Promise.all([
      loadBoardState(tx, boardId),
      listSnapshots(tx, boardId),
      board.access === 'read' ? Promise.resolve([]) : listHistory(tx, board),
      getVoteState(tx, boardId),
      latestRevealedTotals(tx, boardId),
      board.session_id ? getSessionSummary(tx, board.session_id) : null,
    ]);
    return { board, state, snapshots, history, votes, totals, session };
  });
  const view = viewOfState(state, locale, totals);
  const sectionTitles = Object.fromEntries(view.sections.map((s) => [s.id, s.title]));
  const identity = boardIdentity(user);
  const { token, anonymousAs } = tokenFor(identity, user.sessionId, board);
  return json(
    {
      board,
      session,
      zone: viewerTimeZone(request),
      view,
      token,
      me: { ...identity, anonymousAs },
      snapshots,
      votes,
      history: history.map((h) => ({ ...h, sectionTitle: sectionTitles[h.section] ?? null })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const form = await readForm(request);
  const intent = form.get('intent');
  const locale = await detectLocale(request);
  // In the embedded mode the collab-server shares this process (and, on PGlite, its one database
  // connection): write its pending edits before this request's transaction begins.
  if (intent === 'snapshot' || intent === 'signal') await context.collab?.flush();
  return withUser(user, async (tx) => {
    const board = await getBoard(tx, boardId);
    if (!board) throw notFound();
    if (intent === 'advice') {
      if (board.access !== 'facilitate') throw forbidden();
      const parsed = parseForm(adviceDraftSchema, form);
      if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
      const id = await createAdviceDraft(tx, {
        poolId: board.pool_id,
        boardId,
        sessionId: board.session_id,
        cardId: parsed.data.cardId,
        title: parsed.data.title,
        insight: parsed.data.insight,
        userId: user.id,
      });
      return json({ advice: { id, cardId: parsed.data.cardId } });
    }
    if (intent === 'signal') {
      if (board.access === 'read') throw forbidden();
      const parsed = parseForm(cardSignalSchema, form);
      if (!parsed.ok) return json({ error: parsed.errors.cardId }, { status: 400 });
      // The text comes from the stored document, not from the browser.
      const card = await readStoredCard(tx, boardId, parsed.data.cardId);
      if (!card || textFromElsewhere(card.text) === '')
        return json({ error: 'boards.errors.invalidCard' }, { status: 404 });
      const signal = await logSignalFromBoardCard(tx, user.id, {
        boardId,
        cardId: card.id,
        body: textFromElsewhere(card.text),
        language: locale,
      });
      if (!signal) throw notFound();
      return json({ signal: { id: signal.id, cardId: card.id } });
    }
    if (board.access !== 'facilitate') throw forbidden();
    if (intent === 'deleteSnapshot') {
      const parsed = parseForm(deleteSnapshotSchema, form);
      if (!parsed.ok || !(await deleteSnapshot(tx, boardId, parsed.data.snapshotId))) throw notFound();
      return redirect(`/boards/${boardId}`, { headers: await flash(request, 'boards.snapshotDeleted') });
    }
    if (intent === 'share') {
      await updateBoardSettings(tx, boardId, { shared_with_readers: form.get('shared') === '1' });
      return redirect(`/boards/${boardId}`, { headers: await flash(request, 'boards.shareChanged') });
    }
    if (intent === 'language') {
      const parsed = parseForm(boardLanguageSchema, form);
      if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
      if (!(await updateBoardSettings(tx, boardId, { language: parsed.data.language }))) throw forbidden();
      return redirect(`/boards/${boardId}`, { headers: await flash(request, 'boards.language.changed') });
    }
    if (intent === 'snapshot') {
      const parsed = parseForm(snapshotSchema, form);
      if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
      await createSnapshot(tx, boardId, parsed.data.name, user.id);
      return redirect(`/boards/${boardId}`, { headers: await flash(request, 'boards.snapshotTaken') });
    }
    throw new Response('Bad Request', { status: 400 });
  });
}

/**
 * What the page's own loader shows does not change when a dot is cast or a card becomes an advice draft
 * or a signal (the card remembers those in the live document), nor after a write that never left the
 * browser (~/offline-requests). Reloading it would hand the board a new
 * token, and a new token opens a new connection and document: the card's link, written while the new
 * document had not synced yet, was lost (boards.spec's advice-draft test, under load).
 */
const KEEPS_LOADER_DATA = new Set(['advice', 'signal']);
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formAction,
  formData,
  actionResult,
  defaultShouldRevalidate,
}) =>
  isOffline(actionResult) ||
  formAction?.endsWith('/votes') ||
  formAction?.endsWith('/comments') ||
  formAction?.endsWith('/brainstorm') ||
  KEEPS_LOADER_DATA.has(String(formData?.get('intent') ?? ''))
    ? false
    : defaultShouldRevalidate;

export default function BoardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { board, session, zone, view, token, me, snapshots, history, votes } = useLoaderData<typeof loader>();
  const [deletingSnapshot, setDeletingSnapshot] = useState<string | null>(null);
  const data = useActionData<typeof action>();
  const errors = data && 'errors' in data ? data.errors : undefined;
  const values = data && 'values' in data ? data.values : undefined;
  const [restoring, setRestoring] = useState<string | null>(null);
  const [restored, setRestored] = useState<{ error?: string } | null>(null);
  const onRestored = useCallback((error?: string) => {
    setRestoring(null);
    setRestored({ error });
  }, []);
  // One of the forms beside the board was sent while the connection was gone; each keeps what was typed.
  const notSent = notSentError(data);
  const restoreRequest = useMemo(
    () => (restoring ? { id: restoring, onDone: onRestored } : null),
    [restoring, onRestored],
  );

  return (
    <article className="board-page" aria-labelledby="board-title">
      <p>
        <Link to={`/pools/${board.pool_id}/boards`}>{t('boards.backToPool', { pool: board.pool_name })}</Link>
      </p>
      <h1 dir="auto" id="board-title">
        {board.title}
      </h1>
      {session ? (
        <p className="board-session">
          {t('boards.ofSession')}{' '}
          <Link dir="auto" to={`/sessions/${session.id}`}>
            {session.title}
          </Link>{' '}
          · <SessionWhen start={session.starts_at} end={session.ends_at} zone={zone} />
          {session.online_url ? (
            <>
              {' '}
              ·{' '}
              <a href={session.online_url} rel="noopener noreferrer" target="_blank">
                {t('sessions.show.join')}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <BoardLive
        boardId={board.id}
        access={board.access}
        token={token}
        me={me}
        locale={locale}
        fallback={<BoardStatic view={view} />}
        restoreRequest={restoreRequest}
        votes={votes}
      />
      {restored?.error ? (
        <p className="field-error" role="alert">
          {t(restored.error)}
        </p>
      ) : restored ? (
        <p className="flash" role="status">
          {t('boards.restored')}
        </p>
      ) : null}

      <aside className="board-aside">
        {notSent ? (
          <p className="field-error" role="alert">
            {t(notSent)}
          </p>
        ) : null}
        <section aria-labelledby="export-title">
          <h2 id="export-title">{t('boards.export')}</h2>
          {board.language ? (
            <p>
              <BoardLanguageNote language={board.language} />
            </p>
          ) : null}
          <ul>
            <li>
              <a href={`/boards/${board.id}/markdown`} download>
                {t('boards.exportMarkdown')}
              </a>
            </li>
            <li>
              <a href={`/boards/${board.id}/pdf`} download>
                {t('boards.pdf.download')}
              </a>
            </li>
            <li>
              <Link to={`/boards/${board.id}/print`}>{t('boards.print')}</Link>
            </li>
          </ul>
        </section>

        <section aria-labelledby="snapshots-title">
          <h2 id="snapshots-title">{t('boards.snapshots')}</h2>
          {snapshots.length === 0 ? (
            <p>{t('boards.noSnapshots')}</p>
          ) : (
            <ul className="snapshot-list">
              {snapshots.map((snapshot) => (
                <li key={snapshot.id}>
                  <Link to={`/boards/${board.id}/snapshots/${snapshot.id}`}>
                    {t('boards.viewSnapshot', { name: snapshot.name })}
                  </Link>{' '}
                  <span className="meta">{formatDateTime(snapshot.created_at, locale)}</span>
                  {board.access === 'facilitate' ? (
                    <>
                      <button type="button" disabled={restoring !== null} onClick={() => setRestoring(snapshot.id)}>
                        {t('boards.restore', { name: snapshot.name })}
                      </button>
                      {deletingSnapshot === snapshot.id ? (
                        <Form method="post" className="confirm-inline">
                          <input type="hidden" name="intent" value="deleteSnapshot" />
                          <input type="hidden" name="snapshotId" value={snapshot.id} />
                          <span role="alert">{t('boards.deleteSnapshotConfirm', { name: snapshot.name })}</span>{' '}
                          <button type="submit" className="danger">
                            {t('boards.deleteSnapshotYes', { name: snapshot.name })}
                          </button>
                          <button type="button" onClick={() => setDeletingSnapshot(null)}>
                            {t('boards.cancel')}
                          </button>
                        </Form>
                      ) : (
                        <button type="button" className="danger" onClick={() => setDeletingSnapshot(snapshot.id)}>
                          {t('boards.deleteSnapshot', { name: snapshot.name })}
                        </button>
                      )}
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {board.access === 'facilitate' ? (
            <Form method="post" noValidate className="inline-fields">
              <input type="hidden" name="intent" value="snapshot" />
              <Field
                name="name"
                label={t('boards.snapshotName')}
                defaultValue={values?.name}
                error={errors?.name}
                required
                maxLength={120}
              />
              <button type="submit">{t('boards.takeSnapshot')}</button>
            </Form>
          ) : null}
        </section>

        {board.access === 'facilitate' ? (
          <section aria-labelledby="share-title">
            <h2 id="share-title">{t('boards.share')}</h2>
            <p>{t(board.shared_with_readers ? 'boards.sharedOn' : 'boards.sharedOff')}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="share" />
              <input type="hidden" name="shared" value={board.shared_with_readers ? '0' : '1'} />
              <button type="submit">{t(board.shared_with_readers ? 'boards.shareOff' : 'boards.shareOn')}</button>
            </Form>
          </section>
        ) : null}

        {board.access === 'facilitate' ? (
          <section aria-labelledby="language-title">
            <h2 id="language-title">{t('boards.language.title')}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="language" />
              <BoardLanguageField defaultValue={values?.language ?? board.language ?? ''} error={errors?.language} />
              <button type="submit">{t('boards.language.save')}</button>
            </Form>
          </section>
        ) : null}

        {board.access === 'facilitate' ? (
          <section aria-labelledby="delete-board-title">
            <h2 id="delete-board-title">{t('boards.deleteBoard')}</h2>
            <p>
              <Link to={`/boards/${board.id}/delete`}>{t('boards.deleteBoardLink', { title: board.title })}</Link>
            </p>
          </section>
        ) : null}

        {board.access !== 'read' ? (
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('boards.history')}</h2>
            {history.length === 0 ? (
              <p>{t('boards.noHistory')}</p>
            ) : (
              <ul className="history-list">
                {history.map((entry, i) => (
                  <li key={i}>
                    {t('boards.historyEntry', {
                      name: entry.display_name ?? t('boards.someone'),
                      section: entry.sectionTitle ?? t('boards.wholeBoard'),
                    })}{' '}
                    <span className="meta">{formatDateTime(entry.period_start, locale)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
      </aside>
    </article>
  );
}
