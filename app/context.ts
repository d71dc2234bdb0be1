import '@remix-run/node';

/**
 * What a route may ask of the collab-server running in this process. It is null when the
 * collab-server runs as its own process (`npm run collab`), which hears of deletions from the database.
 */
export interface InProcessCollab {
  /** Writes every board's pending edits now (before a snapshot or a signal reads the stored document). */
  flush(): Promise<void>;
  /** A board was deleted: its connections close (4404) and nothing more is written for it. */
  closeBoard(boardId: string): void;
  /** The app appended `update` to a board's log itself (revealed brainstorm cards): its clients get it now. */
  applyStoredUpdate(boardId: string, update: Uint8Array): Promise<void>;
}

declare module '@remix-run/node' {
  /** Filled in by server/index.ts for every request. */
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    collab: InProcessCollab | null;
    /** Runs due scheduled jobs now instead of at the next poll (a notice that should go out at once). */
    wakeJobRunner: () => void;
  }
}
