import type { WebSocket } from 'ws';
import type { CloseReason } from '~/boards/protocol';
import type { Connection } from './connection';
import type { Log } from './log';

/** What the guards refused and corrected, counted for `/collab/healthz` and logged one event each. */
export class Tally {
  droppedReadOnlyUpdates = 0;
  refusedConnections = 0;
  readonly closedByGuards: Record<string, number> = {};
  /** Updates refused by `CheckedDoc`, by reason. */
  readonly rejectedUpdates: Record<string, number> = {};
  /** Awareness entries dropped (another connection's clientID) or given the token's identity. */
  readonly awareness = { forged: 0, rewritten: 0 };
  /** Rounds of asking the database again what open connections may do (`rightsRecheckMs`). */
  rightsChecks = 0;

  constructor(readonly log: Log) {}

  /** A connection that is not let in. */
  refuse(ws: WebSocket, reason: CloseReason, fields: Record<string, unknown>) {
    this.refusedConnections += 1;
    this.log('connection.refused', { reason: reason.reason, ...fields });
    ws.close(reason.code, reason.reason);
  }

  /** A connection that was let in and broke a guard. */
  closeByGuard(connection: Connection, reason: CloseReason, fields: Record<string, unknown> = {}) {
    this.closedByGuards[reason.reason] = (this.closedByGuards[reason.reason] ?? 0) + 1;
    this.log('connection.closed_by_guard', {
      reason: reason.reason,
      board: connection.claims.board,
      user: connection.claims.sub,
      ...fields,
    });
    connection.close(reason);
  }

  rejectedUpdate(reason: string) {
    this.rejectedUpdates[reason] = (this.rejectedUpdates[reason] ?? 0) + 1;
  }

  counts() {
    return {
      droppedReadOnlyUpdates: this.droppedReadOnlyUpdates,
      refusedConnections: this.refusedConnections,
      closedByGuards: { ...this.closedByGuards },
      rejectedUpdates: { ...this.rejectedUpdates },
      awareness: { ...this.awareness },
      rightsChecks: this.rightsChecks,
    };
  }
}
