import type { AdviceTables } from './advice';
import type { FoundationTables } from './foundation';
import type { SharedTables } from './shared';

export * from './advice';
export * from './foundation';
export * from './shared';

/** Every table and view the app queries; each migration's tables have their own file here. */
// The advice register widens the shared `advices` core with its own columns.
export interface DB extends FoundationTables, Omit<SharedTables, 'advices'>, AdviceTables {}
