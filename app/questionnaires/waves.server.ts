import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { WaveState } from '~/db/types';

/** Closes or reopens one of the questionnaire's waves; false when it is not the person's to change (RLS). */
export async function setWaveStatus(tx: Tx, questionnaireId: string, waveId: string, status: 'open' | 'closed') {
  const result = await tx
    .updateTable('questionnaire_waves')
    .set({ status })
    .where('id', '=', waveId)
    .where('questionnaire_id', '=', questionnaireId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The days a wave takes answers (end optional); the database refuses an end before the start. */
export async function setWaveDates(
  tx: Tx,
  questionnaireId: string,
  waveId: string,
  dates: { opensOn: string; closesOn: string | null },
) {
  const result = await tx
    .updateTable('questionnaire_waves')
    .set({ opens_on: dates.opensOn, closes_on: dates.closesOn })
    .where('id', '=', waveId)
    .where('questionnaire_id', '=', questionnaireId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface LinkState {
  state: WaveState;
  opens_on: string;
  closes_on: string | null;
  title_nl: string;
  title_en: string;
  title_ar: string;
}

/** What anyone holding a link may learn when it takes no answers: title, and closed or when it opens. */
export async function linkState(tx: Tx, token: string): Promise<LinkState | null> {
  const { rows } = await sql<LinkState>`
    select state, to_char(opens_on, 'YYYY-MM-DD') as opens_on, to_char(closes_on, 'YYYY-MM-DD') as closes_on,
      title_nl, title_en, title_ar
    from private.questionnaire_link_state(${token})`.execute(tx);
  return rows[0] ?? null;
}
