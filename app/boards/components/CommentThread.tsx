import { useFetcher } from '@remix-run/react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import { formatDateTime } from '~/i18n/format';
import { useLocale } from '~/i18n/useLocale';
import { isOffline, notSentError, type Offline } from '~/offline-requests';
import { TextAreaField } from '~/ui/TextAreaField';
import {
  COMMENT_MAX,
  openCommentCount,
  threadsOn,
  type BoardComment,
  type CommentTarget,
  type CommentsResponse,
  type CommentThread,
  type MentionablePerson,
} from '../comments';
import {
  BoardCommentsContext,
  useBoardComments,
  useCommentsContext,
  type BoardCommentsState,
} from './useBoardComments';

interface Rights {
  me: string;
  canEdit: boolean;
  canFacilitate: boolean;
}

/**
 * Comments on the live board's cards and sections (issue 22): gives the board's comments to the cards
 * and sections inside it, and shows the comments of one of them in a dialog.
 */
export function BoardComments({
  boardId,
  provider,
  children,
  ...rights
}: Rights & { boardId: string; provider: WebsocketProvider; children: ReactNode }) {
  const board = useBoardComments(boardId, provider);
  const [shown, setShown] = useState<{ target: CommentTarget; title: string } | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const { refresh } = board;
  const open = useCallback(
    (target: CommentTarget, title: string, from: HTMLElement | null) => {
      opener.current = from;
      setShown({ target, title });
      refresh();
    },
    [refresh],
  );
  const state = useMemo<BoardCommentsState>(() => ({ ...board, open }), [board, open]);
  const close = () => {
    setShown(null);
    // The menu item that opened the dialog is gone with its menu: back to the menu's button then.
    const from = opener.current;
    requestAnimationFrame(() => (from?.isConnected ? from : null)?.focus());
  };
  return (
    <BoardCommentsContext.Provider value={state}>
      {children}
      {shown ? <CommentsDialog board={state} {...shown} {...rights} onClose={close} /> : null}
    </BoardCommentsContext.Provider>
  );
}

/** How many comments the open threads on a card or section hold (0 outside a live board). */
export function useCommentCount(target: CommentTarget): number {
  const board = useCommentsContext();
  return board ? openCommentCount(board.comments, target) : 0;
}

/** A section's "Comments (n)" button; a card has the same as an item of its menu. */
export function CommentsButton({ target, title }: { target: CommentTarget; title: string }) {
  const { t } = useTranslation();
  const board = useCommentsContext();
  const count = useCommentCount(target);
  if (!board) return null;
  return (
    <button
      type="button"
      className="comments-button"
      aria-label={t('boards.comments.openSection', { section: title, n: count })}
      onClick={(event) => board.open(target, title, event.currentTarget)}
    >
      {t('boards.comments.button', { n: count })}
    </button>
  );
}

function CommentsDialog({
  board,
  target,
  title,
  onClose,
  ...rights
}: Rights & { board: BoardCommentsState; target: CommentTarget; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [said, setSaid] = useState('');
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const threads = threadsOn(board.comments, target);
  const open = threads.filter((thread) => thread.first.resolvedAt === null);
  const resolved = threads.filter((thread) => thread.first.resolvedAt !== null);
  const threadProps = { board, target, rights, say: setSaid };
  return (
    <dialog ref={dialog} className="comments-dialog" aria-labelledby={headingId} onClose={onClose}>
      <div className="comments-head">
        <h2 id={headingId}>
          {t(target.kind === 'card' ? 'boards.comments.titleCard' : 'boards.comments.titleSection', { title })}
        </h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('boards.comments.close')}
        </button>
      </div>
      <p className="sr-only" role="status">
        {said}
      </p>
      {open.length === 0 ? <p>{t('boards.comments.none')}</p> : null}
      {open.length > 0 ? (
        <ol className="comment-threads" aria-label={t('boards.comments.openThreads')}>
          {open.map((thread) => (
            <Thread key={thread.first.id} thread={thread} {...threadProps} />
          ))}
        </ol>
      ) : null}
      {resolved.length > 0 ? (
        <details className="comment-resolved">
          <summary>{t('boards.comments.resolvedThreads', { n: resolved.length })}</summary>
          <ol className="comment-threads">
            {resolved.map((thread) => (
              <Thread key={thread.first.id} thread={thread} {...threadProps} />
            ))}
          </ol>
        </details>
      ) : null}
      {rights.canEdit ? (
        <CommentForm
          board={board}
          purpose="new"
          fields={{ intent: 'add', targetKind: target.kind, targetId: target.id }}
          label={t('boards.comments.newLabel')}
          submit={t('boards.comments.post')}
          onDone={() => setSaid(t('boards.comments.posted'))}
        />
      ) : null}
    </dialog>
  );
}

