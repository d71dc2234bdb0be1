import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimits {
  perEmail: number;
  perIp: number;
  windowSeconds: number;
}

/**
 * Counts sign-in attempts per e-mail address and per client IP (rate-limiter-flexible). In memory:
 * one app process per deployment today; swap in RateLimiterRedis when the app scales out.
 */
export function createLoginLimiter(limits: LoginLimits) {
  const byEmail = new RateLimiterMemory({ points: limits.perEmail, duration: limits.windowSeconds });
  const byIp = new RateLimiterMemory({ points: limits.perIp, duration: limits.windowSeconds });

  return {
    /** Uses up one attempt; false when either budget is already spent. */
    async attempt(email: string, ip: string): Promise<boolean> {
      try {
        await Promise.all([byEmail.consume(email.toLowerCase()), byIp.consume(ip)]);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
    /** A successful sign-in clears the e-mail's count, not the IP's. */
    async succeeded(email: string): Promise<void> {
      await byEmail.delete(email.toLowerCase());
    },
  };
}
