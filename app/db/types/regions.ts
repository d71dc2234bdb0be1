import type { ColumnType, Generated } from 'kysely';

/** Mirrors supabase/migrations/20261204110000_coordinator_regions.sql. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A region an admin assigned to a coordinator: where they may place pools and shape goal trees. */
export interface CoordinatorRegionsTable {
  user_id: string;
  role: Generated<'coordinator'>;
  region_id: string;
  assigned_by: Generated<string | null>;
  assigned_at: Timestamp;
}

export interface RegionTables {
  coordinator_regions: CoordinatorRegionsTable;
}
