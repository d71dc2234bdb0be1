import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHELL_TEXTS, TEXT_DOMAINS, type TextDomain } from '~/i18n/domains';

/**
 * A browser has only the texts of the domains a page's routes name (`export const handle = texts(…)`,
 * app/i18n/texts.ts). This reads the code the browser runs for each route (the route module and what it
 * imports from app/, without *.server.ts) and finds every string that starts like a key of a domain's
 * file: a route showing a key of a domain it does not name fails here, before a page shows the key. Keys
 * that come with the data (a form's error from the server) are not in that code: every-page.spec sees
 * those, as the console error the browser writes for a missing text.
 */
const app = path.resolve('app');
const routesDir = path.join(app, 'routes');

const domainOfKey = new Map<string, TextDomain>();
for (const domain of TEXT_DOMAINS) {
  const file = path.join(app, 'i18n/nl', `${domain}.json`);
  for (const key of Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)) domainOfKey.set(key, domain);
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith('~/')
    ? path.join(app, specifier.slice(2))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((file) => /\.tsx?$/.test(file) && existsSync(file)) ?? null;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]/g;
const KEY_LIKE = /['"`]([a-zA-Z]+)\.(?=[\w$'"`])/g;

/** The domains (beyond nothing) whose keys the browser's code of a module and its imports names, with where. */
function domainsUsed(entry: string): Map<TextDomain, string> {
  const used = new Map<TextDomain, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, head] of source.matchAll(KEY_LIKE)) {
      const domain = domainOfKey.get(head!);
      if (domain && !used.has(domain)) used.set(domain, `${path.relative(app, file)} ("${head}.…")`);
    }
    for (const [, from, bare] of source.matchAll(IMPORT)) {
      const resolved = resolveImport(file, (from ?? bare)!);
      if (resolved && !/\.server\.tsx?$/.test(resolved)) queue.push(resolved);
    }
  }
  return used;
}

const routeFiles = readdirSync(routesDir).filter((file) => /\.tsx?$/.test(file));
const routeId = (file: string) => file.replace(/\.tsx?$/, '');
const sourceOf = (id: string) => {
  const file = routeFiles.find((name) => routeId(name) === id);
  return file ? readFileSync(path.join(routesDir, file), 'utf8') : '';
};

function named(id: string): TextDomain[] {
  const call = /export const handle = texts\(([^)]*)\)/.exec(sourceOf(id));
  return call ? TEXT_DOMAINS.filter((domain) => call[1]!.includes(`'${domain}'`)) : [];
}

/** Layouts above a route in Remix's flat file names: `admin` above `admin.keywords` (not `pools.$id` above `pools.$id_.edit`). */
function parents(id: string): string[] {
  const ids = routeFiles.map(routeId);
  return ids.filter((other) => other !== id && !other.endsWith('_index') && id.startsWith(`${other}.`));
}

describe('texts a route shows', () => {
  it('the domains are the JSON files of a language, less the mails', () => {
    const files = readdirSync(path.join(app, 'i18n/nl'))
      .filter((file) => file.endsWith('.json') && file !== 'mail.json')
      .map((file) => file.replace('.json', ''));
    expect([...TEXT_DOMAINS].sort()).toEqual(files.sort());
  });

  it('the root (header, footer, error page) needs only the shell texts every page has', () => {
    const used = [...domainsUsed(path.join(app, 'root.tsx'))].filter(([domain]) => !SHELL_TEXTS.includes(domain));
    expect(used, 'keys used on every page belong in common.json').toEqual([]);
  });

  // Resource routes (no component) answer with data or a file, written on the server.
  const pages = routeFiles.filter((file) => sourceOf(routeId(file)).includes('export default'));

  it.each(pages)('%s names every domain of the keys its page shows', (file) => {
    const id = routeId(file);
    const available = new Set([...SHELL_TEXTS, ...named(id), ...parents(id).flatMap(named)]);
    const undeclared = [...domainsUsed(path.join(routesDir, file))]
      .filter(([domain]) => !available.has(domain))
      .map(([domain, where]) => `${domain}: ${where}`);
    expect(undeclared, `add the domain to the route's \`export const handle = texts(…)\``).toEqual([]);
  });

  it.each(routeFiles.filter((file) => named(routeId(file)).length > 0))(
    '%s loads its texts before a page reached by a link renders, and not while hydrating',
    (file) => {
      const source = sourceOf(routeId(file));
      expect(source).toContain('export const clientLoader = textsFirst(handle);');
      // With a clientLoader but no server loader, Remix would run the clientLoader while hydrating.
      expect(source).toMatch(/export (async )?function loader\b|export const loader =/);
    },
  );
});
