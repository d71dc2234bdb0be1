import type { Principal, Tx } from '~/db/db.server';

/**
 * Everything stored about the person that they can read (RLS decides, as for any other read):
 * account, profile, languages, themes, photo, consents with history, pools and onboarding.
 */
export async function exportMyData(tx: Tx, user: Principal) {
  const [profile, languages, themes, photo, consents, memberships, onboarding] = await Promise.all([
    tx.selectFrom('profiles').selectAll().where('id', '=', user.id).executeTakeFirst(),
    tx.selectFrom('profile_languages').select(['language', 'level']).where('user_id', '=', user.id).execute(),
    tx.selectFrom('profile_themes').select('indicator_code').where('user_id', '=', user.id).execute(),
    tx
      .selectFrom('profile_photos')
      .select(['content_type', 'data', 'updated_at'])
      .where('user_id', '=', user.id)
      .executeTakeFirst(),
    tx
      .selectFrom('consents')
      .select(['purpose', 'given_at', 'withdrawn_at'])
      .where('user_id', '=', user.id)
      .orderBy('given_at')
      .execute(),
    tx
      .selectFrom('pool_memberships')
      .innerJoin('pools', 'pools.id', 'pool_memberships.pool_id')
      .select(['pools.name as pool', 'pool_memberships.role', 'pool_memberships.joined_at'])
      .where('pool_memberships.user_id', '=', user.id)
      .execute(),
    tx
      .selectFrom('onboarding_steps')
      .innerJoin('pools', 'pools.id', 'onboarding_steps.pool_id')
      .select(['pools.name as pool', 'onboarding_steps.step', 'onboarding_steps.done_on'])
      .where('onboarding_steps.user_id', '=', user.id)
      .execute(),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: { id: user.id, email: user.email },
    profile,
    languages,
    themes: themes.map((t) => t.indicator_code),
    photo: photo
      ? {
          contentType: photo.content_type,
          updatedAt: photo.updated_at,
          base64: Buffer.from(photo.data).toString('base64'),
        }
      : null,
    consents,
    memberships,
    onboarding,
  };
}
