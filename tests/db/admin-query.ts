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
 * `create database name [template …]` on the server at `url`; returns the new database's URL. A
 * template's last connection can still be ending on the server just after its pool closed (55006
 * "being accessed by other users"), so that one error is tried again.
 */
export async function createDatabase(url: string, name: string, template?: string): Promise<string> {
  const statement = `create database ${name}${template ? ` template ${template}` : ''}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(url, statement);
      return Object.assign(new URL(url), { pathname: `/${name}` }).toString();
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
