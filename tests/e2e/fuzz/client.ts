import type { APIRequestContext, APIResponse, PlaywrightWorkerArgs } from '@playwright/test';

/** An answer slower than this is a failure: a person gives up, and a loop on bad input looks like this. */
export const SLOW_MS = 5_000;

export interface Outcome {
  role: string;
  method: string;
  url: string;
  what: string;
  status: number;
  ms: number;
  location: string | null;
  contentType: string;
  html: string;
}

export interface Failure {
  role: string;
  request: string;
  what: string;
  problem: string;
}

export interface SendOptions {
  method?: 'GET' | 'POST';
  /** A raw body, sent as given (so it can carry bytes URLSearchParams would fix). */
  body?: string | Buffer;
  contentType?: string;
  /** What was hostile about it, for the report. */
  what: string;
  /** Keep the HTML of a 200 page (the crawl reads its links and forms). */
  keepHtml?: boolean;
}

/**
 * Whether the server still answers. Once it does not (a request looping on its input takes the whole
 * process with it), nothing more is sent: every request would only wait out its timeout. The report
 * names the requests that were under way then; one of them did it.
 */
export class ServerWatch {
  stopped = false;
  readonly inFlight = new Set<string>();
  constructor(
    readonly baseUrl: string,
    private readonly report: (failure: Failure) => void,
  ) {}

  async stillAnswers(): Promise<boolean> {
    if (this.stopped) return false;
    const healthy = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(
      (response) => response.status < 500,
      () => false,
    );
    if (!healthy && !this.stopped) {
      this.stopped = true;
      for (const request of this.inFlight) {
        this.report({ ...JSON.parse(request), problem: 'under way when the server stopped answering' });
      }
    }
    return healthy;
  }
}

/** One demo role (or anon) with its own cookies, sending requests the way a browser or a script would. */
export class RoleClient {
  readonly outcomes: Outcome[] = [];
  constructor(
    readonly role: string,
    readonly email: string | null,
    private readonly context: APIRequestContext,
    private readonly watch: ServerWatch,
    private readonly report: (failure: Failure) => void,
  ) {}

  static async open(
    playwright: PlaywrightWorkerArgs['playwright'],
    watch: ServerWatch,
    role: string,
    email: string | null,
    report: (failure: Failure) => void,
  ): Promise<RoleClient> {
    const context = await playwright.request.newContext({
      baseURL: watch.baseUrl,
      // The app refuses cross-site posts; a person's browser sends its own origin.
      extraHTTPHeaders: { Origin: watch.baseUrl },
      maxRedirects: 0,
    });
    const client = new RoleClient(role, email, context, watch, report);
    await client.signIn();
    return client;
  }

  /** Signs in (again: a fuzzed form may have signed this role out); anon stays anon. */
  async signIn(): Promise<void> {
    if (!this.email || this.watch.stopped) return;
    const response = await this.context.post('/login', {
      form: { email: this.email, password: 'expertpool', redirectTo: '/' },
      failOnStatusCode: false,
    });
    if (response.status() !== 302) throw new Error(`${this.role} could not sign in: ${response.status()}`);
  }

  /**
   * Sends one request and reports a 5xx, a failed connection or a slow answer. A slow answer or a
   * dropped connection is tried once more first: on a machine shared with other work a pause of the
   * whole server (or a kept-alive socket closed under the request) is not this request's doing,
   * while work that grows with the input is just as slow the second time.
   */
  async send(url: string, options: SendOptions): Promise<Outcome | null> {
    if (this.watch.stopped) return null;
    const method = options.method ?? 'GET';
    const request = `${method} ${short(url)}`;
    const key = JSON.stringify({ role: this.role, request, what: options.what });
    this.watch.inFlight.add(key);
    try {
      const first = await this.attempt(url, options);
      const retry = first instanceof Error || first.ms > SLOW_MS;
      if (retry && !(await this.watch.stillAnswers())) return null;
      const again = retry ? await this.attempt(url, options) : first;
      return await this.judge(again, request, options);
    } finally {
      this.watch.inFlight.delete(key);
    }
  }

  private async judge(again: Outcome | Error, request: string, options: SendOptions): Promise<Outcome | null> {
    const fail = (problem: string) => this.report({ role: this.role, request, what: options.what, problem });
    if (again instanceof Error) {
      if (await this.watch.stillAnswers()) fail(again.message.split('\n')[0]!);
      return null;
    }
    this.outcomes.push({ ...again, html: '' });
    if (again.status >= 500) fail(`answered ${again.status}`);
    else if (again.ms > SLOW_MS) fail(`took ${again.ms} ms, twice`);
    if (this.email && again.location?.startsWith('/login')) {
      await this.signIn().catch((error: unknown) =>
        fail(`then signing in again failed: ${String(error).split('\n')[0]}`),
      );
    }
    return again;
  }

  private async attempt(url: string, options: SendOptions): Promise<Outcome | Error> {
    const method = options.method ?? 'GET';
    const started = performance.now();
    let response: APIResponse;
    try {
      response = await this.context.fetch(url, {
        method,
        data: options.body,
        headers: options.contentType ? { 'Content-Type': options.contentType } : undefined,
        failOnStatusCode: false,
        timeout: 30_000,
      });
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
    const outcome: Outcome = {
      role: this.role,
      method,
      url,
      what: options.what,
      status: response.status(),
      ms: Math.round(performance.now() - started),
      location: response.headers()['location'] ?? null,
      contentType: response.headers()['content-type'] ?? '',
      html: '',
    };
    if (options.keepHtml && outcome.status === 200 && outcome.contentType.startsWith('text/html')) {
      outcome.html = await response.text();
    }
    return outcome;
  }

  /** A file as this role downloads it (setting up a fuzz case, not one itself). */
  async download(url: string): Promise<string | null> {
    if (this.watch.stopped) return null;
    const response = await this.context.get(url, { failOnStatusCode: false, timeout: 30_000 }).catch(() => null);
    return response?.ok() ? response.text() : null;
  }

  dispose(): Promise<void> {
    return this.context.dispose();
  }
}

export const short = (url: string) => (url.length > 160 ? `${url.slice(0, 157)}...` : url);

/** Runs the tasks with a few in flight at once: the server has two cores, and so do the tests. */
export async function inParallel<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