interface ThreadProps {
  board: BoardCommentsState;
  target: CommentTarget;
  thread: CommentThread;
  rights: Rights;
  say: (text: string) => void;
}

function Thread({ board, target, thread, rights, say }: ThreadProps) {
  const { t } = useTranslation();
  const [replying, setReplying] = useState(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  const isResolved = thread.first.resolvedAt !== null;
  const stopReplying = () => {
    setReplying(false);
    requestAnimationFrame(() => replyButton.current?.focus());
  };
  return (
    <li className={`comment-thread${isResolved ? ' comment-thread-resolved' : ''}`}>
      <Comment comment={thread.first} board={board} rights={rights} resolved={isResolved} say={say} first />
      {thread.replies.length > 0 ? (
        <ol className="comment-replies" aria-label={t('boards.comments.replies')}>
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <Comment comment={reply} board={board} rights={rights} resolved={isResolved} say={say} />
            </li>
          ))}
        </ol>
      ) : null}
      {rights.canEdit && !isResolved ? (
        replying ? (
          <CommentForm
            board={board}
            purpose={`reply-${thread.first.id}`}
            fields={{ intent: 'add', targetKind: target.kind, targetId: target.id, parentId: thread.first.id }}
            label={t('boards.comments.replyLabel', { name: thread.first.authorName ?? t('boards.someone') })}
            submit={t('boards.comments.sendReply')}
            autoFocus
            onCancel={stopReplying}
            onDone={() => {
              say(t('boards.comments.posted'));
              stopReplying();
            }}
          />
        ) : (
          <button type="button" ref={replyButton} onClick={() => setReplying(true)}>
            {t('boards.comments.reply')}
          </button>
        )
      ) : null}
    </li>
  );
}

