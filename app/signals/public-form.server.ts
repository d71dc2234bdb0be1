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

/**
 * Reads a url-encoded form body, refusing it (null) once it passes `maxBytes` — whether or not the
 * client announced its size — so a flood of megabyte bodies never lands in memory whole.
 */
export async function readFormWithLimit(request: Request, maxBytes: number): Promise<FormData | null> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return new FormData();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  const form = new FormData();
  for (const [key, value] of new URLSearchParams(text)) form.append(key, value);
  return form;
}
