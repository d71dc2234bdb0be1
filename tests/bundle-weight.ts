/**
 * The JavaScript a first visit to each page downloads, gzipped: the client entry plus every route module
 * of the page's route chain (root → … → route), each with the chunks it imports statically, from the
 * build manifest (public/build/manifest-*.js). Chunks loaded later by import() are not counted: that is
 * how a chart library stays off the pages that draw no chart. Prints a table; exits 1 when a page other
 * than a board goes over the budget. Run after `remix build` (tests/run-all.sh does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
/** Boards carry the live editor (tiptap, Yjs, ProseMirror): they have no budget here. */
const EXEMPT = /^routes\/boards\./;
/**
 * Pages still over the budget because their route modules import zod schemas (about 26 KB: form
 * validation reaches the browser through schema.ts modules the actions use). They may not grow past
 * this ceiling until their validation moves to *.server.ts (docs/benchmarks/2026-12-05-js-weight.md).
 */
const PENDING_CEILING_KB = 190;
const PENDING = new Set(
  `_index admin admin.keywords admin_.benchmarks admin_.indicators admin_.mail advice.$adviceId.versions rsvp.$token
  sessions._index monitoring.$municipalityId_.import admin_.organisations.$organisationId advice.$adviceId._index
  advice.$adviceId.edit advice._index advice.new advice.report ask._index ask.status forgot-password goals
  invite.$token join.$token login monitoring.$municipalityId monitoring.$municipalityId_.print notifications
  notifications_.preferences people._index pools.$poolId pools.$poolId_.boards pools.$poolId_.edit
  pools.$poolId_.handover pools.$poolId_.invitations pools.$poolId_.onboarding pools.$poolId_.sessions.new
  pools.new profile profile_.delete q.$token.$step q.$token._index questionnaires.$questionnaireId._index
  questionnaires.$questionnaireId.questions.$questionId questionnaires.$questionnaireId.results questionnaires._index
  reset-password.$token reset-password._index sessions.$sessionId sessions.$sessionId_.edit sessions.calendar signals.$signalId
  signals._index signals.new signals.patterns`
    .split(/\s+/)
    .map((id) => `routes/${id}`),
);
/* _index is over by a few hundred bytes of date-fns (its session times); admin_.mail and
   reset-password.$token reset-password._index came with the Supabase work and carry zod like the rest. */
/** pools.$poolId_.boards lists boards with the board module's helpers: the heaviest pending page. */
const CEILING: Record<string, number> = { 'routes/pools.$poolId_.boards': 215 };

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

/**
 * The interface language is a chunk the client entry imports before hydrating: every first visit
 * downloads one, so each page counts the largest of them (with what it imports).
 */
function largestLanguageChunk(entry: string): Set<string> {
  const chunks = [...sourceOf(entry).matchAll(DYNAMIC_IMPORT)].map((match) => staticGraph([match[1]!]));
  const weight = (graph: Set<string>) => [...graph].reduce((sum, url) => sum + gzippedSize(url), 0);
  return chunks.sort((a, b) => weight(b) - weight(a))[0] ?? new Set();
}

const manifest = readManifest();
const language = largestLanguageChunk(manifest.entry.module);
const rows = Object.keys(manifest.routes)
  .filter((id) => id !== 'root')
  .map((id) => {
    const modules = [manifest.entry.module, ...manifest.entry.imports];
    for (const route of routeChain(manifest, id)) modules.push(route.module, ...(route.imports ?? []));
    const bytes = [...new Set([...staticGraph(modules), ...language])].reduce((sum, url) => sum + gzippedSize(url), 0);
    return { id, kb: bytes / 1024, exempt: EXEMPT.test(id) };
  })
  .sort((a, b) => b.kb - a.kb);

const ceilingOf = (id: string) => CEILING[id] ?? (PENDING.has(id) ? PENDING_CEILING_KB : BUDGET_KB);
const over = rows.filter((row) => !row.exempt && row.kb > ceilingOf(row.id));
console.log(`JavaScript of a first visit, gzipped (budget ${BUDGET_KB} KB, boards exempt, * = pending zod removal)`);
console.log('  KB    route');
for (const row of rows) {
  const mark = row.exempt ? ' (board)' : row.kb > ceilingOf(row.id) ? ' OVER' : PENDING.has(row.id) ? ' *' : '';
  console.log(`${row.kb.toFixed(1).padStart(6)}  ${row.id}${mark}`);
}
const done = rows.filter((row) => PENDING.has(row.id) && row.kb <= BUDGET_KB).map((row) => row.id);
if (done.length > 0) console.log(`Within the budget now, take off the pending list: ${done.join(', ')}`);
if (over.length > 0) {
  console.error(`${over.length} page(s) over their ceiling: ${over.map((row) => row.id).join(', ')}`);
  process.exit(1);
}
