import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Read with an explicit `::text` cast (drivers differ on date parsing); written as 'YYYY-MM-DD'. */
type DateOnly = ColumnType<string, string, string>;
/** numeric: read with an explicit `::float8` cast; written as a number. */
type Numeric = ColumnType<number, number, number>;

export const PERIOD_KINDS = ['year', 'quarter', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type ValueSource = 'manual' | 'import';

export interface CoreIndicatorIndicatorsTable {
  core_indicator_id: string;
  indicator_code: string;
}

export interface IndicatorValueImportsTable {
  id: Generated<string>;
  municipality_id: string;
  file_name: string;
  row_count: number;
  inserted_count: number;
  updated_count: number;
  imported_by: Generated<string | null>;
  created_at: Timestamp;
}

export interface CoreIndicatorValuesTable {
  id: Generated<string>;
  core_indicator_id: string;
  period_kind: PeriodKind;
  period_start: DateOnly;
  value: Numeric;
  unit: Generated<string>;
  note: Generated<string>;
  source: Generated<ValueSource>;
  import_id: string | null;
  entered_by: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const SOURCE_KINDS = ['register', 'benchmark', 'experience', 'partner', 'to_be_determined'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface DataSourcesTable {
  id: Generated<string>;
  municipality_id: string;
  name: string;
  kind: Generated<SourceKind>;
  created_at: Timestamp;
}

export interface CoreIndicatorMeasuresTable {
  core_indicator_id: string;
  direction: Direction;
  unit: Generated<string>;
  updated_at: Timestamp;
}

export interface CoreIndicatorTargetsTable {
  id: Generated<string>;
  core_indicator_id: string;
  due_year: number;
  value: Numeric;
  set_by: Generated<string | null>;
  updated_at: Timestamp;
}

export interface MonitoringTables {
  data_sources: DataSourcesTable;
  core_indicator_measures: CoreIndicatorMeasuresTable;
  core_indicator_targets: CoreIndicatorTargetsTable;
  core_indicator_indicators: CoreIndicatorIndicatorsTable;
  indicator_value_imports: IndicatorValueImportsTable;
  core_indicator_values: CoreIndicatorValuesTable;
}
