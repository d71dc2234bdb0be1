import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Log } from './log';

/**
 * Redis pub/sub between collab-server instances (`REDIS_URL`), so people on one board who landed on
 * different instances edit one document and see each other.
 *
 * One channel per open board (`<prefix>board:<id>`), binary messages:
 *   kind, sender instance id, target instance id ('' for all), payload, extra
 * - `update`: a document update this instance applied from one of its own clients;
 * - `awareness`: an awareness update from one of its own clients (after the identity check);
 * - `sync-request`: "I just opened this board (or Redis came back), here is my state vector";
 *   every other instance with the board open answers with
 * - `sync-reply` (to the requester): what the requester lacks, plus the answering instance's state
 *   vector, so the requester can publish what the other one lacks in turn; the answering instance also
 *   republishes its presence.
 *
 * An instance ignores its own messages. Only the instance a client is connected to writes that
 * client's updates to the log; others hold them in memory and compact (merging the log) on unload, and
 * when an instance that had the board open is gone (`countPeers`).
 *
 * An instance alone on a board (the usual case behind a proxy that routes by board) publishes no
 * updates or awareness: nobody would read them, and each publish came back to it from Redis as well,
 * which made two instances cost 1.6–1.9 times the CPU per update of one
 * (docs/benchmarks/2026-12-06-collab-scale-2.md). It counts as alone only when a count of the channel's
 * subscribers says 1 and nothing from another instance arrived while the count was on its way. Another
 * instance opening the board later is not missed: it subscribes first and then asks for a sync, and the
 * reply (`diff` of the whole document) carries everything published or not; from that request on this
 * instance publishes again.
 */
const KIND = { update: 0, awareness: 1, syncRequest: 2, syncReply: 3 } as const;

/** How often the instances on each open board are counted (a peer gone may have left updates unwritten). */
const PEER_CHECK_MS = 5000;

export interface FanoutBoardHandlers {
  /** A document update from another instance (or a sync reply). */
  applyUpdate(update: Uint8Array): void;
  applyAwareness(update: Uint8Array): void;
  stateVector(): Uint8Array;
  /** What a peer with `stateVector` lacks. */
  diff(stateVector: Uint8Array): Uint8Array;
  /** Everyone present on this instance, or null. */
  presence(): Uint8Array | null;
  /** An instance that had the board open is gone: write what this one holds of others' updates. */
  peerGone(): Promise<void>;
}

export interface FanoutBoard {
  publishUpdate(update: Uint8Array): void;
  publishAwareness(update: Uint8Array): void;
  /** Whether updates from other instances were applied since the last call (the document needs compacting). */
  takeRemoteChanges(): boolean;
  leave(): Promise<void>;
}

export interface FanoutStats {
  connected: boolean;
  channels: number;
  instanceId: string;
  published: number;
  /** Updates and awareness not published because no other instance had the board open. */
  keptAlone: number;
  received: number;
  failures: number;
}

interface Joined {
  handlers: FanoutBoardHandlers;
  /** Messages that arrived while the board was still loading. */
  early: Buffer[] | null;
  remoteChanges: boolean;
  /** Subscribers of the board's channel (this instance included) when last counted. */
  subscribers: number | null;
  /** False only while a count found this instance alone on the board: updates and awareness stay here. */
  peersMayListen: boolean;
  /** Messages from other instances so far; a count asked before the last of them cannot declare the board alone. */
  heardFromPeers: number;
}

export class Fanout {
  readonly instanceId = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly boards = new Map<string, Joined>();
  private counters = { published: 0, keptAlone: 0, received: 0, failures: 0 };
  /** Bumped whenever the subscribing connection (re)connects or drops: a count spanning that decides nothing. */
  private subEpoch = 0;
  private readonly peerTimer: NodeJS.Timeout;

