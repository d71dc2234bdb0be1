import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { DEMO } from './helpers';
import { inParallel, RoleClient, ServerWatch, type Failure } from './fuzz/client';
import {
  encode,
  encodeForm,
  HOSTILE,
  HOSTILE_FILE_NAMES,
  LONG_IN_URL,
  multipart,
  ONE_MEGABYTE,
  valuesFor,
  type UploadFile,
} from './fuzz/hostile';
import { pageFacts, type FoundField, type FoundForm } from './fuzz/page-facts';
import { matcher, readManifestRoutes, type AppRoute } from './fuzz/routes';
import { startFuzzServer } from './fuzz/server';
import { UNCHECKED_INPUT } from '~/db/refusals.server';

/**
 * The route fuzz test: every route of the built app, as anon and as each demo role, with hostile
 * values in every query parameter and form field it takes. It fails on any 5xx and on any answer
 * slower than a few seconds.
 *
 * What each route takes is found two ways. Mostly as a person's browser finds it: the test signs in
 * as each role and crawls the app from the home page and every route without parameters, reading the
 * links (query names, real ids for the dynamic segments) and the forms (fields, hidden values,
 * intents) of every kind of page. For what no page shows (fetch-driven endpoints, intents a page
 * renders only in some states), a static reading of each route module and the zod schemas it names
 * (`fuzz/routes.ts`). A crawl needs no list kept by hand and posts exactly what the app renders; the
 * static reading covers the rest. Every route of the manifest is requested by every role whatever
 * either reading found, and the test checks that at the end.
 *
 * The matrix is bounded, not cut: every route × role gets its real page, a made-up id and hostile
 * query values; the full set of values per query parameter is spread over the roles that can open
 * the page; each form field gets the values that can hurt its kind of field, from the role whose page
 * shows the form, and every other role replays the form.
 *
 * It runs against a server of its own (its own port and embedded database), because it changes and
 * deletes demo data as it goes.
 */

const ROLES: { role: string; email: string | null }[] = [
  { role: 'coordinator', email: DEMO.coordinator },
  { role: 'admin', email: DEMO.admin },
  { role: 'lid', email: DEMO.lid },
  { role: 'gemeente', email: DEMO.gemeente },
  { role: 'partner', email: 'aziz@demo.expertpool.nl' },
  { role: 'anon', email: null },
];

/** Requests in flight at once: enough to keep the server busy, few enough to leave the machine usable. */
const CONCURRENCY = 4;
/** Pages of one kind a role's crawl opens: two are enough to find its forms and a real id or two. */
const PAGES_PER_ROUTE = 2;
const FORM = 'application/x-www-form-urlencoded';

interface FoundPostForm {
  form: FoundForm;
  role: string;
  route: AppRoute;
}

