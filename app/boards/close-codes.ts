// The collab-server's close codes, shared with the board page that reacts to them (browser-safe).

/** Close codes a refused or guarded connection ends with (4400–4499: the client should not retry as is). */
export const CLOSE = {
  malformed: { code: 4400, reason: 'malformed-message' },
  tokenMissing: { code: 4401, reason: 'token-missing' },
  tokenInvalid: { code: 4403, reason: 'token-invalid' },
  boardNotFound: { code: 4404, reason: 'board-not-found' },
  tokenOtherBoard: { code: 4409, reason: 'token-other-board' },
  tokenExpired: { code: 4410, reason: 'token-expired' },
  docTooLarge: { code: 4413, reason: 'document-too-large' },
  // What the token granted was taken away (session ended, access lost or narrowed): the page reloads.
  rightsChanged: { code: 4412, reason: 'rights-changed' },
  // The client's copy now holds a change the board refused: the page starts again from the server's state.
  changeRefused: { code: 4422, reason: 'change-refused' },
  rateLimited: { code: 4429, reason: 'rate-limited' },
  // 45xx: "try again later"; the stock provider reconnects with backoff.
  tooManyConnections: { code: 4503, reason: 'too-many-connections' },
  shuttingDown: { code: 4504, reason: 'server-restarting' },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];
