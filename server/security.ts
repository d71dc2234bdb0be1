import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** A fresh nonce per response: the only inline scripts allowed are Remix's own, carrying it. */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

export function securityHeaders(production: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(production ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    // HSTS only makes sense behind HTTPS, which a proxy in front of the app provides.
    strictTransportSecurity: false,
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence beside SameSite=Lax cookies: a state-changing request must come from this site.
 * Browsers send Origin (and Sec-Fetch-Site) with every POST; a mismatch is refused.
 */
export function rejectCrossSiteWrites(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method) || isOneClickUnsubscribe(req)) return next();
  const origin = req.get('origin');
  const fetchSite = req.get('sec-fetch-site');
  const host = req.get('host');
  const originHost = origin && origin !== 'null' ? safeHost(origin) : origin;
  if (fetchSite === 'cross-site' || (origin !== undefined && originHost !== host)) {
    res.status(403).type('text/plain').send('Forbidden');
    return;
  }
  next();
}

/**
 * RFC 8058: a mail program unsubscribes with a POST from wherever it runs, without cookies. The path's
 * signed token is the whole credential and the only thing it can do is turn off one kind of mail, so
 * this one path (and no other) is let through from any origin.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[A-Za-z0-9_.-]{1,300}$/;
const isOneClickUnsubscribe = (req: Request) => req.method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(req.path);

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
