import { sql } from 'kysely';
import type { Database } from '~/db/connection.server';
import { runAsSystem } from '~/db/with-user.server';
import type { Mail } from '~/mail/mailer.server';
import type { User } from './user';
import { hashPassword, verifyPassword } from './password.server';
import { hashLinkToken, newLinkToken } from './tokens.server';

const RESET_TTL_MS = 60 * 60 * 1000;

export type InvitationProblem = 'invitation_unknown' | 'invitation_expired' | 'invitation_used' | 'invitation_revoked';
export type SignupLinkProblem = 'link_unknown' | 'link_expired' | 'link_full' | 'link_revoked';

/**
 * The built-in stand-in for Supabase Auth (GoTrue): it owns auth.users, so it runs as the system,
 * and like GoTrue it only ever answers about one account at a time.
 */
export function createLocalAuth(database: Database) {
  const system = <T>(work: Parameters<typeof runAsSystem<T>>[1]) => runAsSystem(database, work);

  return {
    async verifyCredentials(email: string, password: string): Promise<User | null> {
      const row = await system((tx) =>
        tx
          .selectFrom('auth.users')
          .select(['id', 'email', 'encrypted_password', 'banned_until'])
          .where('email', '=', email.trim().toLowerCase())
          .executeTakeFirst(),
      );
      const ok = await verifyPassword(password, row?.encrypted_password ?? null);
      if (!row || !ok || !row.email || (row.banned_until && row.banned_until > new Date())) return null;
      await system((tx) =>
        tx.updateTable('auth.users').set({ last_sign_in_at: new Date() }).where('id', '=', row.id).execute(),
      );
      return { id: row.id, email: row.email };
    },

    async createUser(email: string, password: string): Promise<User> {
      const normalised = email.trim().toLowerCase();
      const encrypted = await hashPassword(password);
      const row = await system((tx) =>
        tx
          .insertInto('auth.users')
          .values({ email: normalised, encrypted_password: encrypted, email_confirmed_at: new Date() })
          .returning(['id'])
          .executeTakeFirstOrThrow(),
      );
      return { id: row.id, email: normalised };
    },

    /** The invitation behind a link, if it can still be used; marks it opened. */
    async openInvitation(token: string) {
      return system(async (tx) => {
        const invitation = await tx
          .selectFrom('invitations')
          .leftJoin('pools', 'pools.id', 'invitations.pool_id')
          .select([
            'invitations.id',
            'invitations.email',
            'invitations.pool_id',
            'invitations.role',
            'invitations.expires_at',
            'invitations.accepted_at',
            'invitations.revoked_at',
            'pools.name as pool_name',
          ])
          .where('token_hash', '=', hashLinkToken(token))
          .executeTakeFirst();
        const problem = invitationProblem(invitation);
        if (problem || !invitation) return { ok: false as const, problem: problem ?? 'invitation_unknown' };
        await tx
          .updateTable('invitations')
          .set({ opened_at: sql`coalesce(opened_at, now())` })
          .where('id', '=', invitation.id)
          .execute();
        const existing = await tx
          .selectFrom('auth.users')
          .select('id')
          .where('email', '=', invitation.email)
          .executeTakeFirst();
        return { ok: true as const, invitation, hasAccount: Boolean(existing) };
      });
    },

    /**
     * Accepts an invitation: creates the account (or checks the password of an existing one),
     * the profile and the pool membership, all at once or not at all.
     */
    async acceptInvitation(input: { token: string; displayName: string; password: string }) {
      const encrypted = await hashPassword(input.password);
      return system(async (tx) => {
        const invitation = await tx
          .selectFrom('invitations')
          .selectAll()
          .where('token_hash', '=', hashLinkToken(input.token))
          .forUpdate()
          .executeTakeFirst();
        const problem = invitationProblem(invitation);
        if (problem || !invitation) return { ok: false as const, problem: problem ?? 'invitation_unknown' };

        let user = await tx
          .selectFrom('auth.users')
          .select(['id', 'encrypted_password'])
          .where('email', '=', invitation.email)
          .executeTakeFirst();
        if (user) {
          if (!(await verifyPassword(input.password, user.encrypted_password))) {
            return { ok: false as const, problem: 'invalid_credentials' as const };
          }
        } else {
          user = await tx
            .insertInto('auth.users')
            .values({ email: invitation.email, encrypted_password: encrypted, email_confirmed_at: new Date() })
            .returning(['id', 'encrypted_password'])
            .executeTakeFirstOrThrow();
        }
        await tx
          .insertInto('profiles')
          .values({ id: user.id, display_name: input.displayName })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        if (invitation.pool_id) {
          await tx
            .insertInto('pool_memberships')
            .values({ pool_id: invitation.pool_id, user_id: user.id, role: invitation.role })
            .onConflict((oc) => oc.columns(['pool_id', 'user_id']).doNothing())
            .execute();
        }
        await tx
          .updateTable('invitations')
          .set({ accepted_at: new Date(), accepted_by: user.id })
          .where('id', '=', invitation.id)
          .execute();
        return { ok: true as const, user: { id: user.id, email: invitation.email } satisfies User };
      });
    },

    /**
     * Deletes a person's personal data on their request, as GoTrue deletes a user, but keeps the
     * account row so their contributions (advice, cards) keep pointing at someone: the profile becomes
     * the given placeholder name ("former member"), everything personal is cleared or removed, every
     * membership and role that granted access goes, consents are withdrawn, and the account can no
     * longer sign in: its sessions end (trigger on auth.users), its links and feeds stop working.
     * tests/db/account-deletion.test.ts checks every table that holds rows of a person.
     */
    async deletePersonalData(userId: string, placeholderName: string) {
      await system(async (tx) => {
        await tx.deleteFrom('profile_photos').where('user_id', '=', userId).execute();
        await tx.deleteFrom('profile_languages').where('user_id', '=', userId).execute();
        await tx.deleteFrom('profile_themes').where('user_id', '=', userId).execute();
        await tx.deleteFrom('onboarding_steps').where('user_id', '=', userId).execute();
        await tx.deleteFrom('saved_searches').where('user_id', '=', userId).execute();
        await tx.deleteFrom('notifications').where('recipient_id', '=', userId).execute();
        await tx.deleteFrom('notification_preferences').where('user_id', '=', userId).execute();
        await tx.deleteFrom('pool_memberships').where('user_id', '=', userId).execute();
        await tx.deleteFrom('municipality_readers').where('user_id', '=', userId).execute();
        await tx.deleteFrom('organisation_members').where('user_id', '=', userId).execute();
        await tx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
        await tx.deleteFrom('auth.local_tokens').where('user_id', '=', userId).execute();
        // Sessions still to come lose the person's answer, and a place they held goes to the waiting
        // list; past ones keep their attendance (the pool's record of allowances paid).
        const upcoming = await tx
          .deleteFrom('session_invitees')
          .where('user_id', '=', userId)
          .where('session_id', 'in', (eb) => eb.selectFrom('sessions').select('id').where('starts_at', '>', new Date()))
          .returning('session_id')
          .execute();
        for (const { session_id } of upcoming) {
          await sql`select private.fill_session_places(${session_id}::uuid)`.execute(tx);
        }
        await tx
          .updateTable('calendar_feeds')
          .set({ revoked_at: new Date() })
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .execute();
        const account = await tx.selectFrom('auth.users').select('email').where('id', '=', userId).executeTakeFirst();
        if (account?.email) await tx.deleteFrom('invitations').where('email', '=', account.email).execute();
        await tx
          .updateTable('consents')
          .set({ withdrawn_at: new Date() })
          .where('user_id', '=', userId)
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
          .where('id', '=', userId)
          .execute();
        await tx
          .updateTable('auth.users')
          .set({ email: null, encrypted_password: null, banned_until: new Date('9999-12-31'), updated_at: new Date() })
          .where('id', '=', userId)
          .execute();
      });
    },

    /** The pool behind a shareable sign-up link, if the link can still be used. */
    async openSignupLink(token: string) {
      return system(async (tx) => {
        const link = await tx
          .selectFrom('invitation_links')
          .innerJoin('pools', 'pools.id', 'invitation_links.pool_id')
          .select([
            'invitation_links.expires_at',
            'invitation_links.uses',
            'invitation_links.max_uses',
            'invitation_links.revoked_at',
            'pools.name as pool_name',
          ])
          .where('token', '=', token)
          .executeTakeFirst();
        const problem = signupLinkProblem(link);
        return problem || !link
          ? { ok: false as const, problem: problem ?? 'link_unknown' }
          : { ok: true as const, pool: link.pool_name };
      });
    },

    /**
     * Joins a pool through a sign-up link: creates the account (or checks an existing account's
     * password), the profile and the membership, and counts the use, all at once or not at all.
     * The link's row is locked, so two people cannot both take its last place.
     */
    async joinByLink(input: { token: string; email: string; displayName: string; password: string }) {
      const encrypted = await hashPassword(input.password);
      return system(async (tx) => {
        const link = await tx
          .selectFrom('invitation_links')
          .select(['id', 'pool_id', 'expires_at', 'uses', 'max_uses', 'revoked_at'])
          .where('token', '=', input.token)
          .forUpdate()
          .executeTakeFirst();
        const problem = signupLinkProblem(link);
        if (problem || !link) return { ok: false as const, problem: problem ?? 'link_unknown' };
        const email = input.email.trim().toLowerCase();
        let user = await tx
          .selectFrom('auth.users')
          .select(['id', 'encrypted_password'])
          .where('email', '=', email)
          .executeTakeFirst();
        if (user) {
          if (!(await verifyPassword(input.password, user.encrypted_password))) {
            return { ok: false as const, problem: 'invalid_credentials' as const };
          }
        } else {
          user = await tx
            .insertInto('auth.users')
            .values({ email, encrypted_password: encrypted, email_confirmed_at: new Date() })
            .returning(['id', 'encrypted_password'])
            .executeTakeFirstOrThrow();
        }
        await tx
          .insertInto('profiles')
          .values({ id: user.id, display_name: input.displayName })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        await tx
          .insertInto('pool_memberships')
          .values({ pool_id: link.pool_id, user_id: user.id, role: 'member' })
          .onConflict((oc) => oc.columns(['pool_id', 'user_id']).doNothing())
          .execute();
        await tx
          .updateTable('invitation_links')
          .set({ uses: link.uses + 1 })
          .where('id', '=', link.id)
          .execute();
        return { ok: true as const, user: { id: user.id, email } satisfies User };
      });
    },

    /**
     * Queues a reset link for the address if an account can use one. Known and unknown addresses do
     * the same work — the token and the mail are made either way, and one statement looks the account
     * up, stores the token and queues the mail (or finds nothing) — so the answer's timing does not
     * say whether the address has an account. Returns the queued mail for delivery, or null.
     */
    async createPasswordReset(email: string, compose: (token: string) => Omit<Mail, 'to'>) {
      const { token, hash } = newLinkToken();
      const mail = compose(token);
      const { rows } = await system((tx) =>
        sql<{ id: string }>`
          with account as (
            select id, email from auth.users
            where email = ${email.trim().toLowerCase()}
              and encrypted_password is not null
              and (banned_until is null or banned_until <= now())
          ),
          token as (
            insert into auth.local_tokens (token_hash, user_id, purpose, expires_at)
            select ${hash}, id, 'password_reset', ${new Date(Date.now() + RESET_TTL_MS)} from account
          )
          insert into public.outbox (to_address, subject, body_text)
          select email, ${mail.subject}, ${mail.text} from account
          returning id`.execute(tx),
      );
      return rows[0] ? { token, outboxId: rows[0].id } : null;
    },

    async resetPassword(token: string, password: string): Promise<User | null> {
      const encrypted = await hashPassword(password);
      return system(async (tx) => {
        const used = await tx
          .updateTable('auth.local_tokens')
          .set({ used_at: new Date() })
          .where('token_hash', '=', hashLinkToken(token))
          .where('purpose', '=', 'password_reset')
          .where('used_at', 'is', null)
          .where('expires_at', '>', new Date())
          .returning('user_id')
          .executeTakeFirst();
        if (!used) return null;
        // A new password ends every session of the account (trigger on auth.users). A closed account
        // (deleted: no address, banned) stays closed, whatever link it still had.
        const user = await tx
          .updateTable('auth.users')
          .set({ encrypted_password: encrypted, updated_at: new Date() })
          .where('id', '=', used.user_id)
          .where('email', 'is not', null)
          .where((eb) => eb.or([eb('banned_until', 'is', null), eb('banned_until', '<=', new Date())]))
          .returning(['id', 'email'])
          .executeTakeFirst();
        return user?.email ? { id: user.id, email: user.email } : null;
      });
    },
  };
}

export type LocalAuth = ReturnType<typeof createLocalAuth>;

function invitationProblem(
  invitation: { expires_at: Date; accepted_at: Date | null; revoked_at: Date | null } | undefined,
): InvitationProblem | null {
  if (!invitation) return 'invitation_unknown';
  if (invitation.revoked_at) return 'invitation_revoked';
  if (invitation.accepted_at) return 'invitation_used';
  if (invitation.expires_at <= new Date()) return 'invitation_expired';
  return null;
}

function signupLinkProblem(
  link: { expires_at: Date; uses: number; max_uses: number; revoked_at: Date | null } | undefined,
): SignupLinkProblem | null {
  if (!link) return 'link_unknown';
  if (link.revoked_at) return 'link_revoked';
  if (link.expires_at <= new Date()) return 'link_expired';
  if (link.uses >= link.max_uses) return 'link_full';
  return null;
}
