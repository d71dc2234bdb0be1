import * as Y from 'yjs';

/**
 * Guards the live document against updates that are well-framed but not sound: bytes that do not decode,
 * structs that break while being integrated (Yjs may throw half-way through a transaction and leave
 * part of the update behind), new root types the board does not have, structs that wait for
 * predecessors which never arrive, and (with a `Judge`) changes the sender may not make.
 *
 * Every update is first applied to a shadow copy of the document; only when that succeeds, and the
 * judge finds nothing wrong with what it changed, is it applied to the live one (integration is
 * deterministic, so it succeeds there too, with the same effect). A failure leaves the live document,
 * its clients and the update log untouched; the shadow is dropped and copied again from the live
 * document when the next update comes. The price is a second apply per update and, on a board that has
 * been written to, a second copy in memory. The copy is made when the first update comes, not when the
 * board loads: loading a large board then integrates it once before its first client is synced, and a
 * board that is only looked at never has a shadow.
 */

/**
 * Says why the changes `transaction` made to the shadow document may not be applied (null: they may).
 * `before` is the live document, still as it was.
 */
export type Judge = (transaction: Y.Transaction, before: Y.Doc) => string | null;

type Refused =
  | { ok: false; reason: 'undecodable' | 'unexpected-root' | 'unintegrable' }
  | { ok: false; reason: 'forbidden'; rule: string };

/** `applied`: what went into the live document (with what was held back before), or null when held back. */
export type ApplyResult = { ok: true; applied: Uint8Array | null } | Refused;

export class CheckedDoc {
  private copied: Y.Doc | null = null;
  private pendingTimer: NodeJS.Timeout | null = null;
  /** Who sent updates that are still waiting for missing structs. */
  private waiting = new Set<unknown>();
  /** Judged senders' updates that wait for missing structs, kept out of the live document (see `apply`). */
  private held = new Map<unknown, { update: Uint8Array; timer: NodeJS.Timeout }>();

  constructor(
    readonly doc: Y.Doc,
    private readonly options: {
      acceptRoot: (name: string) => boolean;
      /** How long structs may wait for their predecessors before they are dropped. */
      pendingGraceMs: number;
      /** Called with the senders of updates whose missing structs never arrived. */
      onUnresolved: (senders: unknown[]) => void;
    },
  ) {}

  private get shadow(): Y.Doc {
    return (this.copied ??= this.copy());
  }

  /**
   * Applies `update` to the live document with `origin`, or refuses it and leaves everything as it was.
   * With a `judge`, structs waiting for predecessors never enter the live document: they would be
   * integrated later, in someone else's transaction, and judged by that sender's rights. Such an update
   * is held back for its sender instead and tried again, together with the sender's next update (a
   * client's offline edits follow in its sync step 2); after the grace period it is dropped like others.
   */
  apply(update: Uint8Array, origin: unknown, judge?: Judge): ApplyResult {
    const held = judge ? this.held.get(origin) : undefined;
    this.held.delete(origin);
    const result = this.applyOnce(held ? [held.update, update] : [update], origin, judge);
    if ('waiting' in result) {
      this.held.set(origin, { update: result.waiting, timer: held?.timer ?? this.dropHeldLater(origin) });
      return { ok: true, applied: null };
    }
    if (held) clearTimeout(held.timer);
    return result;
  }

  private applyOnce(
    parts: Uint8Array[],
    origin: unknown,
    judge: Judge | undefined,
  ): Refused | { ok: true; applied: Uint8Array } | { ok: true; waiting: Uint8Array } {
    let update: Uint8Array;
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      update = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
      decoded = Y.decodeUpdate(update);
    } catch {
      return { ok: false, reason: 'undecodable' };
    }
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Item && typeof struct.parent === 'string' && !this.options.acceptRoot(struct.parent)) {
        return { ok: false, reason: 'unexpected-root' };
      }
    }
    let waiting = false;
    let refusal: string | null = null;
    try {
      this.shadow.transact((transaction) => {
        Y.applyUpdate(this.shadow, update);
        if (!judge) return;
        // Judged only once complete: Yjs applies an update's deletions even while its insertions wait,
        // so a half-applied update would look like something else (a card's text removed, say).
        waiting = waitsForPredecessors(decoded, this.shadow);
        if (!waiting) refusal = judge(transaction, this.doc);
      });
    } catch {
      this.rebuildShadow();
      return { ok: false, reason: 'unintegrable' };
    }
    if (waiting) {
      this.rebuildShadow();
      return { ok: true, waiting: update };
    }
    if (refusal !== null) {
      this.rebuildShadow();
      return { ok: false, reason: 'forbidden', rule: refusal };
    }
    const store = this.doc.store;
    const before = [store.pendingStructs?.update, store.pendingDs];
    Y.applyUpdate(this.doc, update, origin);
    // (A judged update leaves nothing waiting; it may complete what a trusted one left.)
    if (!judge && (store.pendingStructs?.update !== before[0] || store.pendingDs !== before[1])) {
      this.watchPending(origin);
    }
    return { ok: true, applied: update };
  }

  /** The sender is gone: what it had held back goes with it. */
  release(origin: unknown) {
    const held = this.held.get(origin);
    if (!held) return;
    clearTimeout(held.timer);
    this.held.delete(origin);
  }

  /** The live document's state without structs still waiting for predecessors (those are not the board yet). */
  integratedState(stateVector?: Uint8Array): Uint8Array {
    return withoutPending(this.doc, () => Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  get hasPending(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  destroy() {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    for (const origin of [...this.held.keys()]) this.release(origin);
    this.copied?.destroy();
  }

  /**
   * A client may legitimately send an edit before the server has the offline edits it builds on (they
   * follow in its sync step 2), so waiting structs get a grace period; after it they are dropped and
   * their senders are reported.
   */
  private watchPending(origin: unknown) {
    if (origin !== null && origin !== undefined) this.waiting.add(origin);
    if (this.pendingTimer) return;
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = null;
      if (!this.hasPending) {
        this.waiting.clear();
        return;
      }
      for (const doc of [this.doc, this.copied]) {
        if (!doc) continue;
        doc.store.pendingStructs = null;
        doc.store.pendingDs = null;
      }
      const senders = [...this.waiting];
      this.waiting.clear();
      this.options.onUnresolved(senders);
    }, this.options.pendingGraceMs);
    this.pendingTimer.unref();
  }

  private dropHeldLater(origin: unknown): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.held.delete(origin);
      this.options.onUnresolved([origin]);
    }, this.options.pendingGraceMs);
    timer.unref();
    return timer;
  }

  private rebuildShadow() {
    this.copied?.destroy();
    this.copied = null;
  }

  private copy(): Y.Doc {
    const shadow = new Y.Doc({ gc: this.doc.gc });
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.doc));
    return shadow;
  }
}

function withoutPending<T>(doc: Y.Doc, work: () => T): T {
  const store = doc.store;
  const structs = store.pendingStructs;
  const ds = store.pendingDs;
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return work();
  } finally {
    store.pendingStructs = structs;
    store.pendingDs = ds;
  }
}

/** Whether some of the update's structs or deletions could not be integrated into `doc` (they wait). */
function waitsForPredecessors(decoded: ReturnType<typeof Y.decodeUpdate>, doc: Y.Doc): boolean {
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Skip) && Y.getState(doc.store, struct.id.client) < struct.id.clock + struct.length) {
      return true;
    }
  }
  for (const [client, deletions] of decoded.ds.clients) {
    const state = Y.getState(doc.store, client);
    if (deletions.some((deletion) => state < deletion.clock + deletion.len)) return true;
  }
  return false;
}
