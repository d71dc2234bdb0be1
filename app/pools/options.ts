/** A pool's statuses and a member's onboarding steps: shared by the pages and their schemas. */

export const POOL_STATUSES = ['recruiting', 'active', 'temporary', 'ended', 'handed_over'] as const;

export const ONBOARDING_STEPS = ['intake', 'training_basics', 'training_advice', 'first_session'] as const;
