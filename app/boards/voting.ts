/** Dot-voting as the browser sees it (served by app/boards/votes.server.ts and /boards/:id/votes). */
export interface VoteState {
  round: { number: number; budget: number; open: boolean; revealed: boolean } | null;
  /** This person's dots per card in the round. */
  mine: Record<string, number>;
  used: number;
  /** Dots per card, only once the round is revealed. */
  totals: Record<string, number> | null;
  /** How many people placed how many dots (no cards). */
  turnout: { voters: number; dots: number } | null;
}

/** What /boards/:id/votes answers: the state, a refusal's i18n key, and whether to signal the others. */
export interface VoteResponse {
  state: VoteState;
  error?: string;
  announce?: boolean;
}
