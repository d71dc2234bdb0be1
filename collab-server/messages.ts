import * as decoding from 'lib0/decoding';
import type { RawData } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { CLOSE } from '~/boards/protocol';
import type { Connection } from './connection';
import type { Room } from './room';
import type { Tally } from './tally';
import { awarenessMessage, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, syncStep2Message } from './wire';

/** What judging a message needs besides its room and connection. */
export interface MessageGuards {
  tally: Tally;
  maxDocumentBytes: number;
}

/**
 * One client message, judged before anything of it takes effect: the connection's rate budget, the
 * framing, then by type: sync (step 1 answered, updates tried on the shadow document and judged by the
 * connection's rights), awareness (only the connection's own clientIDs, with the token's identity), or
 * a query for everyone's presence. A broken message ends this one connection; the document and
 * everyone else carry on.
 */
export function receiveMessage(
  room: Room,
  connection: Connection,
  data: RawData,
  isBinary: boolean,
  guards: MessageGuards,
) {
  const { tally } = guards;
  // Once a guard closed it, nothing more of this connection counts (its next edits build on a refused one).
  if (!connection.open) return;
  if (!connection.budget.take()) return tally.closeByGuard(connection, CLOSE.rateLimited);
  if (!isBinary || !(data instanceof Buffer)) return tally.closeByGuard(connection, CLOSE.malformed);
  try {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const messageType = decoding.readVarUint(decoder);
    if (messageType === MESSAGE_SYNC) receiveSync(room, connection, decoder, guards);
    else if (messageType === MESSAGE_AWARENESS) receiveAwareness(room, connection, decoder, tally);
    else if (messageType === MESSAGE_QUERY_AWARENESS) connection.send(awarenessMessage(room.awareness, room.present()));
    else throw new Error(`unknown message type ${messageType}`);
  } catch (error) {
    tally.closeByGuard(connection, CLOSE.malformed, { error: String(error) });
  }
}

function receiveSync(room: Room, connection: Connection, decoder: decoding.Decoder, guards: MessageGuards) {
  const { tally } = guards;
  const syncType = decoding.readVarUint(decoder);
  if (syncType === syncProtocol.messageYjsSyncStep1) {
    // Sync step 2 by hand: the stock one would also hand out structs still waiting for predecessors.
    connection.send(syncStep2Message(room.checked.integratedState(decoding.readVarUint8Array(decoder))));
    return;
  }
  if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
    throw new Error(`unknown sync message ${syncType}`);
  }
  const update = decoding.readVarUint8Array(decoder);
  if (connection.readOnly) {
    // A reader's client still sends its (empty or offline) state; it is counted, never applied.
    if (update.length > 2) tally.droppedReadOnlyUpdates += 1;
    return;
  }
  if (room.bytes + update.length > guards.maxDocumentBytes) {
    return tally.closeByGuard(connection, CLOSE.docTooLarge, { bytes: room.bytes + update.length });
  }
  const applied = room.checked.apply(update, connection, connection.judge);
  if (!applied.ok) {
    tally.rejectedUpdate(applied.reason);
    // Refused as a whole: the sender's copy now differs from the board, so it must start again.
    if (applied.reason === 'forbidden') {
      return tally.closeByGuard(connection, CLOSE.changeRefused, { error: applied.reason, rule: applied.rule });
    }
    return tally.closeByGuard(connection, CLOSE.malformed, { error: applied.reason });
  }
  if (applied.applied) room.fanout?.publishUpdate(applied.applied);
}

function receiveAwareness(room: Room, connection: Connection, decoder: decoding.Decoder, tally: Tally) {
  const { claims } = connection;
  const checked = room.guard.check(decoding.readVarUint8Array(decoder), connection, {
    id: claims.sub,
    name: claims.name,
    colour: claims.colour,
    facilitates: claims.perm === 'facilitate',
  });
  if (checked.forged.length > 0 || checked.rewritten.length > 0) {
    tally.awareness.forged += checked.forged.length;
    tally.awareness.rewritten += checked.rewritten.length;
    tally.log('awareness.corrected', {
      board: room.boardId,
      user: claims.sub,
      forged: checked.forged,
      rewritten: checked.rewritten,
    });
  }
  if (checked.update) {
    awarenessProtocol.applyAwarenessUpdate(room.awareness, checked.update, connection);
    room.fanout?.publishAwareness(checked.update);
  }
}
