import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a request's auth headers go: server/index.ts appends them to the response being made. */
export type HeaderSink = (name: string, value: string) => void;

interface RequestAuthState {
  sink: HeaderSink;
  /** The person this request comes from, looked up once however many loaders ask (see oncePerRequest). */
  user?: Promise<unknown>;
}

// server/index.ts runs from source and the routes from Remix's build, so each has its own copy of
// this module; the store is kept on globalThis so both reach the same one (as app/db does).
const key = Symbol.for('expertpool.requestAuthState');
const store = ((globalThis as Record<symbol, unknown>)[key] ??=
  new AsyncLocalStorage<RequestAuthState>()) as AsyncLocalStorage<RequestAuthState>;

/**
 * Runs one request's handling so that whatever auth sets on the way — Supabase's refreshed session
 * cookies above all, on a loader, an action, a thrown redirect alike — reaches `sink`. One place for
 * every route: Supabase's docs warn that a dropped refresh cookie signs people out at random.
 */
export function collectAuthHeaders<T>(sink: HeaderSink, handle: () => T): T {
  return store.run({ sink }, handle);
}

/** Sends a header with this request's response (Set-Cookie is appended, others replace). */
export function sendWithResponse(name: string, value: string): void {
  const state = store.getStore();
  // Outside a request the header would be lost without a trace, which is the bug this prevents.
  if (!state) throw new Error(`${name} set outside a request (collectAuthHeaders)`);
  state.sink(name, value);
}

/**
 * The signed-in person, looked up at most once per request: a page's root and route loaders run at
 * once, and two refreshes of one session in parallel would race each other's cookies.
 */
export function oncePerRequest<T>(lookUp: () => Promise<T>): Promise<T> {
  const state = store.getStore();
  if (!state) return lookUp();
  state.user ??= lookUp();
  return state.user as Promise<T>;
}

/** After sign-in or sign-out in this request, a later lookup must see the new state. */
export function forgetRequestUser(): void {
  const state = store.getStore();
  if (state) delete state.user;
}
