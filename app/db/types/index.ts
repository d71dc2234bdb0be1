import type { FoundationTables } from './foundation';

export * from './foundation';

/** Every table and view the app queries; each migration's tables have their own file here. */
export interface DB extends FoundationTables {}