  constructor(
    url: string,
    private readonly options: { prefix?: string; log: Log; peerCheckMs?: number },
  ) {
    // Publishing while Redis is away fails at once (counted) instead of queueing without bound; the
    // sync after reconnecting covers what was missed. Auto-pipelining sends the publishes of one turn of
    // the event loop (every client message read in it) in one write, in order: one system call per
    // update was a tenth of a busy instance's CPU (docs/benchmarks/2026-12-06-collab-scale.md).
    this.pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, enableAutoPipelining: true });
    this.sub = new Redis(url);
    for (const [name, client] of [
      ['pub', this.pub],
      ['sub', this.sub],
    ] as const) {
      client.on('error', (error: Error) => options.log('fanout.error', { client: name, error: String(error) }));
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    // (Re)connected: anything published while Redis was away was lost, so every open board syncs again.
    this.sub.on('close', () => (this.subEpoch += 1));
    this.sub.on('ready', () => {
      this.subEpoch += 1;
      options.log('fanout.ready', { boards: this.boards.size });
      for (const boardId of this.boards.keys()) this.requestSync(boardId);
    });
    this.peerTimer = setInterval(() => void this.countPeers(), options.peerCheckMs ?? PEER_CHECK_MS);
    this.peerTimer.unref();
  }

  /** Resolves once both connections are up (ioredis keeps retrying until then). */
  async ready(): Promise<void> {
    await Promise.all(
      [this.pub, this.sub].map((client) =>
        client.status === 'ready' ? undefined : new Promise((resolve) => client.once('ready', resolve)),
      ),
    );
  }

  /**
   * Subscribes before the board is loaded (nothing published from then on is missed); `ready` is
   * called once the board is loaded, with its handlers, and asks the other instances for what the
   * database did not have yet.
   */
  async join(boardId: string): Promise<{ ready(handlers: FanoutBoardHandlers): FanoutBoard; cancel(): Promise<void> }> {
    const joined: Joined = {
      handlers: null as unknown as FanoutBoardHandlers,
      early: [],
      remoteChanges: false,
      subscribers: null,
      peersMayListen: true,
      heardFromPeers: 0,
    };
    this.boards.set(boardId, joined);
    // While Redis is away the subscription waits in ioredis' queue and the board opens without it.
    const subscribed = this.sub.subscribe(this.channel(boardId));
    if (this.sub.status === 'ready') await subscribed;
    else subscribed.catch(() => undefined);
    const board: FanoutBoard = {
      publishUpdate: (update) => this.publishToPeers(boardId, joined, KIND.update, update),
      publishAwareness: (update) => this.publishToPeers(boardId, joined, KIND.awareness, update),
      takeRemoteChanges: () => {
        const changed = joined.remoteChanges;
        joined.remoteChanges = false;
        return changed;
      },
      leave: () => this.leave(boardId, joined),
    };
    return {
      ready: (handlers) => {
        joined.handlers = handlers;
        const early = joined.early ?? [];
        joined.early = null;
        for (const message of early) this.handle(boardId, joined, message);
        this.requestSync(boardId);
        return board;
      },
      cancel: () => this.leave(boardId, joined),
    };
  }

  stats(): FanoutStats {
    return {
      connected: this.pub.status === 'ready' && this.sub.status === 'ready',
      channels: this.boards.size,
      instanceId: this.instanceId,
      ...this.counters,
    };
  }

  async close(): Promise<void> {
    clearInterval(this.peerTimer);
    this.boards.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }

  private channel(boardId: string) {
    return `${this.options.prefix ?? ''}board:${boardId}`;
  }

  private async leave(boardId: string, joined: Joined) {
    if (this.boards.get(boardId) !== joined) return;
    this.boards.delete(boardId);
    try {
      await this.sub.unsubscribe(this.channel(boardId));
    } catch (error) {
      this.options.log('fanout.unsubscribe_failed', { board: boardId, error: String(error) });
    }
    // A board opened again while unsubscribing needs its subscription back.
    if (this.boards.has(boardId)) await this.sub.subscribe(this.channel(boardId)).catch(() => undefined);
  }

  /**
   * Each instance writes only its own clients' updates, so one that dies (SIGKILL, out of memory) takes
   * those it had not written yet with it; the others applied them from Redis but would hold them only
   * in memory until they unload the board (hours, in a long session), while the app's print, export,
   * snapshots and copies read the database. Redis drops a dead instance's subscriptions when its
   * connection closes: a board whose channel lost a subscriber is compacted now by every instance
   * that holds others' updates of it. (One that left cleanly had compacted already: a spare write.)
   */
  private async countPeers() {
    const boards = [...this.boards].filter(([, joined]) => !joined.early);
    if (boards.length === 0 || this.pub.status !== 'ready') return;
    const epoch = this.subEpoch;
    const subscribed = this.sub.status === 'ready';
    const heard = boards.map(([, joined]) => joined.heardFromPeers);
    let reply: unknown[];
    try {
      reply = (await this.pub.pubsub('NUMSUB', ...boards.map(([boardId]) => this.channel(boardId)))) as unknown[];
    } catch (error) {
      this.options.log('fanout.count_failed', { error: String(error) });
      return;
    }
    boards.forEach(([boardId, joined], i) => {
      const before = joined.subscribers;
      joined.subscribers = Number(reply[2 * i + 1]);
      // 1 is this instance itself only if its own subscription stood throughout.
      const sure = subscribed && this.sub.status === 'ready' && epoch === this.subEpoch;
      joined.peersMayListen = !(sure && joined.subscribers === 1 && joined.heardFromPeers === heard[i]);
      if (before === null || joined.subscribers >= before || this.boards.get(boardId) !== joined) return;
      this.options.log('fanout.peer_gone', { board: boardId, subscribers: joined.subscribers });
      joined.handlers
        .peerGone()
        .catch((error: unknown) =>
          this.options.log('fanout.peer_gone_failed', { board: boardId, error: String(error) }),
        );
    });
  }

  private requestSync(boardId: string) {
    const joined = this.boards.get(boardId);
    if (!joined || joined.early) return;
    this.publish(boardId, KIND.syncRequest, '', joined.handlers.stateVector());
  }

  private publishToPeers(boardId: string, joined: Joined, kind: number, payload: Uint8Array) {
    if (joined.peersMayListen) this.publish(boardId, kind, '', payload);
    else this.counters.keptAlone += 1;
  }

  private publish(boardId: string, kind: number, target: string, payload: Uint8Array, extra?: Uint8Array) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarString(encoder, this.instanceId);
    encoding.writeVarString(encoder, target);
    encoding.writeVarUint8Array(encoder, payload);
    encoding.writeVarUint8Array(encoder, extra ?? new Uint8Array());
    const message = Buffer.from(encoding.toUint8Array(encoder));
    this.counters.published += 1;
    this.pub.publish(this.channel(boardId), message).catch((error: unknown) => {
      this.counters.failures += 1;
      this.options.log('fanout.publish_failed', { board: boardId, error: String(error) });
    });
  }

  private receive(channel: string, message: Buffer) {
    const prefix = this.channel('');
    if (!channel.startsWith(prefix)) return;
    const boardId = channel.slice(prefix.length);
    const joined = this.boards.get(boardId);
    if (!joined) return;
    if (joined.early) joined.early.push(message);
    else this.handle(boardId, joined, message);
  }

  private handle(boardId: string, joined: Joined, message: Buffer) {
    try {
      const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      const kind = decoding.readVarUint(decoder);
      const sender = decoding.readVarString(decoder);
      const target = decoding.readVarString(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      const extra = decoding.readVarUint8Array(decoder);
      if (sender === this.instanceId) return;
      // Another instance has the board open (even a message meant for a third one says so).
      joined.heardFromPeers += 1;
      joined.peersMayListen = true;
      if (target !== '' && target !== this.instanceId) return;
      this.counters.received += 1;
      const { handlers } = joined;
      if (kind === KIND.update) {
        joined.remoteChanges = true;
        handlers.applyUpdate(payload);
      } else if (kind === KIND.awareness) {
        handlers.applyAwareness(payload);
      } else if (kind === KIND.syncRequest) {
        this.publish(boardId, KIND.syncReply, sender, handlers.diff(payload), handlers.stateVector());
        const presence = handlers.presence();
        if (presence) this.publish(boardId, KIND.awareness, '', presence);
      } else if (kind === KIND.syncReply) {
        joined.remoteChanges = true;
        handlers.applyUpdate(payload);
        const missing = handlers.diff(extra);
        if (!isEmptyUpdate(missing)) this.publish(boardId, KIND.update, '', missing);
      }
    } catch (error) {
      this.counters.failures += 1;
      this.options.log('fanout.message_failed', { board: boardId, error: String(error) });
    }
  }
}

/** `REDIS_URL` turns fan-out on; `COLLAB_REDIS_PREFIX` separates deployments (and test runs) on one Redis. */
export function fanoutFromEnv(env: NodeJS.ProcessEnv = process.env): { url: string; prefix: string } | null {
  if (!env.REDIS_URL) return null;
  return { url: env.REDIS_URL, prefix: env.COLLAB_REDIS_PREFIX ?? 'expertpool:collab:' };
}

/** No structs and no deletions: nothing worth sending. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2;
}
