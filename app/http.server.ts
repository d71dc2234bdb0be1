export function badRequest(): Response {
  return new Response('Bad Request', { status: 400 });
}

export function payloadTooLarge(): Response {
  return new Response('Payload Too Large', { status: 413 });
}

export function notFound(): Response {
  return new Response('Not Found', { status: 404 });
}

export function forbidden(): Response {
  return new Response('Forbidden', { status: 403 });
}

/**
 * A Content-Disposition header for a download named after stored text (a board's or session's title,
 * a municipality): letters, digits and marks of any script, spaces, - and _ survive; quotes, slashes,
 * line breaks and direction controls do not, so the name can neither break the header nor pretend
 * to another extension. RFC 6266: `filename*` carries the name in UTF-8, `filename` an ASCII fallback.
 */
export function attachmentHeader(name: string, extension: string, fallback: string): string {
  // Cut by code points: half a surrogate pair would make encodeURIComponent throw.
  const kept = [
    ...name
      .replace(/[^\p{L}\p{M}\p{N} _-]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ];
  const readable = kept.slice(0, 80).join('').trim() || fallback;
  const ascii =
    readable
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9 _-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase() || fallback;
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${readable}.${extension}`)}`;
}

/** A thrown answer with one of these statuses (withUser turns the database's refusals into them). */
export function isAnswer(error: unknown, ...statuses: number[]): error is Response {
  return error instanceof Response && statuses.includes(error.status);
}
