import type { NextFunction, Request, Response } from 'express';

const DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * A response sent before its request's body was read (a redirect to sign in, a 403, an action that
 * reads no fields) leaves the rest of the body on the connection, held paused by Remix's body stream:
 * the next request on that kept-alive connection would then fail with a reset. Once the response is
 * out, the rest is read and dropped; past DRAIN_BYTES the connection is closed instead.
 */
export function drainUnreadBodies(req: Request, res: Response, next: NextFunction) {
  res.once('finish', () => {
    if (req.complete) return;
    req.removeAllListeners('data');
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.byteLength;
      if (drained > DRAIN_BYTES) req.destroy();
    });
    req.resume();
  });
  next();
}
