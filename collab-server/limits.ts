import { StartFailure } from '~/start-failure.server';

/** The guards of the collab-server; every one can be set through the environment. */
export interface Limits {
  /** Largest single WebSocket message (ws `maxPayload`); bigger ones close the connection with 1009. */
  maxMessageBytes: number;
  /** Largest document, counted as its encoded state plus what was appended since loading. */
  maxDocumentBytes: number;
  /** Sustained messages per second per connection, with a burst allowance on top. */
  messagesPerSecond: number;
  messageBurst: number;
  maxConnectionsPerBoard: number;
  maxConnectionsPerUser: number;
  /** How long updates are gathered before one batched write (milliseconds). */
  flushDelayMs: number;
  /** Log rows of one board after which it is compacted into a snapshot. */
  compactAfterUpdates: number;
  /**
   * How often every open connection's rights are asked of the database again (milliseconds; 0: never),
   * for what no notification reports (Supabase Auth sessions, a region or organisation changed).
   */
  rightsRecheckMs: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 16 * MB,
  maxDocumentBytes: 32 * MB,
  messagesPerSecond: 100,
  messageBurst: 300,
  maxConnectionsPerBoard: 200,
  maxConnectionsPerUser: 20,
  // A tenth of a second: in the embedded default about a fifth less CPU per relayed update than at 25 ms, and
  // an edit is still written well within G7's 600 ms (docs/decisions/022-collab-writes-every-100-ms.md).
  flushDelayMs: 100,
  compactAfterUpdates: 500,
  rightsRecheckMs: 60_000,
};

const ENV_NAMES: Record<keyof Limits, string> = {
  maxMessageBytes: 'COLLAB_MAX_MESSAGE_BYTES',
  maxDocumentBytes: 'COLLAB_MAX_DOCUMENT_BYTES',
  messagesPerSecond: 'COLLAB_MESSAGES_PER_SECOND',
  messageBurst: 'COLLAB_MESSAGE_BURST',
  maxConnectionsPerBoard: 'COLLAB_MAX_CONNECTIONS_PER_BOARD',
  maxConnectionsPerUser: 'COLLAB_MAX_CONNECTIONS_PER_USER',
  flushDelayMs: 'COLLAB_FLUSH_DELAY_MS',
  compactAfterUpdates: 'COLLAB_COMPACT_AFTER_UPDATES',
  rightsRecheckMs: 'COLLAB_RIGHTS_RECHECK_MS',
};

/** The limits from the environment, or a failure that names every COLLAB_ variable that is wrong. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Limits {
  const { limits, problems } = readLimits(env);
  if (problems.length > 0) throw new StartFailure(problems);
  return limits;
}

/** What `npm run check-config` reports about the collab-server's limits: one line per wrong variable. */
export function limitProblems(env: NodeJS.ProcessEnv): string[] {
  return readLimits(env).problems;
}

function readLimits(env: NodeJS.ProcessEnv): { limits: Limits; problems: string[] } {
  const limits = { ...DEFAULT_LIMITS };
  const problems: string[] = [];
  for (const key of Object.keys(ENV_NAMES) as (keyof Limits)[]) {
    const raw = env[ENV_NAMES[key]];
    // Empty is the same as not set (as a compose file's `NAME:` gives).
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      problems.push(`${ENV_NAMES[key]} must be a non-negative number.`);
    } else {
      limits[key] = value;
    }
  }
  return { limits, problems };
}

/** A token bucket: `take()` is false once a connection sends faster than its budget. */
export class RateBudget {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
