import { json } from '@remix-run/node';
import { pingDatabase } from '~/db/db.server';
import pkg from '../../package.json';

const TIMEOUT_MS = 2_000;

/** For load balancers and uptime checks: 200 when the database answers, 503 when it does not. */
export async function loader() {
  try {
    const database = await pingDatabase(TIMEOUT_MS);
    return json({ ok: true, db: database.kind, version: pkg.version }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return json(
      { ok: false, db: null, version: pkg.version },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
