/**
 * Why a process cannot start, in a form the operator can act on: one line that says what is wrong
 * and what to set. Never carries a secret (no password, no session secret).
 */
export class StartFailure extends Error {
  override name = 'StartFailure';
  /** What is wrong, one sentence each: all of it at once when several variables are (`npm run check-config`). */
  readonly problems: string[];

  constructor(problems: string | string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join(' '));
    this.problems = list;
  }
}

/** The problems an operator causes and can fix (a port in use, a directory it may not write). */
function explain(error: unknown): string | null {
  if (error instanceof StartFailure) return error.message;
  const { code, syscall, port, path } = (error ?? {}) as {
    code?: string;
    syscall?: string;
    port?: number;
    path?: string;
  };
  if (syscall === 'listen' && code === 'EADDRINUSE') return `port ${port} is in use: stop what runs there or set PORT.`;
  if (syscall === 'listen' && code === 'EACCES')
    return `port ${port} may not be opened by this user: set PORT above 1023.`;
  if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return `cannot write ${path ?? 'the data directory'}: set DATA_DIR to a directory this user may write.`;
  }
  return null;
}

function onStartFailure(error: unknown) {
  const reason = explain(error);
  if (reason === null) {
    // Not something configuration fixes: the full report, as Node would print it.
    console.error(error);
  } else {
    console.error(`Expertpool cannot start: ${reason}`);
  }
  process.exit(1);
}

/*
 * Imported first by each entry point (server/index.ts, collab-server/main.ts), so it is in place
 * before the configuration is read: what fails while starting is told in one line, not as a stack.
 */
process.on('uncaughtException', onStartFailure);

/** The process is up: from here on a crash is a bug, reported with its stack. */
export function started(): void {
  process.off('uncaughtException', onStartFailure);
}
