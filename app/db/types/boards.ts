import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bytea: pg and PGlite both hand back a Uint8Array (Buffer on pg). */
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;
/** bigint identity: pg returns it as a string, PGlite as a number; compare with Number(). */
type BigId = ColumnType<string | number, never, never>;

export interface BoardsTable {
  id: Generated<string>;
  pool_id: string;
  session_id: string | null;
  title: string;
  template: Generated<string>;
  copied_from: string | null;
  shared_with_readers: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BoardDocumentsTable {
  board_id: string;
  state: Bytes;
  through_update_id: ColumnType<string | number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface BoardUpdatesTable {
  id: BigId;
  board_id: string;
  update: Bytes;
  created_at: Timestamp;
}

export interface BoardSnapshotsTable {
  id: Generated<string>;
  board_id: string;
  name: string;
  state: Bytes;
  created_by: string | null;
  created_at: Timestamp;
}

export interface BoardActivityTable {
  board_id: string;
  user_id: string;
  section: string;
  period_start: Timestamp;
  edits: Generated<number>;
}

export interface BoardVoteRoundsTable {
  id: Generated<string>;
  board_id: string;
  round: number;
  budget: number;
  opened_by: string | null;
  opened_at: Timestamp;
  revealed_at: Timestamp | null;
  closed_at: Timestamp | null;
}

export interface BoardVotesTable {
  round_id: string;
  card_id: string;
  user_id: string;
  dots: number;
  updated_at: Timestamp;
}

export interface BoardTables {
  boards: BoardsTable;
  board_documents: BoardDocumentsTable;
  board_updates: BoardUpdatesTable;
  board_snapshots: BoardSnapshotsTable;
  board_activity: BoardActivityTable;
  board_vote_rounds: BoardVoteRoundsTable;
  board_votes: BoardVotesTable;
}
