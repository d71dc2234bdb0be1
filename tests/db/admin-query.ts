import pg from 'pg';

/** One statement on a Postgres server on its own connection (create or drop a database). */
export async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
