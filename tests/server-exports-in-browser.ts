/**
 * In the browser build Remix replaces every `*.server.ts` module by an empty CommonJS module, and esbuild
 * does not complain when a component reads an export of it: the component gets `undefined` there while
 * the server rendered the real value, so the page renders other text after hydrating and React logs
 * hydration errors (the signals patterns page did, with "de laatste 12 maanden" becoming "de laatste
 * maanden"). Loaders and actions may import from server modules: Remix drops those uses from the client.
 * This reads the client build (public/build) for reads of such an empty module's exports and exits 1
 * naming them. Run after `remix build` (tests/run-all.sh does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const files = readdirSync('public/build', { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.js'))
  .map((name) => join('public/build', name));
if (files.length === 0) throw new Error('no client build in public/build: run `npx remix build` first');

const escape = (name: string) => name.replace(/\$/g, '\\$');
/** esbuild's minified CommonJS wrapper of an empty module: `X=w((a,b)=>{b.exports={}})`. */
const EMPTY_MODULE = /(?:var |,)([\w$]+)=[\w$]+\(\(([\w$]+),([\w$]+)\)=>\{\3\.exports=\{\}\}\)/g;

let emptyModules = 0;
const reads = new Set<string>();
for (const file of files) {
  const code = readFileSync(file, 'utf8');
  for (const [, wrapper] of code.matchAll(EMPTY_MODULE)) {
    emptyModules++;
    // `ns=toESM(wrapper(),1)`, then any `ns.name` is a read of the server module's export.
    for (const [, namespace] of code.matchAll(new RegExp(`([\\w$]+)=[\\w$]+\\(${escape(wrapper!)}\\(\\),1\\)`, 'g'))) {
      for (const [, name] of code.matchAll(
        new RegExp(`(?<![\\w$.])${escape(namespace!)}\\.([A-Za-z_$][\\w$]*)`, 'g'),
      )) {
        reads.add(`${file}: ${name}`);
      }
    }
  }
}
// The root and most routes import server modules for their loaders: finding none means esbuild writes
// its wrappers differently now, and this check would pass without looking.
if (emptyModules === 0) throw new Error('no empty server modules recognised in the client build: update EMPTY_MODULE');
if (reads.size > 0) {
  console.error(
    `Browser code reads exports of *.server.ts modules, which are empty there:\n  ${[...reads].join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `No browser code reads a *.server.ts export (${emptyModules} empty server modules in ${files.length} files).`,
);
