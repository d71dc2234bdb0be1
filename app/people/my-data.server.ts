import { sql } from 'kysely';
import type { Accounts } from '~/auth/accounts.server';
import { asSystem, type Principal, type Tx } from '~/db/db.server';

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

/**
 * Deletes a person's personal data on their request, but keeps the account's id so their
 * contributions (advice, cards) keep pointing at someone: the profile becomes the given placeholder
 * name ("former member"), everything personal is cleared or removed, every membership and role that
 * granted access goes, consents are withdrawn, and the account is closed (it can never sign in again,
 * its sessions end, its links and feeds stop working). Runs as the system: it reaches rows the person
 * may not write themselves, such as their memberships and roles.
 * tests/db/account-deletion.test.ts checks every table that holds rows of a person.
 */
export async function deleteMyData(accounts: Accounts, user: Principal, placeholderName: string) {
  const closing = accounts.closeAccount(user.id);
  await asSystem(async (tx) => {
    await tx.deleteFrom('profile_photos').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('profile_languages').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('profile_themes').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('onboarding_steps').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('saved_searches').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('notifications').where('recipient_id', '=', user.id).execute();
    await tx.deleteFrom('notification_preferences').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('pool_memberships').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('municipality_readers').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('organisation_members').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('user_roles').where('user_id', '=', user.id).execute();
    // Sessions still to come lose the person's answer, and a place they held goes to the waiting
    // list; past ones keep their attendance (the pool's record of allowances paid).
    const upcoming = await tx
      .deleteFrom('session_invitees')
      .where('user_id', '=', user.id)
      .where('session_id', 'in', (eb) => eb.selectFrom('sessions').select('id').where('starts_at', '>', new Date()))
      .returning('session_id')
      .execute();
    for (const { session_id } of upcoming) {
      await sql`select private.fill_session_places(${session_id}::uuid)`.execute(tx);
    }
    await tx
      .updateTable('calendar_feeds')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute();
    await tx.deleteFrom('invitations').where('email', '=', user.email).execute();
    await tx
      .updateTable('consents')
      .set({ withdrawn_at: new Date() })
      .where('user_id', '=', user.id)
      .where('withdrawn_at', 'is', null)
      .execute();
    await tx
      .updateTable('profiles')
      .set({
        display_name: placeholderName,
        municipality_id: null,
        arrival_year: null,
        languages: [],
        phone: null,
        availability: [],
        contact_preference: null,
        route: null,
        deleted_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', user.id)
      .execute();
    await closing.inside(tx);
  });
  await closing.after();
}
