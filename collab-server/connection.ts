import { WebSocket, type RawData } from 'ws';
import { CLOSE, type BoardTokenClaims, type CloseReason } from '~/boards/protocol';
import { anonymousAuthor } from '~/boards/protocol.server';
import { RateBudget, type Limits } from './limits';
import { refusedChange, type Writer } from './rights';
import type { Judge } from './updates';

/** A client whose unsent backlog grows past this is too slow to follow; it reconnects and resyncs. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

type Receive = (data: RawData, isBinary: boolean) => void;

/**
 * One client's socket on one board: what its token allows, its message budget, and sending to it.
 * Messages that arrive while the board loads wait until `receive` is given.
 */
export class Connection {
  readonly budget: RateBudget;
  /** What this connection may change (`rights.ts`): a member's rights, or for a facilitator the cards' shape. */
  readonly judge: Judge;
  private early: [RawData, boolean][] | null = [];
  private receive: Receive | null = null;

  constructor(
    readonly ws: WebSocket,
    readonly claims: BoardTokenClaims,
    limits: Limits,
    tokenKey: Buffer,
  ) {
    this.budget = new RateBudget(limits.messagesPerSecond, limits.messageBurst);
    const writer: Writer =
      claims.perm === 'facilitate'
        ? 'facilitator'
        : {
            id: claims.sub,
            name: claims.name ?? null,
            anonymousAs: anonymousAuthor(tokenKey, claims.board, claims.sub),
          };
    this.judge = (transaction, before) => refusedChange(transaction, before, writer);
    ws.on('message', (data, isBinary) => {
      if (this.receive) this.receive(data, isBinary);
      else this.early?.push([data, isBinary]);
    });
  }

  get readOnly() {
    return this.claims.perm === 'read';
  }

  /** Once closed (by a guard, too), nothing more of this connection counts. */
  get open() {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Hands every message to `receive` from now on, first those that arrived while the board loaded. */
  start(receive: Receive) {
    const early = this.early ?? [];
    this.early = null;
    this.receive = receive;
    for (const [data, isBinary] of early) receive(data, isBinary);
  }

  send(message: Uint8Array) {
    if (!this.open) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.close(CLOSE.shuttingDown.code, 'too-slow');
      return;
    }
    this.ws.send(message, (error) => {
      if (error) this.ws.terminate();
    });
  }

  close(reason: CloseReason) {
    this.ws.close(reason.code, reason.reason);
  }
}
