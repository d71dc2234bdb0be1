import type { FoundationTables } from './foundation';
import type { SessionTables } from './sessions';
import type { SharedTables } from './shared';

export * from './foundation';
export * from './sessions';
export * from './shared';

/** Every table and view the app queries; each migration's tables have their own file here. */
export interface DB extends FoundationTables, SharedTables, SessionTables {}
