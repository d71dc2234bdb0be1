import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '~/db/types';
import { runAsSystem } from '~/db/with-user.server';
import { seededAppWorld } from './app-database';
import { PEOPLE } from './fixtures';
import { pageRequest, signInCookie } from './sign-in';

// Issue 17, item 4: each person chooses per kind how mail reaches them, on a page linked from the profile.
const world = seededAppWorld();

async function post(cookie: string, fields: Record<string, string>) {
  const { action } = await import('~/routes/notifications_.preferences');
  const request = new Request('http://localhost/notifications/preferences', {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return action({ request, params: {}, context: {} as never });
}

async function shown(cookie: string) {
  const { loader } = await import('~/routes/notifications_.preferences');
  const response = await loader({
    request: pageRequest('/notifications/preferences', cookie),
    params: {},
    context: {} as never,
  });
  return ((await response.json()) as { values: Record<string, string> }).values;
}

const all = (delivery: string) => Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, delivery]));

describe('choosing how notification mail arrives', () => {
  it('shows the defaults first: session kinds at once, the rest daily', async () => {
    const cookie = await signInCookie(PEOPLE.memberB);
    const values = await shown(cookie);
    expect(values.session_invited).toBe('immediately');
    expect(values.session_cancelled).toBe('immediately');
    expect(values.advice_published).toBe('daily');
    expect(Object.keys(values).sort()).toEqual([...NOTIFICATION_KINDS, 'timeZone'].sort());
    expect(values.timeZone).toBe('');
  });

  it('saves a choice per kind for the signed-in person only', async () => {
    const cookie = await signInCookie(PEOPLE.memberA);
    const response = await post(cookie, { ...all('weekly'), session_invited: 'off' });
    expect(response.status).toBe(302);
    const values = await shown(cookie);
    expect(values.session_invited).toBe('off');
    expect(values.advice_responded).toBe('weekly');
    const others = await runAsSystem(world().database, (tx) =>
      tx.selectFrom('notification_preferences').select('user_id').where('user_id', '!=', world().ids.memberA).execute(),
    );
    expect(others).toEqual([]);
  });

  it('refuses an unknown choice, a NUL byte or a missing kind with 400, keeping what was chosen', async () => {
    const cookie = await signInCookie(PEOPLE.coordinator);
    for (const bad of [
      { ...all('daily'), advice_published: 'sometimes' },
      { ...all('daily'), advice_published: 'off\u0000' },
      { ...all('daily'), advice_published: 'x'.repeat(100_000) },
    ]) {
      const { advice_published: _, ...kept } = bad;
      const response = await post(cookie, bad);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
      expect(body.errors).toEqual({ advice_published: 'notifications.preferences.invalid' });
      expect(body.values).toMatchObject(kept);
    }
    const { session_moved: _, ...missing } = all('daily');
    expect((await post(cookie, missing)).status).toBe(400);
    const stored = await runAsSystem(world().database, (tx) =>
      tx.selectFrom('notification_preferences').select('kind').where('user_id', '=', world().ids.coordinator).execute(),
    );
    expect(stored).toEqual([]);
  });

  it('saves the time zone of the digests; one the runtime does not know is a 400 with what was typed kept', async () => {
    const cookie = await signInCookie(PEOPLE.memberB);
    expect((await post(cookie, { ...all('daily'), timeZone: 'Asia/Kabul' })).status).toBe(302);
    expect((await shown(cookie)).timeZone).toBe('Asia/Kabul');
    for (const zone of ['Mars/Olympus_Mons', 'Europe/Amsterdam\u0000', 'x'.repeat(10_000)]) {
      const response = await post(cookie, { ...all('daily'), timeZone: zone });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
      expect(body.errors).toEqual({ timeZone: 'notifications.preferences.invalid' });
      expect(body.values.advice_published).toBe('daily');
    }
    expect((await shown(cookie)).timeZone).toBe('Asia/Kabul');
    expect((await post(cookie, { ...all('daily'), timeZone: '' })).status).toBe(302);
    expect((await shown(cookie)).timeZone).toBe('');
  });
});
