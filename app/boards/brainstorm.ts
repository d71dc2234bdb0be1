import type * as Y from 'yjs';
import { facilitationOf } from './doc';
import type { CardColour } from './protocol';

/**
 * A private brainstorm ("think alone") round, as the browser sees it (issue 22). The cards people post
 * during a round live in the database, readable by their author only (app/boards/brainstorm.server.ts,
 * /boards/:id/brainstorm), never in the shared document; the reveal moves them all into it at once.
 * The document's facilitation map holds only a signal (round number, open or revealed, when it ends)
 * so that the other browsers fetch their own state again, as with dot-voting.
 */

/** How long a round may run, in minutes (the database holds to the same bounds). */
export const BRAINSTORM_MINUTES = { min: 1, max: 30 } as const;

export interface PrivateCard {
  id: string;
  section: string;
  text: string;
  colour: CardColour;
  anonymous: boolean;
}

export interface BrainstormState {
  /** The latest round; `revealed` false while its cards wait. */
  round: { number: number; endsAt: number; revealed: boolean } | null;
  /** This person's own cards waiting for the reveal. */
  mine: PrivateCard[];
  /** How many cards wait, everyone's (facilitators only; null for the others). */
  waiting: number | null;
}

/** What /boards/:id/brainstorm answers: the state, a refusal's i18n key, and whether to signal the others. */
export interface BrainstormResponse {
  state: BrainstormState;
  error?: string;
  announce?: boolean;
  /** The fields of a refused card, so the form keeps what was typed. */
  values?: Record<string, string>;
}

export interface BrainstormSignal {
  round: number;
  open: boolean;
  endsAt: number | null;
}

export function readBrainstormSignal(doc: Y.Doc): BrainstormSignal {
  const f = facilitationOf(doc);
  const endsAt = f.get('brainstormEndsAt');
  return {
    round: Number(f.get('brainstormRound') ?? 0),
    open: f.get('brainstormOpen') === true,
    endsAt: typeof endsAt === 'number' ? endsAt : null,
  };
}

/** Tells everyone on the board that a round started or was revealed, so they fetch their state again. */
export function announceBrainstorm(doc: Y.Doc, round: NonNullable<BrainstormState['round']>) {
  const f = facilitationOf(doc);
  doc.transact(() => {
    f.set('brainstormRound', round.number);
    f.set('brainstormOpen', !round.revealed);
    f.set('brainstormEndsAt', round.revealed ? null : round.endsAt);
  });
}
