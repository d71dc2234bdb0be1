import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { VoteState } from './voting';

/**
 * Dot-voting, kept in the database (migration 20261123180000_board_votes): rounds, budgets and dots.
 * The board's document carries only a signal (round number, open, revealed) so that other browsers
 * fetch this state again; what counts is what is stored here.
 */
export type CastOutcome = 'ok' | 'closed' | 'budget_spent' | 'nothing_to_take_back';

async function latestRound(tx: Tx, boardId: string, only: { revealed?: true } = {}) {
  return tx
    .selectFrom('board_vote_rounds')
    .select(['id', 'round', 'budget', 'closed_at', 'revealed_at'])
    .where('board_id', '=', boardId)
    .$if(only.revealed === true, (q) => q.where('revealed_at', 'is not', null))
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function totalsOf(tx: Tx, roundId: string): Promise<Record<string, number>> {
  const { rows } = await sql<{ card_id: string; dots: number }>`
    select card_id, dots from private.board_vote_totals(${roundId}::uuid)`.execute(tx);
  return Object.fromEntries(rows.map((r) => [r.card_id, Number(r.dots)]));
}

/** The latest round as this person may see it. */
export async function getVoteState(tx: Tx, boardId: string): Promise<VoteState> {
  const round = await latestRound(tx, boardId);
  if (!round) return { round: null, mine: {}, used: 0, totals: null, turnout: null };
  const mineRows = await tx
    .selectFrom('board_votes')
    .select(['card_id', 'dots'])
    .where('round_id', '=', round.id)
    .where('user_id', '=', sql<string>`auth.uid()`)
    .execute();
  const mine = Object.fromEntries(mineRows.map((r) => [r.card_id, r.dots]));
  const revealed = round.revealed_at !== null;
  const { rows: turnoutRows } = await sql<{ voters: number; dots: number }>`
    select voters, dots from private.board_vote_turnout(${round.id}::uuid)`.execute(tx);
  return {
    round: { number: round.round, budget: round.budget, open: round.closed_at === null, revealed },
    mine,
    used: mineRows.reduce((sum, r) => sum + r.dots, 0),
    totals: revealed ? await totalsOf(tx, round.id) : null,
    turnout: turnoutRows[0] ? { voters: Number(turnoutRows[0].voters), dots: Number(turnoutRows[0].dots) } : null,
  };
}

/** Totals of the most recent revealed round, for exports; null when no round was revealed. */
export async function latestRevealedTotals(tx: Tx, boardId: string): Promise<Map<string, number> | null> {
  const round = await latestRound(tx, boardId, { revealed: true });
  return round ? new Map(Object.entries(await totalsOf(tx, round.id))) : null;
}

/** Opens the next round (an open one closes unrevealed); returns its number. Facilitators only. */
export async function openVoteRound(tx: Tx, boardId: string, budget: number): Promise<number> {
  const { rows } = await sql<{ round: number }>`
    select private.open_board_vote_round(${boardId}::uuid, ${budget}::int) as round`.execute(tx);
  return Number(rows[0]!.round);
}

/** Closes the open round and makes its totals readable; null when no round was open. */
export async function revealVoteRound(tx: Tx, boardId: string): Promise<number | null> {
  const { rows } = await sql<{ round: number | null }>`
    select private.reveal_board_vote_round(${boardId}::uuid) as round`.execute(tx);
  return rows[0]?.round ?? null;
}

/** One dot placed (+1) or taken back (-1); the database checks the round and the budget under a lock. */
export async function castVote(tx: Tx, boardId: string, cardId: string, delta: 1 | -1): Promise<CastOutcome> {
  const { rows } = await sql<{ outcome: CastOutcome }>`
    select private.cast_board_vote(${boardId}::uuid, ${cardId}, ${delta}::int) as outcome`.execute(tx);
  return rows[0]!.outcome;
}
