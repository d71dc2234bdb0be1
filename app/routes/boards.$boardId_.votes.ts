import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { getBoard } from '~/boards/queries.server';
import { castVoteSchema, openVotingSchema } from '~/boards/schema.server';
import { castVote, getVoteState, openVoteRound, revealVoteRound, type CastOutcome } from '~/boards/votes.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { parseForm } from '~/ui/forms';

const REFUSALS: Record<Exclude<CastOutcome, 'ok'>, string> = {
  closed: 'boards.errors.votingClosed',
  budget_spent: 'boards.errors.budgetSpent',
  nothing_to_take_back: 'boards.errors.nothingToTakeBack',
};

/** The voting state as this person may see it (fetched again when the board signals a change). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const state = await withUser(user, async (tx) => {
    if (!(await getBoard(tx, boardId))) throw notFound();
    return getVoteState(tx, boardId);
  });
  return json({ state }, { headers: { 'Cache-Control': 'no-store' } });
}

/** cast (a dot), open (a round, facilitators) and reveal (facilitators); each answers with the new state. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const form = await readForm(request);
  const intent = form.get('intent');
  return withUser(user, async (tx) => {
    const board = await getBoard(tx, boardId);
    if (!board) throw notFound();
    if (intent === 'cast') {
      if (board.access === 'read') throw forbidden();
      const parsed = parseForm(castVoteSchema, form);
      if (!parsed.ok)
        return json({ state: await getVoteState(tx, boardId), error: Object.values(parsed.errors)[0] }, 400);
      const outcome = await castVote(tx, boardId, parsed.data.cardId, parsed.data.delta);
      const state = await getVoteState(tx, boardId);
      return outcome === 'ok' ? json({ state }) : json({ state, error: REFUSALS[outcome] }, 409);
    }
    if (board.access !== 'facilitate') throw forbidden();
    if (intent === 'open') {
      const parsed = parseForm(openVotingSchema, form);
      if (!parsed.ok) return json({ state: await getVoteState(tx, boardId), error: parsed.errors.budget }, 400);
      await openVoteRound(tx, boardId, parsed.data.budget);
      return json({ state: await getVoteState(tx, boardId), announce: true });
    }
    if (intent === 'reveal') {
      const round = await revealVoteRound(tx, boardId);
      const state = await getVoteState(tx, boardId);
      return round === null
        ? json({ state, error: 'boards.errors.votingClosed' }, 409)
        : json({ state, announce: true });
    }
    throw new Response('Bad Request', { status: 400 });
  });
}

/** The board stays on the screen when the connection is gone: see ~/offline-requests. */
export { readUnlessOffline as clientLoader, sendUnlessOffline as clientAction } from '~/offline-requests';
