import '@remix-run/node';

declare module '@remix-run/node' {
  /** Filled in by server/index.ts for every request. */
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
  }
}

export {};
