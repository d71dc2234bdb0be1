import { createHmac, timingSafeEqual } from 'node:crypto';
import { BOARD_PERMISSIONS, CLOSE, type BoardPermission, type BoardTokenClaims, type CloseReason } from './protocol';

/**
 * Board tokens, the other half of the protocol (`protocol.ts`), kept apart because it needs Node's
 * crypto: the app signs one for one user, one board and one permission; the collab-server checks it
 * when a WebSocket opens. HMAC-SHA256 over a small JSON payload, base64url-encoded.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signing key, derived from a secret so the session secret itself never signs tokens. */
export function deriveTokenKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('expertpool collab board token v1').digest();
}

function signBoardToken(key: Buffer, claims: BoardTokenClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

export function issueBoardToken(
  key: Buffer,
  grant: {
    userId: string;
    boardId: string;
    permission: BoardPermission;
    name?: string;
    colour?: string;
    session?: string;
  },
  ttlSeconds = 10 * 60,
  now = Date.now(),
): { token: string; expiresAt: number } {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  return {
    token: signBoardToken(key, {
      sub: grant.userId,
      board: grant.boardId,
      perm: grant.permission,
      exp,
      ...(grant.name === undefined ? {} : { name: grant.name }),
      ...(grant.colour === undefined ? {} : { colour: grant.colour }),
      ...(grant.session === undefined ? {} : { sid: grant.session }),
    }),
    expiresAt: exp * 1000,
  };
}

/** The claims of a good token, or why it is refused: the close code the connection ends with. */
export type TokenCheck = { ok: true; claims: BoardTokenClaims } | { ok: false; close: CloseReason };

/** Checks signature, expiry and that the token is for the board being opened. */
export function verifyBoardToken(key: Buffer, token: string | null, boardId: string, now = Date.now()): TokenCheck {
  if (!token) return { ok: false, close: CLOSE.tokenMissing };
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, close: CLOSE.tokenInvalid };
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, close: CLOSE.tokenInvalid };
  }
  let claims: BoardTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as BoardTokenClaims;
  } catch {
    return { ok: false, close: CLOSE.tokenInvalid };
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return { ok: false, close: CLOSE.tokenExpired };
  if (claims.board !== boardId) return { ok: false, close: CLOSE.tokenOtherBoard };
  if (!BOARD_PERMISSIONS.includes(claims.perm)) return { ok: false, close: CLOSE.tokenInvalid };
  for (const field of [claims.name, claims.colour]) {
    if (field !== undefined && typeof field !== 'string') return { ok: false, close: CLOSE.tokenInvalid };
  }
  if (claims.sid !== undefined && (typeof claims.sid !== 'string' || !UUID.test(claims.sid))) {
    return { ok: false, close: CLOSE.tokenInvalid };
  }
  return { ok: true, claims };
}

/**
 * The author key an anonymous card carries instead of the user id (`Card.authorId`): the same for one
 * person on one board, so the server and the author's own page can tell the card is theirs, and
 * nobody else can tell whose it is without the key. (Their anonymous cards on one board do share it.)
 */
export function anonymousAuthor(key: Buffer, boardId: string, userId: string): string {
  return `anon-${mac(key, `anonymous card author\0${boardId}\0${userId}`).slice(0, 22)}`;
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
