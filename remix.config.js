/** Remix v2, classic compiler (esbuild). The Express server in server/ serves the build. */
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // PGlite ships WebAssembly and data files next to its JS; bundling it would lose them.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: the whole route manifest is one immutable, cached file, instead of a partial manifest matched
    // and inlined into every page (that matching was a tenth of the server's time per page view).
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
