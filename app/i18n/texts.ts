import type { ClientLoaderFunctionArgs } from '@remix-run/react';
import { isTextDomain, type TextDomain } from './domains';
import { loadTexts } from './load-translation';

export interface TextsHandle {
  texts: readonly TextDomain[];
}

/**
 * The domains of texts a route's page shows besides the shell's: `export const handle = texts('monitoring')`.
 * A browser downloads only these (tests/unit/route-texts.test.ts checks them against the keys the page's
 * code names; a key of another domain shows up as an error on the console, see load-translation.ts).
 */
export function texts(...domains: TextDomain[]): TextsHandle {
  return { texts: domains };
}

/** The domains a route's handle names (a handle may carry other things, or nothing). */
export function textsOf(handle: unknown): readonly TextDomain[] {
  const named = (handle as Partial<TextsHandle> | undefined)?.texts;
  return Array.isArray(named) ? named.filter(isTextDomain) : [];
}

/**
 * The clientLoader of a route with texts of its own: a page reached in the browser renders only once its
 * texts are there, never its keys. The first page's texts load before hydration (entry.client.tsx); Remix
 * calls no clientLoader then, because each such route has a server loader.
 */
export function textsFirst(handle: TextsHandle) {
  return async ({ serverLoader }: ClientLoaderFunctionArgs) => {
    const [data] = await Promise.all([serverLoader(), loadTexts(handle.texts)]);
    return data;
  };
}
