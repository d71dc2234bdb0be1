import type { AccountTables } from './accounts';
import type { AdviceTables } from './advice';
import type { BoardTables } from './boards';
import type { FoundationTables } from './foundation';
import type { MonitoringTables } from './monitoring';
import type { NotificationTables } from './notifications';
import type { PeopleOverrides, PeopleTables } from './people';
import type { QuestionnaireTables } from './questionnaires';
import type { RegionTables } from './regions';
import type { SessionTables } from './sessions';
import type { SharedTables } from './shared';
import type { SignalTables } from './signals';

export * from './accounts';
export * from './advice';
export * from './boards';
export * from './foundation';
export * from './monitoring';
export * from './notifications';
export * from './people';
export * from './questionnaires';
export * from './regions';
export * from './sessions';
export * from './shared';
export * from './signals';

/**
 * Every table and view the app queries; each migration's tables have their own file here. The people
 * and advice features widen foundation/shared tables with their own columns, hence the Omits.
 */
export interface DB
  extends
    Omit<FoundationTables, keyof PeopleOverrides>,
    Omit<SharedTables, 'advices'>,
    AccountTables,
    AdviceTables,
    BoardTables,
    MonitoringTables,
    NotificationTables,
    PeopleTables,
    QuestionnaireTables,
    RegionTables,
    SessionTables,
    SignalTables {}