function Comment({
  comment,
  board,
  rights,
  resolved,
  say,
  first = false,
}: {
  comment: BoardComment;
  board: BoardCommentsState;
  rights: Rights;
  resolved: boolean;
  say: (text: string) => void;
  first?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const metaId = useId();
  const own = comment.authorId === rights.me;
  const author = comment.authorName ?? t('boards.someone');
  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  return (
    <article className="comment" aria-labelledby={metaId}>
      <p className="comment-meta" id={metaId}>
        <strong>
          <bdi>{author}</bdi>
        </strong>{' '}
        · <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, locale)}</time>
        {comment.editedAt ? ` · ${t('boards.comments.edited')}` : ''}
        {first && resolved ? ` · ${t('boards.comments.resolvedMark')}` : ''}
      </p>
      {editing ? (
        <CommentForm
          board={board}
          purpose={`edit-${comment.id}`}
          fields={{ intent: 'edit', commentId: comment.id }}
          label={t('boards.comments.editLabel')}
          submit={t('boards.comments.save')}
          initial={comment}
          autoFocus
          onCancel={stopEditing}
          onDone={() => {
            say(t('boards.comments.saved'));
            stopEditing();
          }}
        />
      ) : (
        <>
          <p className="comment-body" dir="auto">
            {comment.body}
          </p>
          {comment.mentions.length > 0 ? (
            <p className="comment-mentions">
              {t('boards.comments.mentioned')}{' '}
              {comment.mentions.map((person) => (
                <span key={person.id} className="mention">
                  @<bdi>{person.name ?? t('boards.someone')}</bdi>
                </span>
              ))}
            </p>
          ) : null}
        </>
      )}
      {!editing ? (
        <div className="comment-actions">
          {own && rights.canEdit && !resolved ? (
            <button type="button" ref={editButton} onClick={() => setEditing(true)}>
              {t('boards.comments.edit')}
            </button>
          ) : null}
          {first && rights.canFacilitate ? (
            <CommentAction
              board={board}
              intent={resolved ? 'reopen' : 'resolve'}
              commentId={comment.id}
              label={t(resolved ? 'boards.comments.reopen' : 'boards.comments.resolve')}
              onDone={() => say(t(resolved ? 'boards.comments.reopened' : 'boards.comments.resolved'))}
            />
          ) : null}
          {(own && rights.canEdit) || rights.canFacilitate ? (
            confirming ? (
              <span className="confirm-inline">
                <span role="alert">
                  {t(first ? 'boards.comments.deleteThreadConfirm' : 'boards.comments.deleteConfirm')}
                </span>{' '}
                <CommentAction
                  board={board}
                  intent="delete"
                  commentId={comment.id}
                  label={t('boards.comments.deleteYes')}
                  danger
                  onDone={() => say(t('boards.comments.deleted'))}
                />
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('boards.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" className="danger" onClick={() => setConfirming(true)}>
                {t('boards.comments.delete')}
              </button>
            )
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

/**
 * One fetcher per form, so each shows its own refusal; any answer the server gave carries the board's
 * comments. One that never left the browser changed nothing: the form says so and keeps what was typed.
 */
function useCommentFetcher(board: BoardCommentsState, key: string, onDone: () => void) {
  const fetcher = useFetcher<CommentsResponse | Offline>({ key });
  const { changed, refresh } = board;
  const handled = useRef<CommentsResponse | Offline | null>(null);
  useEffect(() => {
    const answer = fetcher.data;
    if (!answer || fetcher.state !== 'idle' || handled.current === answer) return;
    handled.current = answer;
    if (isOffline(answer)) return;
    if (answer.done?.error) refresh();
    else {
      changed(answer);
      onDone();
    }
  }, [fetcher.data, fetcher.state, changed, refresh, onDone]);
  const answer = fetcher.state === 'idle' ? fetcher.data : undefined;
  const refused = isOffline(answer) ? { error: notSentError(answer), field: undefined } : answer?.done;
  return { fetcher, refused };
}

function CommentAction({
  board,
  intent,
  commentId,
  label,
  danger = false,
  onDone,
}: {
  board: BoardCommentsState;
  intent: string;
  commentId: string;
  label: string;
  danger?: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { fetcher, refused } = useCommentFetcher(board, `comment-${intent}-${commentId}`, onDone);
  const error = refused?.error;
  return (
    <fetcher.Form method="post" action={board.url} className="comment-action">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="commentId" value={commentId} />
      <button type="submit" className={danger ? 'danger' : undefined} disabled={fetcher.state !== 'idle'}>
        {label}
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </fetcher.Form>
  );
}

function CommentForm({
  board,
  purpose,
  fields,
  label,
  submit,
  initial,
  autoFocus = false,
  onCancel,
  onDone,
}: {
  board: BoardCommentsState;
  purpose: string;
  fields: Record<string, string>;
  label: string;
  submit: string;
  initial?: BoardComment;
  autoFocus?: boolean;
  onCancel?: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  // A new generation after each success: a fresh, empty form (and mention picker).
  const [generation, setGeneration] = useState(0);
  const done = useCallback(() => {
    setGeneration((n) => n + 1);
    onDone();
  }, [onDone]);
  const { fetcher, refused } = useCommentFetcher(board, `comment-form-${purpose}`, done);
  const bodyError = refused?.field === 'body' ? refused.error : undefined;
  const otherError = refused?.error && refused.field !== 'body' ? refused.error : undefined;
  return (
    <fetcher.Form
      key={generation}
      method="post"
      action={board.url}
      className="comment-form"
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) {
          // The dialog would close on Escape too: only this form goes.
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextAreaField
        id={`${id}-body`}
        name="body"
        label={label}
        hint={t('boards.comments.hint', { max: COMMENT_MAX })}
        error={bodyError}
        defaultValue={initial?.body}
        rows={3}
        maxLength={COMMENT_MAX}
        dir="auto"
        required
        autoFocus={autoFocus}
      />
      {board.people.length > 0 ? (
        <MentionPicker people={board.people} initial={initial?.mentions.map((m) => m.id) ?? []} />
      ) : null}
      {otherError ? (
        <p className="field-error" role="alert">
          {t(otherError)}
        </p>
      ) : null}
      <div className="comment-form-buttons">
        <button type="submit" disabled={fetcher.state !== 'idle'}>
          {submit}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('boards.cancel')}
          </button>
        ) : null}
      </div>
    </fetcher.Form>
  );
}

/**
 * Whom a comment mentions: checkboxes of the pool's people (only they are offered, and the server
 * checks it again), narrowed by typing; the chosen ones are sent as `mention` fields.
 */
function MentionPicker({ people, initial }: { people: MentionablePerson[]; initial: string[] }) {
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState(() => new Set(initial));
  const [filter, setFilter] = useState('');
  const words = filter.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const names = people.filter((person) => chosen.has(person.id)).map((person) => person.name);
  return (
    <details className="mention-picker" open={initial.length > 0 || undefined}>
      <summary>
        {t('boards.comments.mention')}
        {names.length > 0 ? ` (${names.map((name) => `@${name}`).join(', ')})` : ''}
      </summary>
      <fieldset>
        <legend>{t('boards.comments.mentionLegend')}</legend>
        <label htmlFor={`${id}-filter`}>{t('boards.comments.mentionFilter')}</label>
        <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <ul className="mention-choices">
          {people.map((person) => (
            <li
              key={person.id}
              hidden={!words.every((word) => person.name.toLocaleLowerCase().includes(word)) || undefined}
            >
              <label>
                <input
                  type="checkbox"
                  name="mention"
                  value={person.id}
                  checked={chosen.has(person.id)}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.target.checked) next.add(person.id);
                    else next.delete(person.id);
                    setChosen(next);
                  }}
                />{' '}
                <bdi>{person.name}</bdi>
                {person.role === 'coordinator' ? (
                  <span className="meta"> ({t('boards.comments.coordinator')})</span>
                ) : null}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </details>
  );
}
