import { config } from '~/config.server';

const APP_ORIGIN = new URL(config.appUrl).origin;
/** Longer than any path of this app with its query; anything longer is not a link someone followed. */
const MAX_TARGET_LENGTH = 2048;

/**
 * Where to send someone after sign-in, a language switch or an e-mail link, when the target came from
 * the request: only a path of this app, else `fallback`.
 *
 * The target is resolved the way a browser would resolve it (WHATWG URL: tabs and newlines dropped,
 * backslashes read as slashes, IDNA dots, `.`/`..` segments), the result must be on the app's own
 * origin, and what is returned is that resolved path — so what the browser receives is exactly what
 * was checked. A resolved path that starts with `//` (from `/.//host`) would be a network-path
 * reference in a Location header, so it is refused too. CR, LF and NUL cannot survive into the
 * header: the parser drops the first two and percent-encodes the third.
 */
export function safeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || target.length === 0 || target.length > MAX_TARGET_LENGTH) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(target, APP_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== APP_ORIGIN) return fallback;
  const path = resolved.pathname + resolved.search + resolved.hash;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  return path;
}
