import type { FoundationTables } from './foundation';
import type { PeopleOverrides, PeopleTables } from './people';
import type { SharedTables } from './shared';

export * from './foundation';
export * from './shared';
export * from './people';

/** Every table and view the app queries; each migration's tables have their own file here. */
export interface DB extends Omit<FoundationTables, keyof PeopleOverrides>, SharedTables, PeopleTables {}
