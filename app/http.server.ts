import { z } from 'zod';

export function notFound(): Response {
  return new Response('Not Found', { status: 404 });
}

export function forbidden(): Response {
  return new Response('Forbidden', { status: 403 });
}

const uuid = z.uuid();

/** A route's id parameter; anything that is not a uuid cannot exist, so it is a 404, not a SQL error. */
export function requireId(value: string | undefined): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
