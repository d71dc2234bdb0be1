import type { BoardTables } from './boards';
import type { FoundationTables } from './foundation';
import type { SharedTables } from './shared';

export * from './boards';
export * from './foundation';
export * from './shared';

/** Every table and view the app queries; each migration's tables have their own file here. */
export interface DB extends FoundationTables, SharedTables, BoardTables {}
