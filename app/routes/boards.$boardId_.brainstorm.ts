import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import {
  deliverRevealedCards,
  getBrainstormState,
  openBrainstormRound,
  postPrivateCard,
  revealBrainstormRound,
  withdrawPrivateCard,
  type PostOutcome,
} from '~/boards/brainstorm.server';
import { readSections, docFromUpdates } from '~/boards/doc';
import { boardIdentity } from '~/boards/presence';
import { getBoard, loadBoardState } from '~/boards/queries.server';
import { openBrainstormSchema, privateCardSchema, withdrawPrivateCardSchema } from '~/boards/schema.server';
import { anonymousAuthorOn } from '~/boards/token.server';
import { asSystem, withUser, type Tx } from '~/db/db.server';
import { badRequest, forbidden, notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { parseForm, typedValues } from '~/ui/forms';

const REFUSALS: Record<Exclude<PostOutcome, 'ok'>, string> = {
  closed: 'boards.brainstorm.errors.closed',
  time_up: 'boards.brainstorm.errors.timeUp',
  too_many: 'boards.brainstorm.errors.tooMany',
};

/** A private brainstorm round as this person may see it: their own cards; for facilitators the count. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const state = await withUser(user, async (tx) => {
    const board = await getBoard(tx, boardId);
    if (!board) throw notFound();
    return getBrainstormState(tx, boardId, board.access === 'facilitate');
  });
  return json({ state }, { headers: { 'Cache-Control': 'no-store' } });
}

async function hasSection(tx: Tx, boardId: string, sectionId: string) {
  const stored = await loadBoardState(tx, boardId);
  if (!stored) return false;
  const doc = docFromUpdates([stored]);
  try {
    return readSections(doc).some((s) => s.id === sectionId);
  } finally {
    doc.destroy();
  }
}

/**
 * post (a private card) and withdraw (one's own) for everyone who may edit; open and reveal for
 * facilitators. Each answers with the new state. The reveal ends the round as the facilitator, then
 * moves every waiting card into the document as the system and hands that update to the collab-server
 * in this process (others hear of it from the database); a reveal repeated, or after a failed move,
 * moves what is left.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const form = await readForm(request);
  const intent = form.get('intent');
  const answer = await withUser(user, async (tx) => {
    const board = await getBoard(tx, boardId);
    if (!board) throw notFound();
    const facilitator = board.access === 'facilitate';
    const state = () => getBrainstormState(tx, boardId, facilitator);
    if (intent === 'post') {
      if (board.access === 'read') throw forbidden();
      const parsed = parseForm(privateCardSchema, form);
      if (!parsed.ok)
        return json(
          { state: await state(), error: Object.values(parsed.errors)[0], values: parsed.values },
          { status: 400 },
        );
      if (!(await hasSection(tx, boardId, parsed.data.section)))
        return json(
          { state: await state(), error: 'boards.brainstorm.errors.invalidSection', values: typedValues(form) },
          { status: 400 },
        );
      const outcome = await postPrivateCard(tx, boardId, {
        section: parsed.data.section,
        text: parsed.data.text,
        colour: parsed.data.colour,
        authorName: parsed.data.anonymous ? null : boardIdentity(user).name,
      });
      return outcome === 'ok'
        ? json({ state: await state() })
        : json({ state: await state(), error: REFUSALS[outcome], values: typedValues(form) }, { status: 409 });
    }
    if (intent === 'withdraw') {
      if (board.access === 'read') throw forbidden();
      const parsed = parseForm(withdrawPrivateCardSchema, form);
      if (!parsed.ok) return json({ state: await state(), error: parsed.errors.cardId }, { status: 400 });
      const withdrawn = await withdrawPrivateCard(tx, boardId, parsed.data.cardId);
      return withdrawn
        ? json({ state: await state() })
        : json({ state: await state(), error: 'boards.brainstorm.errors.notWithdrawn' }, { status: 409 });
    }
    if (!facilitator) throw forbidden();
    if (intent === 'open') {
      const parsed = parseForm(openBrainstormSchema, form);
      if (!parsed.ok) return json({ state: await state(), error: parsed.errors.minutes }, { status: 400 });
      const round = await openBrainstormRound(tx, boardId, parsed.data.minutes);
      return round === null
        ? json({ state: await state(), error: 'boards.brainstorm.errors.revealFirst' }, { status: 409 })
        : json({ state: await state(), announce: true });
    }
    if (intent === 'reveal') {
      await revealBrainstormRound(tx, boardId);
      return 'deliver' as const;
    }
    throw badRequest();
  });
  if (answer !== 'deliver') return answer;
  // After the round's end has committed: nothing more can join it.
  const delivered = await asSystem((tx) =>
    deliverRevealedCards(tx, boardId, (userId) => anonymousAuthorOn(boardId, userId)),
  );
  if (delivered) await context.collab?.applyStoredUpdate(boardId, delivered.update);
  const state = await withUser(user, (tx) => getBrainstormState(tx, boardId, true));
  return json({ state, announce: true, revealed: delivered?.cards ?? 0 });
}

/** The board stays on the screen when the connection is gone: see ~/offline-requests. */
export { readUnlessOffline as clientLoader, sendUnlessOffline as clientAction } from '~/offline-requests';
