import * as Y from 'yjs';

/**
 * Guards the live document against updates that are well-framed but not sound: bytes that do not decode,
 * structs that break while being integrated (Yjs may throw half-way through a transaction and leave
 * part of the update behind), new root types the board does not have, and structs that wait for
 * predecessors which never arrive.
 *
 * Every update is first applied to a shadow copy of the document; only when that succeeds is it
 * applied to the live one (integration is deterministic, so it succeeds there too). A failure leaves
 * the live document, its clients and the update log untouched; the shadow is rebuilt from the live
 * document. The price is a second apply per update and a second copy of each loaded board in memory.
 */

/** Root names of a board document (`app/boards/doc.ts`); an update may not add any other root. */
const BOARD_ROOTS = new Set(['sections', 'cards', 'facilitation']);
export const isBoardRoot = (name: string) => BOARD_ROOTS.has(name) || /^text:[\w-]{1,100}$/.test(name);

export type ApplyResult = { ok: true } | { ok: false; reason: 'undecodable' | 'unexpected-root' | 'unintegrable' };

export class CheckedDoc {
  private shadow: Y.Doc;
  private pendingTimer: NodeJS.Timeout | null = null;
  /** Who sent updates that are still waiting for missing structs. */
  private waiting = new Set<unknown>();

  constructor(
    readonly doc: Y.Doc,
    private readonly options: {
      acceptRoot: (name: string) => boolean;
      /** How long structs may wait for their predecessors before they are dropped. */
      pendingGraceMs: number;
      /** Called with the senders of updates whose missing structs never arrived. */
      onUnresolved: (senders: unknown[]) => void;
    },
  ) {
    this.shadow = this.copy();
  }

  /** Applies `update` to the live document with `origin`, or refuses it and leaves everything as it was. */
  apply(update: Uint8Array, origin: unknown): ApplyResult {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return { ok: false, reason: 'undecodable' };
    }
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Item && typeof struct.parent === 'string' && !this.options.acceptRoot(struct.parent)) {
        return { ok: false, reason: 'unexpected-root' };
      }
    }
    try {
      Y.applyUpdate(this.shadow, update);
    } catch {
      this.shadow.destroy();
      this.shadow = this.copy();
      return { ok: false, reason: 'unintegrable' };
    }
    const store = this.doc.store;
    const before = [store.pendingStructs?.update, store.pendingDs];
    Y.applyUpdate(this.doc, update, origin);
    if (store.pendingStructs?.update !== before[0] || store.pendingDs !== before[1]) this.watchPending(origin);
    return { ok: true };
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
    this.shadow.destroy();
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
      for (const doc of [this.doc, this.shadow]) {
        doc.store.pendingStructs = null;
        doc.store.pendingDs = null;
      }
      const senders = [...this.waiting];
      this.waiting.clear();
      this.options.onUnresolved(senders);
    }, this.options.pendingGraceMs);
    this.pendingTimer.unref();
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
