import { hashPassword } from '~/auth/password.server';
import type { Database } from '~/db/connection.server';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { DEMO_PASSWORD, seedFoundation } from './foundation';
import { seedPeople } from './people';
import { seedSessions } from './sessions';
import { seedBoards } from './boards';
import { seedAdvice } from './advice';
import { seedSignals } from './signals';
import { seedQuestionnaires } from './questionnaires';
import { seedMonitoring } from './monitoring';
import { seedOrganisations } from './organisations';

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './foundation';

/**
 * Each feature's demo data, run after the foundation's. Every seed checks for its own data first,
 * so a feature added later also lands in an existing .data/ directory.
 */
// A seed that creates accounts gets the demo password's hash, made once (scrypt is slow on purpose).
const FEATURE_SEEDS: ((tx: Tx, passwordHash: string) => Promise<void>)[] = [
  seedPeople,
  seedSessions,
  seedBoards,
  seedAdvice,
  seedSignals,
  seedQuestionnaires,
  seedOrganisations,
  seedMonitoring,
];

/** Demo data for the embedded mode and the tests (it doubles as their fixtures); idempotent. */
export async function seedDemo(database: Database): Promise<{ created: boolean }> {
  const password = await hashPassword(DEMO_PASSWORD);
  return runAsSystem(database, async (tx) => {
    const created = await seedFoundation(tx, password);
    for (const seed of FEATURE_SEEDS) await seed(tx, password);
    return { created };
  });
}
