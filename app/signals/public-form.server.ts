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
