import { addressLimiter, appLimiterStore } from '~/auth/rate-limit.server';
import { config } from '~/config.server';

/** A question of 2000 characters in Arabic is ~4 KB url-encoded ×3; anything far above is not a person. */
export const PUBLIC_FORM_MAX_BYTES = 32 * 1024;

let limiter: Promise<ReturnType<typeof addressLimiter>> | null = null;
/**
 * Questions per client IP: a few per window at once, then each further one waits longer (the same
 * growing delay as sign-in), counted on the store every app process shares.
 */
export function askLimiter() {
  limiter ??= appLimiterStore().then((store) => addressLimiter(store, 'ask', config.askLimits));
  return limiter;
}
