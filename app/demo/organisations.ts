import type { Tx } from '~/db/db.server';
import { PARTNER_ORGANISATION, PARTNER_WORKER } from './signals';

/**
 * The partner organisation's worker is also its own admin, so the demo shows a partner adding and
 * removing colleagues without a platform admin. Idempotent: it only sets the role.
 */
export async function seedOrganisations(tx: Tx): Promise<void> {
  const organisation = await tx
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', PARTNER_ORGANISATION)
    .executeTakeFirst();
  const worker = await tx.selectFrom('auth.users').select('id').where('email', '=', PARTNER_WORKER).executeTakeFirst();
  if (!organisation || !worker) return;
  await tx
    .updateTable('organisation_members')
    .set({ role: 'admin' })
    .where('organisation_id', '=', organisation.id)
    .where('user_id', '=', worker.id)
    .execute();
}
