import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAuth, localAccounts } from '~/auth/local.server';
import { hashLinkToken } from '~/auth/tokens.server';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { giveConsent, listMyConsents, withdrawConsent } from '~/people/consents.server';
import {
  createInvitation,
  createSignupLink,
  inviteMany,
  listInvitations,
  listSignupLinks,
  resendInvitation,
  revokeInvitation,
} from '~/people/invitations.server';
import { acceptInvitation, joinByLink, openInvitation, openSignupLink } from '~/people/joining.server';
import { deleteMyData, exportMyData } from '~/people/my-data.server';
import { getMyProfile, getPhoto, saveProfile, savePhoto } from '~/people/profile.server';
import { profileFormValues, profileSchema } from '~/people/schema.server';
import { getPoolDiversity } from '~/pools/manage.server';
import { useAsAppDatabase } from './app-database';
import { freshDatabase } from './database';
import { worldOf, type Actor, type World } from './fixtures';
import { expectTranslated } from './translated';

let world: World;
let close: () => Promise<void>;
beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  // Joining and deletion run as the system on the app's database, as they do in a request.
  useAsAppDatabase(database);
});
afterAll(() => close());

const as = <T>(actor: Actor, work: Parameters<typeof runAs<T>>[2]) => runAs(world.database, world.claims(actor), work);
const system = <T>(work: Parameters<typeof runAsSystem<T>>[1]) => runAsSystem(world.database, work);
const peersSeenBy = (actor: Actor) =>
  as(actor, (tx) => tx.selectFrom('pool_peers').select(['user_id', 'languages']).execute());

describe('the profile', () => {
  it('saving replaces languages and themes and keeps the plain language list equal', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      displayName: 'Yonas T.',
      municipalityId: '',
      arrivalYear: '2016',
      contactPreference: 'whatsapp',
      route: 'none',
      phone: '',
    }))
      form.set(k, v);
    form.set('lang_ti', 'native');
    form.set('lang_nl', 'good');
    form.append('themes', 'work');
    form.append('themes', 'language');
    form.append('availability', 'tue_evening');
    const parsed = profileSchema.parse(profileFormValues(form));
    await as('memberA', (tx) => saveProfile(tx, world.ids.memberA, parsed));
    const profile = await as('memberA', (tx) => getMyProfile(tx, world.ids.memberA));
    expect(profile?.display_name).toBe('Yonas T.');
    expect(profile?.languages).toEqual([
      { language: 'nl', level: 'good' },
      { language: 'ti', level: 'native' },
    ]);
    expect(profile?.themes.sort()).toEqual(['language', 'work']);
    expect(profile?.availability).toEqual(['tue_evening']);
    const plain = await system((tx) =>
      tx.selectFrom('profiles').select('languages').where('id', '=', world.ids.memberA).executeTakeFirstOrThrow(),
    );
    expect(plain.languages.sort()).toEqual(['nl', 'ti']);
  });

  it('refuses a theme that is not one of the 14 indicators and a year in the future', () => {
    const form = new FormData();
    form.set('displayName', 'X');
    form.set('arrivalYear', '2999');
    form.append('themes', 'not a theme');
    const result = profileSchema.safeParse(profileFormValues(form));
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(['arrivalYear', 'themes']));
  });
});

