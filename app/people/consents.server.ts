import type { Tx } from '~/db/db.server';
import type { ConsentPurpose } from '~/db/types';
import { CONSENT_PURPOSES } from './schema.server';

/** Per purpose: the consent in force (if any) and the history, newest first. */
export async function listMyConsents(tx: Tx, userId: string) {
  const rows = await tx
    .selectFrom('consents')
    .select(['id', 'purpose', 'given_at', 'withdrawn_at'])
    .where('user_id', '=', userId)
    .orderBy('given_at', 'desc')
    .execute();
  return CONSENT_PURPOSES.map((purpose) => {
    const history = rows.filter((r) => r.purpose === purpose);
    return { purpose, current: history.find((r) => r.withdrawn_at === null) ?? null, history };
  });
}

export type ConsentOutcome = 'given' | 'alreadyGiven' | 'withdrawn' | 'alreadyWithdrawn';

export async function giveConsent(tx: Tx, userId: string, purpose: ConsentPurpose): Promise<ConsentOutcome> {
  // The partial unique index allows one consent in force per purpose; a repeat changes nothing.
  const inserted = await tx
    .insertInto('consents')
    .values({ user_id: userId, purpose })
    .onConflict((oc) => oc.columns(['user_id', 'purpose']).where('withdrawn_at', 'is', null).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? 'given' : 'alreadyGiven';
}

/** Withdraws the named consent record, at once; an already withdrawn one stays as it was. */
export async function withdrawConsent(tx: Tx, userId: string, consentId: string): Promise<ConsentOutcome> {
  const result = await tx
    .updateTable('consents')
    .set({ withdrawn_at: new Date() })
    .where('id', '=', consentId)
    .where('user_id', '=', userId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? 'withdrawn' : 'alreadyWithdrawn';
}
