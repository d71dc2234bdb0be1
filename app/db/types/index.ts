import type { FoundationTables } from './foundation';
import type { QuestionnaireTables } from './questionnaires';
import type { SharedTables } from './shared';
import type { SignalTables } from './signals';

export * from './foundation';
export * from './questionnaires';
export * from './shared';
export * from './signals';

/** Every table and view the app queries; each migration's tables have their own file here. */
export interface DB extends FoundationTables, SharedTables, SignalTables, QuestionnaireTables {}
