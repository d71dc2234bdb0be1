import type { z } from 'zod';
import { badRequest, payloadTooLarge } from '~/http.server';

/** Larger than any form of the app filled in by hand (an advice at its limits is about a third). */
const MAX_FORM_BYTES = 1024 * 1024;

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

type FormBody = { ok: true; form: FormData } | { ok: false; problem: 'tooLarge' | 'unreadable' };

/**
 * Reads a posted form, urlencoded or multipart, without ever holding more than `maxBytes` (what comes
 * after is read and dropped, see readBody). Anything that is
 * not a form (JSON, text, a broken multipart body) is `unreadable` rather than an exception.
 * Multipart goes through the platform's parser, which reads every file name browsers send (Remix's
 * own refuses a quoted `=` or `;`, as in `Overzicht Q1=2025.csv`).
 */
export async function readFormBody(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormBody> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!FORM_TYPES.has(contentType.split(';')[0]!.trim().toLowerCase())) return { ok: false, problem: 'unreadable' };
  const body = await readBody(request, maxBytes);
  if (!body) return { ok: false, problem: 'tooLarge' };
  try {
    return { ok: true, form: await new Response(body, { headers: { 'Content-Type': contentType } }).formData() };
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
}

/** A posted form, or a 400 (not a form) / 413 (too large) for the error page. */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const body = await readFormBody(request, maxBytes);
  if (body.ok) return body.form;
  throw body.problem === 'tooLarge' ? payloadTooLarge() : badRequest();
}

/**
 * Past the limit the rest of a body is still read (and thrown away) up to DRAIN_BYTES, so the client
 * gets the 413 answer instead of a connection reset while it is still sending; beyond that the
 * connection is dropped.
 */
const DRAIN_BYTES = 16 * 1024 * 1024;

async function readBody(request: Request, maxBytes: number): Promise<Blob | null> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > DRAIN_BYTES) return null;
  const tooLarge = Number.isFinite(declared) && declared > maxBytes;
  if (!request.body) return tooLarge ? null : new Blob([]);
  const reader = request.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DRAIN_BYTES) {
      await reader.cancel();
      return null;
    }
    if (!tooLarge && size <= maxBytes) chunks.push(value);
  }
  return tooLarge || size > maxBytes ? null : new Blob(chunks);
}

/**
 * The query string through a schema. Filters are written to fall back to their defaults (see
 * `lenient`), so only a schema that insists on a value turns a bad one into a 400.
 */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const result = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!result.success) throw badRequest();
  return result.data;
}
