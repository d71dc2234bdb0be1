import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { GENERATED_TYPES_FILE, generateTypes } from '~/db/generate-types.server';
import { freshDatabase } from './database';

it('the committed table types are what the migrated schema gives', async () => {
  const database = await freshDatabase();
  try {
    const fromSchema = await generateTypes(database.db);
    const committed = await readFile(GENERATED_TYPES_FILE, 'utf8');
    expect(committed, 'app/db/types/database.generated.ts is out of date: run npm run db:types').toBe(fromSchema);
  } finally {
    await database.close();
  }
});
