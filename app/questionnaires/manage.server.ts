import { config } from '~/config.server';
import type { Tx } from '~/db/db.server';
import type { Locale } from '~/i18n/locales';
import { listIndicatorOptions } from '~/indicators/queries.server';
import { answeredQuestionIds } from './builder.server';
import { getQuestionnaire, listWaves, localise, openAnswers } from './queries.server';
import { listRespondentGroups } from './respondent-groups.server';
import { suggestNextWave, todayInAmsterdam } from './waves';

/**
 * Everything a questionnaire's manager sees on its page, in the reader's language: details to edit,
 * questions, waves with their links and the next one suggested, and the newest open answers.
 */
export async function loadQuestionnaireManagement(tx: Tx, id: string, locale: Locale) {
  const questionnaire = await getQuestionnaire(tx, id);
  if (!questionnaire) return 'notFound' as const;
  if (!questionnaire.manages) return 'forbidden' as const;
  const [waves, indicators, answers, answered, groups] = await Promise.all([
    listWaves(tx, id),
    listIndicatorOptions(tx, locale),
    openAnswers(tx, id, null),
    answeredQuestionIds(tx, id),
    listRespondentGroups(tx),
  ]);
  const questionText = new Map(questionnaire.questions.map((q) => [q.id, localise(q, 'text', locale)]));
  return {
    title: localise(questionnaire, 'title', locale),
    status: questionnaire.status,
    details: {
      titleNl: questionnaire.title_nl,
      titleEn: questionnaire.title_en,
      titleAr: questionnaire.title_ar,
      introNl: questionnaire.intro_nl,
      introEn: questionnaire.intro_en,
      introAr: questionnaire.intro_ar,
      repeatMonths: questionnaire.repeat_months ? String(questionnaire.repeat_months) : '',
    },
    repeatMonths: questionnaire.repeat_months,
    questions: questionnaire.questions.map((q) => ({
      id: q.id,
      position: q.position,
      kind: q.kind,
      indicator: q.indicator_code,
      text: questionText.get(q.id)!,
      answered: answered.has(q.id),
    })),
    waves: waves.map((w) => ({ ...w, link: `${config.appUrl}/q/${w.link_token}` })),
    nextWave: { ...suggestNextWave(waves, questionnaire.repeat_months, todayInAmsterdam()), number: waves.length + 1 },
    indicators,
    respondentGroups: groups,
    // Every wave asks the group the first one asked (migration 20261208200000).
    askedGroupId: waves[0]?.respondent_group_id ?? null,
    // The newest hundred are enough to act on; results carry the rest.
    answers: answers.slice(0, 100).map((a) => ({ ...a, question: questionText.get(a.question_id) ?? '' })),
  };
}
