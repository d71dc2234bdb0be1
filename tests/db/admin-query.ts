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

/**
 * `create database name [template …]`. A template's last connection can still be ending on the server
 * just after its pool closed (55006 "being accessed by other users"), so that one error is tried again.
 */
export async function createDatabase(url: string, name: string, template?: string) {
  const statement = `create database ${name}${template ? ` template ${template}` : ''}`;
  for (let attempt = 1; ; attempt++) {
    try {
      return await adminQuery(url, statement);
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
