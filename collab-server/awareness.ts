import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { FACILITATING } from '~/boards/protocol';

/**
 * Presence is what people see of each other ("Fatima is here", her caret): a connection may only speak
 * for itself. Each awareness update a client sends is checked before it is applied:
 *
 * - its entries may only be for the client's own clientIDs: the first connection to use a clientID
 *   owns it (another connection of the same person may take it over, as a reconnecting tab does);
 *   entries for a clientID owned by someone else, or present from another instance under another
 *   person's name, are dropped, and counted as `forged` when they would have changed something (the
 *   stock provider echoes everyone's presence back, harmlessly);
 * - the `user` field (`{ id, name, color }`, set by the board page and the caret extension) is
 *   overwritten with the identity in the board token when it differs (`rewritten`): presence keeps
 *   working, but always under the token's name;
 * - the `facilitating` field (the section a facilitator's view is on, which members may follow:
 *   `FACILITATING` in app/boards/protocol.ts) is removed unless the token may facilitate (`rewritten`),
 *   so following it follows the facilitator and nobody else.
 */
export interface Identity {
  /** Token `sub`. */
  id: string;
  /** Token `name` and `colour`; older tokens without them only have their id enforced. */
  name?: string;
  colour?: string;
  /** Whether the token may facilitate: only then may presence carry `facilitating`. */
  facilitates?: boolean;
}

export interface CheckedAwareness {
  /** The update to apply, or null when nothing of it is left. */
  update: Uint8Array | null;
  forged: number[];
  rewritten: number[];
}

interface Owner {
  connection: unknown;
  userId: string;
}

export class AwarenessGuard {
  private owners = new Map<number, Owner>();

  constructor(private readonly awareness: Awareness) {}

  check(update: Uint8Array, connection: unknown, identity: Identity): CheckedAwareness {
    const decoder = decoding.createDecoder(update);
    const entries: { clientId: number; clock: number; state: unknown }[] = [];
    const forged: number[] = [];
    const rewritten: number[] = [];
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      let state = JSON.parse(decoding.readVarString(decoder)) as unknown;
      // The stock provider echoes everyone's presence back: an entry that would change nothing is
      // such an echo (dropped quietly, and it claims nothing), not a forgery.
      const effective = this.wouldApply(clientId, clock, state);
      if (!this.mayUse(clientId, connection, identity.id)) {
        if (effective) forged.push(clientId);
        continue;
      }
      if (!effective) continue;
      const fixed = withoutFacilitating(withIdentity(state, identity), identity);
      if (fixed !== state) {
        rewritten.push(clientId);
        state = fixed;
      }
      entries.push({ clientId, clock, state });
    }
    // A removal claims nothing (a client echoing someone's departure must not become its owner).
    for (const { clientId, state } of entries) {
      if (state !== null) this.owners.set(clientId, { connection, userId: identity.id });
    }
    if (entries.length === 0) return { update: null, forged, rewritten };
    if (entries.length === count && rewritten.length === 0) return { update, forged, rewritten };
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, entries.length);
    for (const { clientId, clock, state } of entries) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(state));
    }
    return { update: encoding.toUint8Array(encoder), forged, rewritten };
  }

  /** The clientIDs a closing connection owned (to remove their presence); they become free again. */
  release(connection: unknown): number[] {
    const ids: number[] = [];
    for (const [clientId, owner] of this.owners) {
      if (owner.connection !== connection) continue;
      this.owners.delete(clientId);
      ids.push(clientId);
    }
    return ids;
  }

  /** The rule of `applyAwarenessUpdate`: a newer clock, or a removal at the same clock. */
  private wouldApply(clientId: number, clock: number, state: unknown): boolean {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    return current < clock || (current === clock && state === null && this.awareness.getStates().has(clientId));
  }

  private mayUse(clientId: number, connection: unknown, userId: string): boolean {
    const owner = this.owners.get(clientId);
    if (owner) return owner.connection === connection || owner.userId === userId;
    // Not ours: present because another instance relayed it (checked there), or not present at all.
    const present = this.awareness.getStates().get(clientId) as { user?: { id?: unknown } } | undefined;
    return present === undefined || present.user?.id === userId;
  }
}

/** The state without `facilitating` when the identity may not facilitate; the same object otherwise. */
function withoutFacilitating(state: unknown, identity: Identity): unknown {
  if (identity.facilitates !== false || state === null || typeof state !== 'object' || !(FACILITATING in state))
    return state;
  const { [FACILITATING]: _dropped, ...rest } = state as Record<string, unknown>;
  return rest;
}

/** The state with its `user` field set to the token's identity; the same object when it already was. */
function withIdentity(state: unknown, identity: Identity): unknown {
  if (state === null || typeof state !== 'object' || Array.isArray(state) || !('user' in state)) return state;
  const user = (state as { user: unknown }).user;
  const given =
    user !== null && typeof user === 'object' && !Array.isArray(user) ? (user as Record<string, unknown>) : {};
  const wanted = {
    ...given,
    id: identity.id,
    name: identity.name ?? given.name,
    color: identity.colour ?? given.color,
  };
  if (given === user && given.id === wanted.id && given.name === wanted.name && given.color === wanted.color) {
    return state;
  }
  return { ...state, user: wanted };
}
