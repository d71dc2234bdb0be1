import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/** y-websocket message types (the stock provider's numbering). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

function encodeMessage(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A document update, as the stock server relays one. */
export const updateMessage = (update: Uint8Array) =>
  encodeMessage(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update));

/** Sync step 1: the server's state vector, so the client sends what the server lacks. */
export const syncStep1Message = (doc: Y.Doc) =>
  encodeMessage(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, doc));

/** Sync step 2: what the client lacks (computed by the caller, see `CheckedDoc.integratedState`). */
export const syncStep2Message = (diff: Uint8Array) =>
  encodeMessage(MESSAGE_SYNC, (encoder) => {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, diff);
  });

/** The presence of `clients`. */
export const awarenessMessage = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  encodeMessage(MESSAGE_AWARENESS, (encoder) =>
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients)),
  );
