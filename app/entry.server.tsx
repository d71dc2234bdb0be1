import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceContext } from '~/ui/nonce';

const ABORT_DELAY = 5_000;

/**
 * Every page is sent whole, in one piece. Nothing suspends on the server (no deferred loader data; the
 * charts render in the browser only), so the first byte could not come sooner by streaming: the shell
 * is the page. Streamed, React hands it over in 2 KB pieces, each passing through a PassThrough, a web
 * stream, the response and the compressor (a compression call per piece); in one piece the page is
 * compressed and written once (docs/decisions/025-pages-sent-whole.md).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          const pieces: Buffer[] = [];
          pipe(
            new Writable({
              write(piece: Buffer, _encoding, done) {
                pieces.push(piece);
                done();
              },
              final(done) {
                responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
                resolve(new Response(Buffer.concat(pieces), { headers: responseHeaders, status: responseStatusCode }));
                done();
              },
            }),
          );
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Logged on the server only; the page the person sees says nothing about it.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
