/**
 * The JavaScript a first visit to each page downloads, gzipped: the client entry plus every route module
 * of the page's route chain (root → … → route), each with the chunks it imports statically, from the
 * build manifest (public/build/manifest-*.js), plus the texts the entry loads before hydrating: the shell's
 * domains and those the chain's routes name in `handle` (app/i18n/texts.ts), in the page's heaviest
 * language. Other chunks loaded later by import() are not counted: that is how a chart library stays off
 * the pages that draw no chart. Prints a table; exits 1 when a page other than a board goes over the
 * budget. Run after `remix build` (tests/run-all.sh does).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { SHELL_TEXTS, TEXT_DOMAINS, type TextDomain } from '~/i18n/domains';
import { LOCALES, type Locale } from '~/i18n/locales';

const BUDGET_KB = 150;
/** Boards carry the live editor (tiptap, Yjs, ProseMirror): they have no budget here. */
const EXEMPT = /^routes\/boards\./;
interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
}

const publicDir = 'public';
const buildDir = join(publicDir, 'build');

function readManifest(): Manifest {
  const file = readdirSync(buildDir).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error(`no build manifest in ${buildDir}: run \`npx remix build\` first`);
  const text = readFileSync(join(buildDir, file), 'utf8');
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as Manifest;
}

const sourceOf = (url: string) => readFileSync(join(publicDir, url), 'utf8');
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"(\/build\/[^"]+\.js)"/g;
const DYNAMIC_IMPORT = /\bimport\(\s*"(\/build\/[^"]+\.js)"\s*\)/g;

const gzipped = new Map<string, number>();
function gzippedSize(url: string): number {
  let size = gzipped.get(url);
  if (size === undefined) {
    size = gzipSync(readFileSync(join(publicDir, url))).length;
    gzipped.set(url, size);
  }
  return size;
}

/** Every module reached by static imports from the given ones. */
function staticGraph(start: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const url = queue.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    for (const match of sourceOf(url).matchAll(STATIC_IMPORT)) queue.push(match[1]!);
  }
  return seen;
}

function routeChain(manifest: Manifest, id: string): ManifestRoute[] {
  const chain: ManifestRoute[] = [];
  for (let route = manifest.routes[id]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
    chain.unshift(route);
  }
  return chain;
}

/** A built module's exports, its imports of /build/… pointed at the files here. */
async function evaluated(url: string): Promise<unknown> {
  const base = pathToFileURL(join(process.cwd(), publicDir)).href;
  const source = sourceOf(url).replaceAll('"/build/', `"${base}/build/`);
  const module = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: unknown };
  return module.default;
}

/**
 * The texts' chunks (app/i18n/load-translation.ts imports them), by language and domain: each is a
 * module of data only, recognised by comparing it with the JSON files it was built from.
 */
async function textChunks(entry: string): Promise<Map<string, string>> {
  const sources = new Map<string, unknown>();
  for (const locale of LOCALES) {
    for (const domain of TEXT_DOMAINS) {
      sources.set(`${locale}/${domain}`, JSON.parse(readFileSync(`app/i18n/${locale}/${domain}.json`, 'utf8')));
    }
  }
  const found = new Map<string, string>();
  for (const url of staticGraph([entry])) {
    for (const match of sourceOf(url).matchAll(DYNAMIC_IMPORT)) {
      const chunk = match[1]!;
      const domain = /\/(\w+)-\w+\.js$/.exec(chunk)?.[1];
      if (!domain || !(TEXT_DOMAINS as readonly string[]).includes(domain)) continue;
      const data = await evaluated(chunk);
      const id = LOCALES.map((locale) => `${locale}/${domain}`).find((key) =>
        isDeepStrictEqual(sources.get(key), data),
      );
      if (id) found.set(id, chunk);
    }
  }
  const absent = [...sources.keys()].filter((id) => !found.has(id));
  if (absent.length > 0) throw new Error(`no chunk in the build for the texts ${absent.join(', ')}`);
  return found;
}

/** The domains a route's module names in `export const handle = texts(…)`. */
function namedTexts(id: string): TextDomain[] {
  const file = ['tsx', 'ts'].map((ext) => join('app', `${id}.${ext}`)).find((path) => existsSync(path));
  const call = file ? /export const handle = texts\(([^)]*)\)/.exec(readFileSync(file, 'utf8')) : null;
  return call ? (TEXT_DOMAINS.filter((domain) => call[1]!.includes(`'${domain}'`)) as TextDomain[]) : [];
}

const manifest = readManifest();
const texts = await textChunks(manifest.entry.module);
const textsKb = (locale: Locale, domains: Set<TextDomain>) =>
  [...domains].reduce((sum, domain) => sum + gzippedSize(texts.get(`${locale}/${domain}`)!), 0) / 1024;
const rows = Object.keys(manifest.routes)
  .filter((id) => id !== 'root')
  .map((id) => {
    const modules = [manifest.entry.module, ...manifest.entry.imports];
    const domains = new Set<TextDomain>(SHELL_TEXTS);
    for (const route of routeChain(manifest, id)) {
      modules.push(route.module, ...(route.imports ?? []));
      for (const domain of namedTexts(route.id)) domains.add(domain);
    }
    const code = [...staticGraph(modules)].reduce((sum, url) => sum + gzippedSize(url), 0) / 1024;
    const byLocale = Object.fromEntries(LOCALES.map((locale) => [locale, textsKb(locale, domains)])) as Record<
      Locale,
      number
    >;
    const heaviest = LOCALES.reduce((a, b) => (byLocale[b] > byLocale[a] ? b : a));
    return { id, kb: code + byLocale[heaviest], heaviest, byLocale, exempt: EXEMPT.test(id) };
  })
  .sort((a, b) => b.kb - a.kb);

const over = rows.filter((row) => !row.exempt && row.kb > BUDGET_KB);
console.log(`JavaScript of a first visit, gzipped (budget ${BUDGET_KB} KB, boards exempt), in KB:`);
console.log('the page in its heaviest language, and the texts alone of that language, of Dutch and of Arabic');
console.log('   page   texts (lang)  nl    ar   route');
for (const row of rows) {
  const mark = row.exempt ? ' (board)' : row.kb > BUDGET_KB ? ' OVER' : '';
  const kb = (value: number) => value.toFixed(1).padStart(5);
  console.log(
    `${kb(row.kb).padStart(7)}  ${kb(row.byLocale[row.heaviest])} (${row.heaviest}) ${kb(row.byLocale.nl)} ${kb(row.byLocale.ar)}  ${row.id}${mark}`,
  );
}
if (over.length > 0) {
  console.error(`${over.length} page(s) over the budget: ${over.map((row) => row.id).join(', ')}`);
  process.exit(1);
}
