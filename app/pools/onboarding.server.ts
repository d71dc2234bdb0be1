import { sql, type NotNull } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { OnboardingStep } from '~/db/types';
import { ONBOARDING_STEPS } from './options';

const STUCK_AFTER_DAYS = 30;

/**
 * The pool's members with their checklist: recorded steps with dates, and "consent given" read from
 * the consents themselves (the 'contact' consent, without which nobody can be invited to anything).
 * Someone who joined more than 30 days ago and is not done is "stuck"; they come first.
 */
export async function getOnboarding(tx: Tx, poolId: string) {
  const [members, steps] = await Promise.all([
    tx
      .selectFrom('pool_member_directory')
      .select([
        'user_id',
        'display_name',
        'joined_at',
        sql<boolean>`private.has_consent(user_id, 'contact')`.as('consent'),
      ])
      .$narrowType<{ user_id: NotNull; display_name: NotNull; joined_at: NotNull }>() // a view's columns, never null
      .where('pool_id', '=', poolId)
      .where('role', '=', 'member')
      .orderBy('joined_at')
      .execute(),
    tx
      .selectFrom('onboarding_steps')
      .select(['user_id', 'step', sql<string>`to_char(done_on, 'YYYY-MM-DD')`.as('done_on')])
      .where('pool_id', '=', poolId)
      .execute(),
  ]);
  const stuckBefore = Date.now() - STUCK_AFTER_DAYS * 24 * 60 * 60 * 1000;
  const rows = members.map((member) => {
    const done = Object.fromEntries(
      steps.filter((s) => s.user_id === member.user_id).map((s) => [s.step, s.done_on]),
    ) as Partial<Record<OnboardingStep, string>>;
    const complete = member.consent && ONBOARDING_STEPS.every((step) => done[step]);
    return { ...member, done, complete, stuck: !complete && member.joined_at.getTime() < stuckBefore };
  });
  return rows.sort((a, b) => Number(b.stuck) - Number(a.stuck));
}

export async function recordStep(
  tx: Tx,
  input: { poolId: string; userId: string; step: OnboardingStep; doneOn: string; recordedBy: string },
) {
  await tx
    .insertInto('onboarding_steps')
    .values({
      pool_id: input.poolId,
      user_id: input.userId,
      step: input.step,
      done_on: input.doneOn,
      recorded_by: input.recordedBy,
    })
    .onConflict((oc) =>
      oc.columns(['pool_id', 'user_id', 'step']).doUpdateSet({ done_on: input.doneOn, recorded_by: input.recordedBy }),
    )
    .execute();
}

export async function undoStep(tx: Tx, input: { poolId: string; userId: string; step: OnboardingStep }) {
  await tx
    .deleteFrom('onboarding_steps')
    .where('pool_id', '=', input.poolId)
    .where('user_id', '=', input.userId)
    .where('step', '=', input.step)
    .execute();
}
