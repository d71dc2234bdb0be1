import type { AppLoadContext } from '@remix-run/node';

/**
 * The load context server/index.ts gives every route, for tests that call loaders and actions
 * directly: no collab-server in the process, and a job runner that is not running.
 */
export const requestContext = (clientIp = '10.0.0.1'): AppLoadContext => ({
  cspNonce: '',
  clientIp,
  collab: null,
  wakeJobRunner: () => {},
});
