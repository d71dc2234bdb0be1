// PGlite in a worker thread (see connection.server.ts `openPgliteWorker`). Plain JavaScript so it loads
// the same under tsx, vitest and the built server. Its WebAssembly Postgres runs here, so a query or a
// batch write never blocks the event loop that serves HTTP requests and the collab WebSockets.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parse, PGlite, protocol } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

const port = parentPort;
if (!port) throw new Error('pglite-worker.mjs runs as a worker thread only');

/** Errors cross the thread as plain objects: message plus Postgres' fields (code, detail, constraint…). */
function serialiseError(error) {
  const plain = { name: 'Error', message: String(error) };
  if (error && typeof error === 'object') {
    plain.name = error.name ?? 'Error';
    plain.message = error.message ?? String(error);
    for (const [key, value] of Object.entries(error)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) plain[key] = value;
    }
  }
  return plain;
}

/**
 * Emscripten's NODEFS answers every lseek(fd, 0, SEEK_END) with a full fs.fstatSync, and Postgres asks
 * for a relation's size (each table and index) whenever it plans or scans: about 1 500 fstat calls per
 * page view, a fifth of this thread's time. In this thread only PGlite touches the files, so the last
 * answer per descriptor holds until a call that could change a file: those (every other synchronous
 * call but the read-only ones) empty the whole cache, which errs on the side of asking again.
 */
function cacheFstat(nodeFs) {
  const readOnly = new Set([
    'fstatSync',
    'readSync',
    'statSync',
    'lstatSync',
    'readdirSync',
    'existsSync',
    'accessSync',
    'readlinkSync',
    'realpathSync',
    'readFileSync',
    'opendirSync',
  ]);
  const known = new Map();
  const fstatSync = nodeFs.fstatSync;
  nodeFs.fstatSync = function (fd, ...rest) {
    if (rest.length > 0) return fstatSync.call(this, fd, ...rest);
    let stats = known.get(fd);
    if (!stats) known.set(fd, (stats = fstatSync.call(this, fd)));
    return stats;
  };
  for (const name of Object.keys(nodeFs)) {
    const original = nodeFs[name];
    if (!name.endsWith('Sync') || readOnly.has(name) || typeof original !== 'function') continue;
    nodeFs[name] = function (...args) {
      known.clear();
      return original.apply(this, args);
    };
  }
}

/**
 * Statements named the second time their text is sent, as a Postgres pool's are
 * (app/db/prepared-statements.server.ts): PGlite's `query` parses, describes and plans every statement
 * anew, through six calls into the WebAssembly (Sync included); a named one is bound and run in four.
 * Bounded like the pool's; a statement refused after a migration changed its columns is dropped from
 * here, and the transaction's second run (with-user.server.ts) prepares it again.
 */
const PREPARED = workerData.preparedPerConnection;
const texts = new Map();
let preparedCount = 0;
let nextName = 1;

const { serialize } = protocol;
const run = (message) => pglite.execProtocolStream(message, { syncToFs: false });

/** Messages until Sync: after an error Postgres skips to it, so it is always sent. */
async function untilSync(steps) {
  const messages = [];
  try {
    for (const step of steps) messages.push(...(await run(step())));
  } finally {
    messages.push(...(await run(serialize.sync())));
  }
  return messages;
}

/** One statement with its parameters, as `pglite.query` answers it. */
async function query(sql, params) {
  let statement = texts.get(sql);
  if (!statement) {
    if (texts.size >= 4 * PREPARED) {
      for (const [text, known] of texts) if (!known.name) texts.delete(text);
    }
    texts.set(sql, (statement = { uses: 0, name: null, types: null }));
  }
  statement.uses += 1;
  if (!statement.name && (statement.uses < 2 || preparedCount >= PREPARED)) return pglite.query(sql, params);
  return pglite._runExclusiveQuery(async () => {
    if (!statement.name) {
      const name = `named_${nextName++}`;
      const described = await untilSync([
        () => serialize.parse({ name, text: sql }),
        () => serialize.describe({ type: 'S', name }),
      ]);
      Object.assign(statement, { name, types: parse.parseDescribeStatementResults(described) });
      preparedCount += 1;
    }
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pglite.serializers[statement.types[i]];
      return serializer ? serializer(value) : value.toString();
    });
    try {
      const messages = await untilSync([
        () => serialize.bind({ statement: statement.name, values }),
        () => serialize.describe({ type: 'P' }),
        () => serialize.execute({}),
      ]);
      return parse.parseResults(messages, pglite.parsers)[0];
    } catch (error) {
      // isStalePlan (prepared-statements.server.ts), which this plain JavaScript file cannot import.
      if (error?.code === '0A000' && error?.routine === 'RevalidateCachedQuery') {
        texts.delete(sql);
        preparedCount -= 1;
      }
      throw error;
    }
  });
}

let pglite;
try {
  const { dataDir, loadDataDir } = workerData;
  if (dataDir) cacheFstat(fs);
  pglite = await PGlite.create(dataDir ? `file://${dataDir}` : undefined, {
    extensions: { pg_trgm, unaccent },
    loadDataDir: loadDataDir ? new Blob([fs.readFileSync(loadDataDir)]) : undefined,
  });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, error: serialiseError(error) });
}

port.on('message', async (request) => {
  const { id, op } = request;
  try {
    // `begin`: the statement opens a transaction (see `transaction` in connection.server.ts).
    if (request.begin) await pglite.exec('begin');
    if (op === 'query') {
      const result = await query(request.sql, request.params);
      const fields = result.fields.map(({ name, dataTypeID }) => ({ name, dataTypeID }));
      port.postMessage({ id, result: { rows: result.rows, affectedRows: result.affectedRows, fields } });
    } else if (op === 'exec') {
      await pglite.exec(request.sql);
      port.postMessage({ id, result: null });
    } else if (op === 'commit') {
      // Postgres answers a commit after a failed statement with a rollback; say so, as PGlite's own
      // transaction() does (SQLSTATE 25P02), so Kysely reports the transaction as not committed.
      const [result] = await pglite.exec('commit');
      if (result?.command === 'ROLLBACK') {
        throw Object.assign(new Error('Transaction was rolled back instead of committed'), {
          severity: 'ERROR',
          code: '25P02',
        });
      }
      port.postMessage({ id, result: null });
    } else if (op === 'listen') {
      // Delivered when the notifying transaction commits, whoever's statement it was.
      await pglite.listen(request.channel, (payload) =>
        port.postMessage({ notification: { channel: request.channel, payload } }),
      );
      port.postMessage({ id, result: null });
    } else if (op === 'close') {
      if (!pglite.closed) await pglite.close();
      port.postMessage({ id, result: null });
      port.close();
    } else {
      throw new Error(`unknown operation ${op}`);
    }
  } catch (error) {
    port.postMessage({ id, error: serialiseError(error) });
  }
});
