// `npm run build:server`: the server, the collab-server and the operator commands as plain JavaScript
// in build/ (beside the Remix build), so production runs them with node alone: no tsx, no TypeScript
// compiled at start. Packages stay imports (node_modules is installed beside build/); the app's own
// modules (`~/…`, through tsconfig.json's paths) are bundled in.
import { copyFile } from 'node:fs/promises';
import { build } from 'esbuild';

/** Every import that is neither relative nor `~/…` is a package (or `node:`): left to Node to resolve. */
const packagesStayExternal = {
  name: 'packages-stay-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./~]/ }, (args) => ({ path: args.path, external: true }));
  },
};

await build({
  entryPoints: {
    server: 'server/index.ts',
    collab: 'collab-server/main.ts',
    migrate: 'server/commands/migrate.ts',
    'admin-create': 'server/commands/admin-create.ts',
    'check-config': 'server/commands/check-config.ts',
  },
  outdir: 'build',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [packagesStayExternal],
  logLevel: 'warning',
});
// PGlite's worker thread is started from a file next to the module that starts it (app/db/connection.server.ts).
await copyFile('app/db/pglite-worker.mjs', 'build/pglite-worker.mjs');
