import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface AppRoute {
  id: string;
  /** `/boards/:boardId/snapshots/:snapshotId`; the splat route is `/*`. */
  pattern: string;
  /** Index routes take their form posts at `?index`. */
  index: boolean;
  hasLoader: boolean;
  hasAction: boolean;
  /** Form field names and intent values its module (and the zod schemas it names) reads. */
  fields: string[];
  intents: string[];
  /** Query-string names its module reads by name. */
  queryNames: string[];
}

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  hasLoader: boolean;
  hasAction: boolean;
}

/** Every route of the production build, from the manifest `remix build` wrote for the browser. */
export function readManifestRoutes(): AppRoute[] {
  const file = readdirSync('public/build').find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error('no public/build/manifest-*.js: run `npx remix build` first');
  const source = readFileSync(path.join('public/build', file), 'utf8');
  const manifest = JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1)) as {
    routes: Record<string, ManifestRoute>;
  };
  const routes = manifest.routes;
  const fullPath = (route: ManifestRoute): string => {
    const parent = route.parentId ? routes[route.parentId] : undefined;
    const own = route.path ?? '';
    const base = parent ? fullPath(parent) : '';
    return own ? `${base}/${own}`.replace(/\/+/g, '/') : base;
  };
  const schemas = schemaKeys();
  return Object.values(routes)
    .filter((route) => route.id !== 'root')
    .map((route) => {
      const source = routeSource(route.id);
      const named = [...source.matchAll(/\b(\w+Schema)\b/g)].flatMap((m) => schemas.get(m[1]!) ?? []);
      return {
        id: route.id,
        pattern: fullPath(route) || '/',
        index: Boolean(route.index),
        hasLoader: route.hasLoader,
        hasAction: route.hasAction,
        fields: unique([
          ...literals(source, /\.get(?:All)?\(\s*[`'"]([\w:.-]+)[`'"]\s*\)/g),
          ...named.map((k) => k.key),
        ]),
        intents: unique([
          ...literals(source, /intent\s*===\s*'([\w-]+)'/g),
          ...literals(source, /\bcase\s+'([\w-]+)'\s*:/g),
          ...named.flatMap((k) => k.intents),
        ]),
        queryNames: literals(source, /searchParams\.get(?:All)?\(\s*'([\w-]+)'\s*\)/g),
      };
    });
}

function routeSource(id: string): string {
  const file = ['.tsx', '.ts'].map((ext) => `app/${id}${ext}`).find((candidate) => existsSync(candidate));
  return file ? readFileSync(file, 'utf8') : '';
}

const literals = (source: string, pattern: RegExp) => [...source.matchAll(pattern)].map((m) => m[1]!);
const unique = (values: string[]) => [...new Set(values)].sort();

/**
 * The keys of every `export const …Schema` in the domains' schema modules (top-level keys of its
 * objects) and the intents its discriminated unions name: what a form posted to a route that parses
 * with that schema may carry. A rough reading, and a superset is harmless here.
 */
function schemaKeys(): Map<string, { key: string; intents: string[] }[]> {
  const found = new Map<string, { key: string; intents: string[] }[]>();
  const files = readdirSync('app', { recursive: true, encoding: 'utf8' }).filter((f) =>
    /(^|\/)(schema|filters)\.ts$/.test(f),
  );
  for (const file of files) {
    const source = readFileSync(path.join('app', file), 'utf8');
    const starts = [...source.matchAll(/^export const (\w+Schema)\b/gm)];
    starts.forEach((start, i) => {
      const body = source.slice(start.index, starts[i + 1]?.index ?? source.length);
      const keys = literals(body, /^\s{2,6}(\w+):/gm);
      const intents = literals(body, /intent:\s*z\.literal\('([\w-]+)'\)/g);
      found.set(
        start[1]!,
        unique(keys).map((key) => ({ key, intents })),
      );
    });
  }
  return found;
}

/** Static segments win over dynamic ones (`/pools/new` before `/pools/:poolId`), the splat comes last. */
export function matcher(routes: AppRoute[]): (pathname: string) => AppRoute | undefined {
  const compiled = routes
    .filter((route) => route.hasLoader || route.hasAction)
    .map((route) => ({
      route,
      regex: new RegExp(
        `^${route.pattern
          .split('/')
          .map((segment) => (segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : escape(segment)))
          .join('/')}/?$`,
      ),
      rank:
        route.pattern === '/*'
          ? 1e6
          : route.pattern.split('/').filter((s) => s.startsWith(':')).length * 100 - route.pattern.length / 1000,
    }))
    .sort((a, b) => a.rank - b.rank);
  return (pathname) => compiled.find((c) => c.regex.test(pathname))?.route;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