test('no route answers hostile input with a server error or slowly', async ({ page, playwright }) => {
  test.setTimeout(20 * 60_000);
  const server = await startFuzzServer();
  const failures: Failure[] = [];
  const report = (failure: Failure) => failures.push(failure);
  const watch = new ServerWatch(server.baseUrl, report);
  const routes = readManifestRoutes();
  const routeOf = matcher(routes);
  const origin = new URL(server.baseUrl).origin;
  const clients = new Map<string, RoleClient>();
  const client = (role: string) => clients.get(role)!;
  let missing: string[] = [];

  /** Concrete paths per dynamic route, per role that found them. */
  const instances = new Map<string, Map<string, Set<string>>>();
  /** Query names per route (from links and GET forms), and all of them. */
  const queryNames = new Map<string, Set<string>>();
  const allQueryNames = new Set(routes.flatMap((r) => r.queryNames));
  /** Distinct post forms, each with the first role whose page showed it. */
  const forms = new Map<string, FoundPostForm>();

  const inApp = (url: string) => {
    const parsed = new URL(url, server.baseUrl);
    const route = parsed.origin === origin ? routeOf(parsed.pathname) : undefined;
    return route ? { url: parsed, route } : null;
  };

  function noteLink(role: string, link: string) {
    const found = inApp(link);
    if (!found) return;
    if (found.route.pattern.includes(':')) {
      const byRole = instances.get(found.route.id) ?? new Map<string, Set<string>>();
      instances.set(found.route.id, byRole.set(role, (byRole.get(role) ?? new Set()).add(found.url.pathname)));
    }
    for (const name of found.url.searchParams.keys()) noteQueryName(found.route, name);
  }

  function noteQueryName(route: AppRoute, name: string) {
    if (name === 'index') return;
    allQueryNames.add(name);
    queryNames.set(route.id, (queryNames.get(route.id) ?? new Set()).add(name));
  }

  function noteForm(role: string, form: FoundForm) {
    const found = inApp(form.action);
    if (!found) return;
    noteLink(role, form.action);
    if (form.method === 'get') {
      for (const field of form.fields) noteQueryName(found.route, field.name);
      return;
    }
    // Signing out comes last (see the end), or the role would crawl on as anon.
    if (found.route.id === 'routes/logout') return;
    const key = `${found.route.id}|${intentOf(form)}|${form.fields
      .map((f) => f.name)
      .sort()
      .join(',')}`;
    if (!forms.has(key)) forms.set(key, { form, role, route: found.route });
  }

  /** Opens pages as a role, breadth first, and notes their links and forms. */
  async function crawl(role: string, start: string[]) {
    const opened = new Map<string, number>();
    const seen = new Set<string>();
    let frontier = start;
    while (frontier.length > 0) {
      const batch = frontier.filter((link) => {
        const found = inApp(link);
        if (!found || seen.has(found.url.href) || found.route.id === 'routes/logout') return false;
        seen.add(found.url.href);
        const count = opened.get(found.route.id) ?? 0;
        opened.set(found.route.id, count + 1);
        return count < PAGES_PER_ROUTE;
      });
      frontier = [];
      await inParallel(batch, CONCURRENCY, async (url) => {
        const outcome = await client(role).send(url, { what: 'a page as linked', keepHtml: true });
        if (outcome?.location) frontier.push(new URL(outcome.location, url).href);
        if (!outcome?.html) return;
        const facts = await pageFacts(page, outcome.html, new URL(url, server.baseUrl).href);
        for (const link of facts.links) noteLink(role, link);
        frontier.push(...facts.links);
        for (const form of facts.forms) noteForm(role, form);
      });
    }
  }

  /** A hostile value in each field of a form (what can hurt that kind of field), the others as shown. */
  async function fuzzForm({ form, role }: FoundPostForm) {
    const defaults = sentEntries(form);
    const fields = postedFields(form);
    for (const field of fields) {
      for (const hostile of valuesFor(field)) {
        await client(role).send(form.action, {
          method: 'POST',
          contentType: FORM,
          body: encodeForm(replaced(defaults, field.name, hostile.value)),
          what: `${hostile.name} in ${field.name}`,
        });
      }
    }
    const long = fields.find((f) => f.kind === 'text') ?? fields[0];
    if (long) {
      await client(role).send(form.action, {
        method: 'POST',
        contentType: FORM,
        body: encodeForm(replaced(defaults, long.name, ONE_MEGABYTE.value)),
        what: `${ONE_MEGABYTE.name} in ${long.name}`,
      });
    }
  }

  try {
    for (const { role, email } of ROLES)
      clients.set(role, await RoleClient.open(playwright, watch, role, email, report));
    const staticPages = routes.filter((r) => r.hasLoader && !r.pattern.includes(':') && r.pattern !== '/*');

    await step('crawl the app as each role', async () => {
      for (const { role } of ROLES)
        await crawl(
          role,
          ['/', ...staticPages.map((r) => r.pattern)].map((p) => server.baseUrl + p),
        );
    });

    await step('GET every route as each role: its page, made-up ids, hostile query values', async () => {
      const names = [...allQueryNames];
      const pages = routes.filter((r) => r.hasLoader).map((route) => ({ route, real: realPath(route) }));
      // Every role opens every route as linked, with a made-up id, and with NUL in every parameter.
      const opens = new Map<string, string[]>();
      await inParallel(
        pages.flatMap(({ route, real }) => ROLES.map(({ role }) => ({ route, real: real(role), role }))),
        CONCURRENCY,
        async ({ route, real, role }) => {
          const baseline = await client(role).send(real, { what: 'a page as linked' });
          if (baseline?.status === 200) opens.set(route.id, [...(opens.get(route.id) ?? []), role]);
          await client(role).send(
            withQuery(
              real,
              names.map((n) => [n, HOSTILE[0]!.value]),
            ),
            {
              what: `${HOSTILE[0]!.name} in every query parameter`,
            },
          );
          for (const url of madeUp(route, role)) await client(role).send(url, { what: 'a made-up id' });
        },
      );
      // The other values, spread over the roles that can open the page (they reach its code).
      const jobs = pages.flatMap(({ route, real }) => {
        const roles = opens.get(route.id) ?? [];
        if (roles.length === 0) return [];
        const values = HOSTILE.slice(1).map((hostile, i) => {
          const role = roles[i % roles.length]!;
          return () =>
            client(role).send(
              withQuery(
                real(role),
                names.map((n) => [n, hostile.value]),
              ),
              {
                what: `${hostile.name} in every query parameter`,
              },
            );
        });
        // One at a time for the long value: all of them together would not fit in a request line.
        const own = new Set([...(queryNames.get(route.id) ?? []), ...route.queryNames]);
        const long = [...own].map(
          (name) => () =>
            client(roles[0]!).send(withQuery(real(roles[0]!), [[name, LONG_IN_URL.value]]), {
              what: `${LONG_IN_URL.name} in ${name}`,
            }),
        );
        return [...values, ...long];
      });
      await inParallel(jobs, CONCURRENCY, async (job) => void (await job()));
    });

    await step('POST every form with hostile values in each field, and replay it as every other role', async () => {
      const found = [...forms.values()].filter(({ form }) => !form.fields.some((f) => f.kind === 'file'));
      await inParallel(found, CONCURRENCY, fuzzForm);
      // Insiders: every role sends each form filled in as a person would (its owner too: the form's
      // own path to the database); the others also as it was shown to the owner, and with NUL everywhere.
      const replays = found.flatMap((f) => ROLES.map(({ role }) => ({ ...f, owner: f.role, role })));
      await inParallel(replays, CONCURRENCY, async ({ form, role, owner }) => {
        const post = (entries: [string, string][], what: string) =>
          client(role).send(form.action, { method: 'POST', contentType: FORM, body: encodeForm(entries), what });
        const name = intentOf(form) ? `the ${intentOf(form)} form` : 'the form';
        await post(filledEntries(form), `${name} filled in`);
        if (role === owner) return;
        await post(sentEntries(form), `${name} as shown to ${owner}`);
        await post(
          postedFields(form).map((f) => [f.name, HOSTILE[0]!.value]),
          `NUL in every field of ${name}`,
        );
      });
    });

    await step('POST what no page shows: the intents and fields route modules read', async () => {
      const shown = new Set([...forms.values()].map(({ route, form }) => `${route.id}|${intentOf(form)}`));
      const jobs = routes
        .filter((r) => r.hasAction)
        .flatMap((route) => {
          const intents = route.intents.filter((intent) => !shown.has(`${route.id}|${intent}`));
          if (intents.length === 0 && [...shown].some((key) => key.startsWith(`${route.id}|`))) return [];
          return (intents.length > 0 ? intents : [null]).flatMap((intent) =>
            ROLES.flatMap(({ role }) =>
              byName('NUL', 'not an id', 'negative', 'huge integer', 'odd unicode').map((hostile) => ({
                route,
                intent,
                role,
                hostile,
              })),
            ),
          );
        });
      await inParallel(jobs, CONCURRENCY, async ({ route, intent, role, hostile }) => {
        const entries = route.fields.filter((f) => f !== 'intent').map((f): [string, string] => [f, hostile.value]);
        if (intent) entries.push(['intent', intent]);
        await client(role).send(actionUrl(route, role), {
          method: 'POST',
          contentType: FORM,
          body: encodeForm(entries),
          what: `${hostile.name} in every field${intent ? ` of intent ${intent}` : ''}`,
        });
      });
    });

    await step(
      'POST to every action what is not a form: JSON, text, broken multipart, too large, nothing',
      async () => {
        const owners = new Map([...forms.values()].map((f) => [f.route.id, f]));
        const bodies = [
          { what: 'a JSON body', contentType: 'application/json', body: JSON.stringify({ intent: 'x', title: 'y' }) },
          { what: 'a broken multipart body', contentType: 'multipart/form-data; boundary=zzz', body: 'not multipart' },
          { what: 'a text body', contentType: 'text/plain', body: 'intent=x' },
          { what: 'no body and no type', contentType: undefined, body: undefined },
          { what: 'a 2 MiB form', contentType: FORM, body: `title=${'x'.repeat(2 * 1024 * 1024)}` },
        ];
        const jobs = routes
          .filter((r) => r.hasAction)
          .flatMap((route) =>
            ROLES.flatMap(({ role }, r) =>
              // A JSON body from everyone (the issue's example); the other kinds spread over the roles.
              bodies.filter((_, b) => b === 0 || b % ROLES.length === r).map((kind) => ({ route, role, kind })),
            ),
          );
        await inParallel(jobs, CONCURRENCY, async ({ route, role, kind }) => {
          await client(role).send(actionUrl(route, role), { method: 'POST', ...kind });
        });
        // The forms as multipart, as some browsers and scripts send them.
        await inParallel([...owners.values()], CONCURRENCY, async ({ form, role }) => {
          const { body, contentType } = multipart(sentEntries(form), []);
          await client(role).send(form.action, { method: 'POST', contentType, body, what: 'the form as multipart' });
        });
      },
    );

    await step('upload files with odd names and hostile contents', async () => {
      const uploads = [...forms.values()].filter(({ form }) => form.fields.some((f) => f.kind === 'file'));
      expect(uploads.length, 'the CSV import and the photo upload were found').toBeGreaterThanOrEqual(2);
      const rows = validImport(await csvTemplate());
      await inParallel(uploads, 1, async ({ form, role }) => {
        const field = form.fields.find((f) => f.kind === 'file')!.name;
        const send = (file: Omit<UploadFile, 'field'>, what: string) => {
          const { body, contentType } = multipart(sentEntries(form), [{ field, ...file }]);
          return client(role).send(form.action, { method: 'POST', contentType, body, what });
        };
        for (const fileName of HOSTILE_FILE_NAMES) {
          await send(
            { fileName, type: 'text/csv', content: Buffer.from(csv(rows)) },
            `a CSV named ${JSON.stringify(fileName)}`,
          );
          await send({ fileName, type: 'image/png', content: PNG }, `a photo named ${JSON.stringify(fileName)}`);
        }
        const contents: [string, Buffer][] = [
          ['NUL bytes', Buffer.from('kernindicator,periode,waarde\n\u0000,2025,1\u0000\n')],
          ['bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80, 0x2c, 0x0a])],
          ['3 MB', Buffer.alloc(3 * 1024 * 1024, 'a')],
          ['nothing', Buffer.alloc(0)],
          ...csvWithHostileCells(rows),
        ];
        for (const [what, content] of contents)
          await send({ fileName: 'cijfers.csv', type: 'text/csv', content }, `a file with ${what}`);
      });
    });

    await step('open and fuzz what the posts led to (a questionnaire started, a board made)', async () => {
      const known = new Set([...instances.values()].flatMap((byRole) => [...byRole.values()].flatMap((s) => [...s])));
      const before = new Set(forms.keys());
      for (const { role } of ROLES) {
        const led = client(role)
          .outcomes.filter((o) => o.method === 'POST' && o.location)
          .map((o) => new URL(o.location!, new URL(o.url, server.baseUrl)).href)
          .filter((href) => {
            const found = inApp(href);
            return found !== null && !known.has(found.url.pathname);
          });
        await crawl(role, [...new Set(led)].slice(0, 40));
      }
      await inParallel(
        [...forms.entries()]
          .filter(([key, f]) => !before.has(key) && !f.form.fields.some((x) => x.kind === 'file'))
          .map(([, f]) => f),
        CONCURRENCY,
        fuzzForm,
      );
    });

    await step('sign out as each role', async () => {
      for (const { role } of ROLES)
        await client(role).send('/logout', { method: 'POST', contentType: FORM, body: '', what: 'signing out' });
    });

    missing = routesNotRequested();
  } finally {
    for (const c of clients.values()) await c.dispose();
    await server.stop();
  }
  const lines = dedupe(failures).map((f) => `${f.role}: ${f.request} [${f.what}] ${f.problem}`);
  const log = server.errors();
  // A value the app let through to the database is answered 400 there, and logged: a gap all the same.
  const unchecked = log.filter((line) => line.includes(UNCHECKED_INPUT));
  expect([...lines, ...unchecked], `the server's error log:\n${log.join('\n')}`).toEqual([]);
  expect(missing, 'routes a role never requested').toEqual([]);

  // Every route of the manifest was requested by every role: a GET where it has a loader, a POST
  // where it has an action (a crash of the server would leave holes here, too).
  function routesNotRequested(): string[] {
    const asked = new Set(
      [...clients.values()].flatMap((c) =>
        c.outcomes.map((o) => `${c.role}|${o.method}|${inApp(o.url)?.route.id ?? ''}`),
      ),
    );
    return routes.flatMap((route) =>
      ROLES.flatMap(({ role }) => [
        ...(route.hasLoader && !asked.has(`${role}|GET|${route.id}`) ? [`${role} GET ${route.pattern}`] : []),
        ...(route.hasAction && !asked.has(`${role}|POST|${route.id}`) ? [`${role} POST ${route.pattern}`] : []),
      ]),
    );
  }

  /** A step of the run, logged with how many requests it sent and how they were answered. */
  async function step(title: string, body: () => Promise<void>) {
    const before = new Map([...clients.values()].map((c) => [c, c.outcomes.length]));
    const started = Date.now();
    await test.step(title, body);
    const sent = [...clients.values()].flatMap((c) => c.outcomes.slice(before.get(c)));
    const statuses = new Map<number, number>();
    for (const o of sent) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
    const answered = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`${title}: ${sent.length} requests in ${seconds} s (${answered.join(' ')})`);
  }

  /** A path of the route for a role: one its own pages linked to, else one another role found, else a made-up id. */
  function realPath(route: AppRoute) {
    return (role: string): string => {
      if (route.pattern === '/*') return '/no-such-page';
      if (!route.pattern.includes(':')) return route.pattern;
      const byRole = instances.get(route.id);
      const own = [...(byRole?.get(role) ?? [])][0];
      const any = [...(byRole?.values() ?? [])].flatMap((s) => [...s])[0];
      return own ?? any ?? route.pattern.replace(/:\w+/g, () => randomUUID());
    };
  }

  /** A random uuid for every role; a non-uuid and a NUL for two of them (the answer does not depend on who asks). */
  function madeUp(route: AppRoute, role: string): string[] {
    if (route.pattern === '/*') return [`/${encode('a\u0000b')}`];
    if (!route.pattern.includes(':')) return [];
    const fill = (value: string) => route.pattern.replace(/:\w+/g, value);
    return [
      fill(randomUUID()),
      ...(role === 'anon' || role === 'coordinator' ? [fill('not-a-uuid'), fill(encode('a\u0000b'))] : []),
    ];
  }

  function actionUrl(route: AppRoute, role: string): string {
    return `${realPath(route)(role)}${route.index ? '?index' : ''}`;
  }

  /** The CSV import's template as the municipality reader downloads it: real core indicators to put hostile values beside. */
  async function csvTemplate(): Promise<string> {
    const route = routes.find((r) => r.id === 'routes/monitoring.$municipalityId_.template[.]csv')!;
    return (
      (await client('gemeente').download(realPath(route)('gemeente'))) ?? 'core_indicator,period,value,unit,note\n'
    );
  }
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/**
 * An import file that would be accepted: the template's core indicators (its first column), each
 * with a period, a value, a unit and a note.
 */
function validImport(template: string): string[][] {
  const cores = template
    .split(/\r?\n/)
    .slice(1)
    .map((line) => /^(?:"((?:[^"]|"")*)"|([^,]*))/.exec(line)!)
    .map((match) => (match[1] ?? match[2] ?? '').replace(/""/g, '"'))
    .filter(Boolean);
  return [
    ['core_indicator', 'period', 'value', 'unit', 'note'],
    ...cores.map((core) => [core, '2019', '1', '%', 'fuzz']),
  ];
}

const csv = (rows: string[][]) =>
  rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n');

/** The valid file with each hostile value in each column of its first row, one file per pair. */
function csvWithHostileCells(rows: string[][]): [string, Buffer][] {
  const [header = [], first = [], ...rest] = rows;
  return header.flatMap((column, c) =>
    HOSTILE.map((hostile): [string, Buffer] => {
      const row = first.map((cell, i) => (i === c ? hostile.value : cell));
      return [`${hostile.name} in column ${column}`, Buffer.from(csv([header, row, ...rest]))];
    }),
  );
}

const byName = (...names: string[]) => HOSTILE.filter((h) => names.includes(h.name));

function intentOf(form: FoundForm): string {
  return (
    form.fields.find((f) => f.name === 'intent' && f.sent)?.value ??
    (form.submitter?.name === 'intent' ? form.submitter.value : '')
  );
}

/** What the form sends as it stands, the first named submit button included. */
function sentEntries(form: FoundForm): [string, string][] {
  const entries = form.fields
    .filter((f) => f.sent && f.kind !== 'file')
    .map((f): [string, string] => [f.name, f.value]);
  if (form.submitter && !entries.some(([name]) => name === form.submitter!.name)) {
    entries.push([form.submitter.name, form.submitter.value]);
  }
  return entries;
}

/** Plausible answers for the empty fields a person would fill in, so a post gets past validation. */
const FILLED: Record<string, string> = {
  date: '2026-06-15',
  'datetime-local': '2026-06-15T10:00',
  time: '10:00',
  month: '2026-06',
  number: '2',
  email: 'fuzz@example.org',
  url: 'https://example.org',
  tel: '+31 6 12345678',
  password: 'fuzz-password-2026',
};

function filledEntries(form: FoundForm): [string, string][] {
  return sentEntries(form).map(([name, value]) => {
    const field = form.fields.find((f) => f.name === name);
    if (value !== '' || !field || field.kind === 'hidden') return [name, value];
    return [name, FILLED[field.type] ?? (field.kind === 'text' ? `Fuzz ${name}` : value)];
  });
}

/** Each field a post of the form can carry, once (the submit button's name among them). */
function postedFields(form: FoundForm): FoundField[] {
  const fields = form.fields.filter((f) => f.kind !== 'file');
  if (form.submitter) fields.push({ ...form.submitter, kind: 'hidden', type: 'submit', sent: true });
  return [...new Map(fields.map((f) => [f.name, f])).values()];
}

function replaced(entries: [string, string][], name: string, value: string): [string, string][] {
  return [...entries.filter(([n]) => n !== name), [name, value]];
}

function withQuery(url: string, entries: [string, string][]): string {
  const [path] = url.split('?');
  return `${path}?${entries.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&')}`;
}

function dedupe(failures: Failure[]): Failure[] {
  return [...new Map(failures.map((f) => [`${f.role}|${f.request}|${f.what}|${f.problem}`, f])).values()];
}
