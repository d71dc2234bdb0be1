import { sql } from 'kysely';
import * as Y from 'yjs';
import type { Tx } from '~/db/db.server';
import type { BrainstormState, PrivateCard } from './brainstorm';
import { addCard, docFromUpdates, readSections } from './doc';
import type { CardColour } from './protocol';
import { loadBoardState } from './queries.server';

/**
 * Private brainstorm rounds (issue 22; migration 20261209300000_board_private_cards). Rounds, posting and
 * the reveal go through the database functions as the person (row level security: an author reads only
 * their own cards, a facilitator only how many wait). Moving revealed cards into the board's document
 * is the system's (`deliverRevealedCards`), like the collab-server's own writes.
 */
export type PostOutcome = 'ok' | 'closed' | 'time_up' | 'too_many';

async function latestRound(tx: Tx, boardId: string) {
  return tx
    .selectFrom('board_brainstorm_rounds')
    .select(['round', 'ends_at', 'revealed_at'])
    .where('board_id', '=', boardId)
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest round, this person's waiting cards, and for facilitators how many wait in all. */
export async function getBrainstormState(tx: Tx, boardId: string, facilitator: boolean): Promise<BrainstormState> {
  const round = await latestRound(tx, boardId);
  // Row level security leaves only one's own rows.
  const rows = await tx
    .selectFrom('board_private_cards')
    .select(['id', 'section', 'body', 'colour', 'author_name'])
    .where('board_id', '=', boardId)
    .orderBy('created_at')
    .execute();
  const mine: PrivateCard[] = rows.map((row) => ({
    id: row.id,
    section: row.section,
    text: row.body,
    colour: row.colour as CardColour,
    anonymous: row.author_name === null,
  }));
  let waiting: number | null = null;
  if (facilitator) {
    const { rows: counted } = await sql<{ waiting: number }>`
      select private.board_private_cards_waiting(${boardId}::uuid) as waiting`.execute(tx);
    waiting = Number(counted[0]?.waiting ?? 0);
  }
  return {
    round: round
      ? { number: round.round, endsAt: new Date(round.ends_at).getTime(), revealed: round.revealed_at !== null }
      : null,
    mine,
    waiting,
  };
}

/** Starts the next round; null while an earlier one waits for its reveal. Facilitators only. */
export async function openBrainstormRound(tx: Tx, boardId: string, minutes: number): Promise<number | null> {
  const { rows } = await sql<{ round: number | null }>`
    select private.open_board_brainstorm_round(${boardId}::uuid, ${minutes}::int) as round`.execute(tx);
  return rows[0]?.round ?? null;
}

export async function postPrivateCard(
  tx: Tx,
  boardId: string,
  card: { section: string; text: string; colour: CardColour; authorName: string | null },
): Promise<PostOutcome> {
  const { rows } = await sql<{ outcome: PostOutcome }>`
    select private.post_board_private_card(${boardId}::uuid, ${card.section}, ${card.text}, ${card.colour},
      ${card.authorName}) as outcome`.execute(tx);
  return rows[0]!.outcome;
}

/** The author takes a card back before the reveal; false when it was not theirs, or already revealed. */
export async function withdrawPrivateCard(tx: Tx, boardId: string, cardId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('board_private_cards')
    .where('id', '=', cardId)
    .where('board_id', '=', boardId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Ends the round: nothing is posted or withdrawn after this. Null when no round waited. Facilitators only. */
export async function revealBrainstormRound(tx: Tx, boardId: string): Promise<number | null> {
  const { rows } = await sql<{ round: number | null }>`
    select private.reveal_board_brainstorm_round(${boardId}::uuid) as round`.execute(tx);
  return rows[0]?.round ?? null;
}

/**
 * Moves the cards of the board's revealed rounds into its document: one Yjs update appended to the
 * update log and the rows deleted, in the caller's transaction (as the system), so they go together.
 * The rows are locked first, so two deliveries (a double click, two facilitators) take turns and the
 * second finds nothing; a card keeps its row's id in the document, so even a replayed update adds no
 * second copy. A card whose section is gone lands in the first section. Anonymous cards carry the
 * author's pseudonym (`anonymousAs`, as when posted live) and no name. Returns the update and its log
 * row, or null when nothing waited. `pg_notify` tells collab-servers in other processes to apply it.
 */
export async function deliverRevealedCards(
  tx: Tx,
  boardId: string,
  anonymousAs: (userId: string) => string,
): Promise<{ update: Uint8Array; updateId: number; cards: number } | null> {
  const rows = await tx
    .selectFrom('board_private_cards as c')
    .innerJoin('board_brainstorm_rounds as r', 'r.id', 'c.round_id')
    .select(['c.id', 'c.section', 'c.body', 'c.colour', 'c.author_id', 'c.author_name', 'c.created_at'])
    .where('c.board_id', '=', boardId)
    .where('r.revealed_at', 'is not', null)
    .orderBy('c.created_at')
    .forUpdate('c')
    .execute();
  if (rows.length === 0) return null;
  const state = await loadBoardState(tx, boardId);
  const current = docFromUpdates(state ? [state] : []);
  const sections = new Set(readSections(current).map((s) => s.id));
  const fallback = readSections(current)[0]?.id;
  current.destroy();
  const doc = new Y.Doc();
  for (const row of rows) {
    addCard(
      doc,
      {
        id: row.id,
        section: sections.has(row.section) || !fallback ? row.section : fallback,
        text: row.body,
        colour: row.colour as CardColour,
        authorId: row.author_name === null ? anonymousAs(row.author_id) : row.author_id,
        authorName: row.author_name,
      },
      new Date(row.created_at).getTime(),
    );
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const logged = await tx
    .insertInto('board_updates')
    .values({ board_id: boardId, update })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .deleteFrom('board_private_cards')
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  const updateId = Number(logged.id);
  await sql`select pg_notify('board_update_stored', ${`${boardId}:${updateId}`})`.execute(tx);
  return { update, updateId, cards: rows.length };
}
