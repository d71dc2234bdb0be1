import { sql } from 'kysely';
import type { User } from '~/auth/user';
import { withUser, type Tx } from '~/db/db.server';
import { getQuestionnaire, myAnswers, waveByLink } from './queries.server';
import { getResumeKey, type ResumeKey } from './respondent.server';

/**
 * Everything a respondent's screen needs for a link: the open wave, its questionnaire and, when the
 * cookie holds a key the database accepts, the answers given so far. Null when the link is not open.
 */
export async function loadRespondentState(request: Request, user: User | null, token: string) {
  const key = await getResumeKey(request, token);
  return withUser(user, async (tx) => {
    const wave = await waveByLink(tx, token);
    if (!wave) return null;
    const questionnaire = await getQuestionnaire(tx, wave.questionnaire_id);
    if (!questionnaire) return null;
    const answers = key ? await myAnswers(tx, key.responseId, key.secret) : [];
    // A key whose response the database does not open any more (closed wave, other device) counts as none.
    const resumable: ResumeKey | null = key && (answers.length > 0 || (await keyOpens(tx, key))) ? key : null;
    return { wave, questionnaire, answers, key: resumable };
  });
}

async function keyOpens(tx: Tx, key: ResumeKey): Promise<boolean> {
  const { rows } = await sql<{ id: string | null }>`
    select (private.open_response(${key.responseId}, ${key.secret})).id as id`.execute(tx);
  return Boolean(rows[0]?.id);
}

/** The first question without an answer (1-based), or the last one when all are answered. */
export function nextStep(questionIds: string[], answered: Set<string>): number {
  const index = questionIds.findIndex((id) => !answered.has(id));
  return index === -1 ? Math.max(1, questionIds.length) : index + 1;
}
