import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { config } from '~/config.server';

/** A question of 2000 characters in Arabic is ~4 KB url-encoded ×3; anything far above is not a person. */
export const PUBLIC_FORM_MAX_BYTES = 32 * 1024;

/**
 * Questions accepted per client IP (rate-limiter-flexible, in memory like the sign-in limiter; use
 * RateLimiterRedis when the app runs as several processes).
 */
export function createAskLimiter(limits: { perIp: number; windowSeconds: number }) {
  const byIp = new RateLimiterMemory({ points: limits.perIp, duration: limits.windowSeconds });
  return {
    /** Uses up one question; false when the address has asked too often. */
    async attempt(ip: string): Promise<boolean> {
      try {
        await byIp.consume(ip);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
  };
}

export const askLimiter = createAskLimiter(config.askLimits);

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