describe('consent and what peers see', () => {
  it('a member appears to co-members once they allow it, and disappears at once on withdrawal', async () => {
    const amal = world.idOf('amal@demo.expertpool.nl');
    const seen = async () => (await peersSeenBy('memberA')).some((p) => p.user_id === amal);
    expect(await seen()).toBe(true);

    // Amal herself withdraws, through the same function her profile page calls.
    const asAmal = { sub: amal, email: 'amal@demo.expertpool.nl', role: 'authenticated' as const };
    const outcome = await runAs(world.database, asAmal, async (tx) => {
      const state = (await listMyConsents(tx, amal)).find((c) => c.purpose === 'profile_visible_to_members');
      return withdrawConsent(tx, amal, state!.current!.id);
    });
    expect(outcome).toBe('withdrawn');
    expect(await seen()).toBe(false);
  });

  it('an old withdrawal form sent again changes nothing, and an old profile form does not give consent back', async () => {
    expect(await as('memberA', (tx) => giveConsent(tx, world.ids.memberA, 'profile_visible_to_members'))).toBe('given');
    expect((await peersSeenBy('memberB')).length).toBeGreaterThan(0);
    expect((await peersSeenBy('coordinator')).some((p) => p.user_id === world.ids.memberA)).toBe(true);
    const seenByAmalsPool = async () =>
      (await as('coordinator', (tx) => tx.selectFrom('pool_peers').select(['user_id', 'languages']).execute())).find(
        (p) => p.user_id === world.ids.memberA,
      );
    expect((await seenByAmalsPool())?.languages?.length).toBeGreaterThan(0);

    const [state] = (await as('memberA', (tx) => listMyConsents(tx, world.ids.memberA))).filter(
      (c) => c.purpose === 'profile_visible_to_members',
    );
    const consentId = state!.current!.id;
    expect(await as('memberA', (tx) => withdrawConsent(tx, world.ids.memberA, consentId))).toBe('withdrawn');
    expect(await as('memberA', (tx) => withdrawConsent(tx, world.ids.memberA, consentId))).toBe('alreadyWithdrawn');

    // The profile form that was open before the withdrawal is sent now.
    const form = new FormData();
    form.set('displayName', 'Yonas');
    await as('memberA', (tx) => saveProfile(tx, world.ids.memberA, profileSchema.parse(profileFormValues(form))));
    const after = (await as('memberA', (tx) => listMyConsents(tx, world.ids.memberA))).find(
      (c) => c.purpose === 'profile_visible_to_members',
    );
    expect(after?.current).toBeNull();
    expect(after?.history).toHaveLength(1);
    expect(after?.history[0]?.withdrawn_at).not.toBeNull();
  });

  it('someone cannot withdraw another person’s consent by naming its record', async () => {
    const reza = await system((tx) =>
      tx
        .selectFrom('consents')
        .select('id')
        .where('user_id', '=', world.ids.memberB)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirstOrThrow(),
    );
    expect(await as('memberA', (tx) => withdrawConsent(tx, world.ids.memberA, reza.id))).toBe('alreadyWithdrawn');
    const still = await system((tx) =>
      tx.selectFrom('consents').select('withdrawn_at').where('id', '=', reza.id).executeTakeFirstOrThrow(),
    );
    expect(still.withdrawn_at).toBeNull();
  });

  it("a co-member's photo shows only while they allow their profile to be seen", async () => {
    const tesfay = world.idOf('tesfay@demo.expertpool.nl');
    await system((tx) =>
      savePhoto(tx, tesfay, 'image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1])),
    );
    expect(await as('memberA', (tx) => getPhoto(tx, tesfay))).toBeDefined();
    expect(await as('memberB', (tx) => getPhoto(tx, tesfay))).toBeUndefined();
    await system((tx) =>
      tx
        .updateTable('consents')
        .set({ withdrawn_at: new Date() })
        .where('user_id', '=', tesfay)
        .where('purpose', '=', 'profile_visible_to_members')
        .execute(),
    );
    expect(await as('memberA', (tx) => getPhoto(tx, tesfay))).toBeUndefined();
    expect(await as('coordinator', (tx) => getPhoto(tx, tesfay))).toBeDefined();
  });
});

describe('the diversity overview', () => {
  it('hides groups under five ("<5") and never shows an exact small number', async () => {
    const groups = await as('coordinator', (tx) => getPoolDiversity(tx, world.pools.alkmaar));
    const all = Object.entries(groups)
      .filter(([dimension]) => dimension !== 'summary')
      .flatMap(([, rows]) => rows);
    expect(all.length).toBeGreaterThan(0);
    for (const row of all) expect(row.hidden ? row.people === null : row.people! >= 5).toBe(true);
    expect(all.some((row) => row.hidden === 'too_few')).toBe(true);
    const members = await system((tx) =>
      tx
        .selectFrom('pool_memberships')
        .select('user_id')
        .where('pool_id', '=', world.pools.alkmaar)
        .where('role', '=', 'member')
        .execute(),
    );
    expect(groups.summary?.find((s) => s.bucket === 'members')?.people).toBe(members.length);
  });

  it('the municipality reader gets the same aggregates, a member none', async () => {
    const forReader = await as('reader', (tx) => getPoolDiversity(tx, world.pools.alkmaar));
    const forCoordinator = await as('coordinator', (tx) => getPoolDiversity(tx, world.pools.alkmaar));
    expect(forReader).toEqual(forCoordinator);
    expect(await as('memberA', (tx) => getPoolDiversity(tx, world.pools.alkmaar))).toEqual({});
  });
});

describe('invitations', () => {
  const invite = (emails: string[]) =>
    as('coordinator', (tx) =>
      inviteMany(tx, { emails, poolId: world.pools.alkmaar, role: 'member', invitedBy: world.ids.coordinator }),
    );

  it('invites new people once, and reports members and open invitations instead of inviting again', async () => {
    const first = await invite(['nieuw1@example.org', 'nieuw2@example.org']);
    expect(first.sent.map((s) => s.email)).toEqual(['nieuw1@example.org', 'nieuw2@example.org']);
    const second = await invite(['nieuw1@example.org', 'lid@demo.expertpool.nl', 'nieuw3@example.org']);
    expect(second.sent.map((s) => s.email)).toEqual(['nieuw3@example.org']);
    expect(second.duplicates).toEqual(['nieuw1@example.org']);
    expect(second.members).toEqual(['lid@demo.expertpool.nl']);
  });

  it('an expired invitation is replaced by a fresh one, and the old one reads as revoked', async () => {
    await invite(['verlopen@example.org']);
    await system((tx) =>
      tx
        .updateTable('invitations')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('email', '=', 'verlopen@example.org')
        .execute(),
    );
    let list = await as('coordinator', (tx) => listInvitations(tx, world.pools.alkmaar));
    expect(list.find((i) => i.email === 'verlopen@example.org')?.state).toBe('expired');
    expect((await invite(['verlopen@example.org'])).sent).toHaveLength(1);
    list = await as('coordinator', (tx) => listInvitations(tx, world.pools.alkmaar));
    expect(
      list
        .filter((i) => i.email === 'verlopen@example.org')
        .map((i) => i.state)
        .sort(),
    ).toEqual(['revoked', 'sent']);
  });

  it('goes from sent to opened to accepted, and a resent link replaces the old one', async () => {
    const [sent] = (await invite(['staat@example.org'])).sent;
    const resent = await as('coordinator', async (tx) => {
      const id = (await listInvitations(tx, world.pools.alkmaar)).find((i) => i.email === 'staat@example.org')!.id;
      return resendInvitation(tx, id);
    });
    expect(resent).not.toBeNull();
    expect((await openInvitation(localAccounts, sent!.token)).ok).toBe(false);
    expect((await openInvitation(localAccounts, resent!.token)).ok).toBe(true);
    const state = async () =>
      (await as('coordinator', (tx) => listInvitations(tx, world.pools.alkmaar))).find(
        (i) => i.email === 'staat@example.org',
      );
    expect((await state())?.state).toBe('opened');
    expect((await state())?.send_count).toBe(2);
    const accepted = await acceptInvitation(localAccounts, {
      token: resent!.token,
      displayName: 'Staat',
      password: 'een-lang-wachtwoord',
    });
    expect(accepted.ok).toBe(true);
    expect((await state())?.state).toBe('accepted');
  });

  it('a revoked invitation no longer works and cannot be revoked twice', async () => {
    const [sent] = (await invite(['ingetrokken@example.org'])).sent;
    const id = (await as('coordinator', (tx) => listInvitations(tx, world.pools.alkmaar))).find(
      (i) => i.email === 'ingetrokken@example.org',
    )!.id;
    expect(await as('coordinator', (tx) => revokeInvitation(tx, id))).toBe(true);
    expect(await as('coordinator', (tx) => revokeInvitation(tx, id))).toBe(false);
    expect(await openInvitation(localAccounts, sent!.token)).toEqual({ ok: false, problem: 'invitation_revoked' });
  });

  it('a member of the pool cannot see or revoke its invitations', async () => {
    expect(await as('memberA', (tx) => listInvitations(tx, world.pools.alkmaar))).toEqual([]);
  });
});

describe('accepting an invitation', () => {
  const invite = (email: string) =>
    as('coordinator', (tx) =>
      createInvitation(tx, { email, poolId: world.pools.alkmaar, role: 'member', invitedBy: world.ids.coordinator }),
    );

  it('an open invitation creates the account, profile and membership, once', async () => {
    const { token } = await invite('new.member@example.org');
    const opened = await openInvitation(localAccounts, token);
    expect(opened).toMatchObject({ ok: true, hasAccount: false });
    const accepted = await acceptInvitation(localAccounts, {
      token,
      displayName: 'Nieuw',
      password: 'a-long-password',
    });
    expect(accepted.ok).toBe(true);
    const membership = await system((tx) =>
      tx
        .selectFrom('pool_memberships')
        .select('role')
        .where('pool_id', '=', world.pools.alkmaar)
        .where('user_id', '=', accepted.ok ? accepted.user.id : '')
        .executeTakeFirst(),
    );
    expect(membership?.role).toBe('member');

    const again = await acceptInvitation(localAccounts, { token, displayName: 'Nieuw', password: 'a-long-password' });
    expect(again).toEqual({ ok: false, problem: 'invitation_used' });
    expectTranslated('errors.invitation_used');
  });

  it('someone who already has an account proves it with its password, and a wrong one changes nothing', async () => {
    const { token } = await invite('lid@demo.expertpool.nl');
    expect(await openInvitation(localAccounts, token)).toMatchObject({ ok: true, hasAccount: true });
    expect(await acceptInvitation(localAccounts, { token, displayName: 'Lid', password: 'not-the-password' })).toEqual({
      ok: false,
      problem: 'invalid_credentials',
    });
    const accepted = await acceptInvitation(localAccounts, { token, displayName: 'Lid', password: 'expertpool' });
    expect(accepted).toMatchObject({ ok: true, user: { id: world.ids.memberA, email: 'lid@demo.expertpool.nl' } });
  });

  it('an expired invitation is refused and creates nothing', async () => {
    const { token } = await invite('late@example.org');
    await system((tx) =>
      tx
        .updateTable('invitations')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('token_hash', '=', hashLinkToken(token))
        .execute(),
    );
    expect(await openInvitation(localAccounts, token)).toEqual({ ok: false, problem: 'invitation_expired' });
    expect(await acceptInvitation(localAccounts, { token, displayName: 'Laat', password: 'a-long-password' })).toEqual({
      ok: false,
      problem: 'invitation_expired',
    });
    const user = await system((tx) =>
      tx.selectFrom('auth.users').select('id').where('email', '=', 'late@example.org').executeTakeFirst(),
    );
    expect(user).toBeUndefined();
    expectTranslated('errors.invitation_expired');
  });

  it('an unknown token is refused', async () => {
    expect(await openInvitation(localAccounts, 'made-up')).toEqual({ ok: false, problem: 'invitation_unknown' });
  });

  it('a member cannot create invitations for their pool', async () => {
    await expect(
      as('memberA', (tx) =>
        createInvitation(tx, {
          email: 'x@example.org',
          poolId: world.pools.alkmaar,
          role: 'coordinator',
          invitedBy: world.ids.memberA,
        }),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('sign-up links', () => {
  const makeLink = async (maxUses: number, days = 7) => {
    await as('coordinator', (tx) =>
      createSignupLink(tx, { poolId: world.pools.twente, days, maxUses, createdBy: world.ids.coordinator }),
    );
    const links = await as('coordinator', (tx) => listSignupLinks(tx, world.pools.twente));
    return links[0]!;
  };

  it('lets people join until the link is used up, then says it is full', async () => {
    const link = await makeLink(2);
    for (const name of ['een', 'twee']) {
      const joined = await joinByLink(localAccounts, {
        token: link.token,
        email: `${name}@example.org`,
        displayName: name,
        password: 'een-lang-wachtwoord',
      });
      expect(joined.ok).toBe(true);
    }
    const third = await joinByLink(localAccounts, {
      token: link.token,
      email: 'drie@example.org',
      displayName: 'drie',
      password: 'een-lang-wachtwoord',
    });
    expect(third).toEqual({ ok: false, problem: 'link_full' });
    const [after] = await as('coordinator', (tx) => listSignupLinks(tx, world.pools.twente));
    expect(after).toMatchObject({ uses: 2, state: 'full' });
    const members = await system((tx) =>
      tx
        .selectFrom('pool_memberships')
        .innerJoin('profiles', 'profiles.id', 'pool_memberships.user_id')
        .select('display_name')
        .where('pool_id', '=', world.pools.twente)
        .where('display_name', 'in', ['een', 'twee', 'drie'])
        .execute(),
    );
    expect(members.map((m) => m.display_name).sort()).toEqual(['een', 'twee']);
  });

  it('refuses an expired link and an unknown one', async () => {
    const link = await makeLink(5);
    await system((tx) =>
      tx
        .updateTable('invitation_links')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', link.id)
        .execute(),
    );
    expect(await openSignupLink(link.token)).toEqual({ ok: false, problem: 'link_expired' });
    expect(await openSignupLink('no-such-link-token-000000')).toEqual({ ok: false, problem: 'link_unknown' });
  });
});

describe('my data', () => {
  it('the export holds the person’s own profile and consents and nobody else’s', async () => {
    const data = await as('memberB', (tx) =>
      exportMyData(tx, { id: world.ids.memberB, email: 'reza@demo.expertpool.nl' }),
    );
    expect(data.profile?.display_name).toBe('Reza');
    expect(data.consents.length).toBeGreaterThan(0);
    expect(data.memberships.map((m) => m.pool)).toEqual(['Expertpool Twente']);
    expect(JSON.stringify(data)).not.toContain('Yonas');
  });

  it('deletion clears personal data and keeps contributions under "Voormalig lid"', async () => {
    const auth = createLocalAuth(world.database);
    const hawa = world.idOf('hawa@demo.expertpool.nl');
    const poolId = world.pools.twente;
    await system((tx) =>
      tx.insertInto('advices').values({ pool_id: poolId, title: 'Een helpdesk met chat', created_by: hawa }).execute(),
    );
    await deleteMyData(localAccounts, { id: hawa, email: 'hawa@demo.expertpool.nl' }, 'Voormalig lid');
    const after = await system(async (tx) => ({
      profile: await tx.selectFrom('profiles').selectAll().where('id', '=', hawa).executeTakeFirstOrThrow(),
      languages: await tx.selectFrom('profile_languages').select('language').where('user_id', '=', hawa).execute(),
      memberships: await tx.selectFrom('pool_memberships').select('pool_id').where('user_id', '=', hawa).execute(),
      consentsInForce: await tx
        .selectFrom('consents')
        .select('id')
        .where('user_id', '=', hawa)
        .where('withdrawn_at', 'is', null)
        .execute(),
      account: await tx
        .selectFrom('auth.users')
        .select(['email', 'encrypted_password'])
        .where('id', '=', hawa)
        .executeTakeFirstOrThrow(),
      advice: await tx
        .selectFrom('advices')
        .innerJoin('profiles', 'profiles.id', 'advices.created_by')
        .select('profiles.display_name')
        .where('advices.title', '=', 'Een helpdesk met chat')
        .executeTakeFirstOrThrow(),
    }));
    expect(after.profile).toMatchObject({
      display_name: 'Voormalig lid',
      municipality_id: null,
      arrival_year: null,
      phone: null,
    });
    expect(after.profile.deleted_at).not.toBeNull();
    expect(after.languages).toEqual([]);
    expect(after.memberships).toEqual([]);
    expect(after.consentsInForce).toEqual([]);
    expect(after.account).toEqual({ email: null, encrypted_password: null });
    expect(after.advice.display_name).toBe('Voormalig lid');
    expect(await auth.verifyCredentials('hawa@demo.expertpool.nl', 'expertpool')).toBeNull();
  });
});
