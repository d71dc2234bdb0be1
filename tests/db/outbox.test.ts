import { beforeAll, describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { queueMail } from '~/mail/mailer.server';
import { seededAppWorld } from './app-database';
import { PEOPLE, type CoreActor } from './fixtures';
import { pageRequest, signInCookie } from './sign-in';

// Issue 16, item 1: in embedded mode (what `npm start` runs) /dev/outbox answered anyone, so a reset
// link requested for the admin's address could be read by a stranger.
const world = seededAppWorld();
beforeAll(() =>
  runAsSystem(world().database, (tx) =>
    queueMail(tx, { to: PEOPLE.admin, subject: 'Wachtwoord herstellen', text: 'http://localhost/reset-password/x' }),
  ),
);

async function openOutbox(actor: CoreActor) {
  const { loader } = await import('~/routes/dev.outbox');
  const cookie = actor === 'anon' ? undefined : await signInCookie(PEOPLE[actor]);
  try {
    const response = await loader({ request: pageRequest('/dev/outbox', cookie), params: {}, context: {} as never });
    return { status: response.status, mails: ((await response.json()) as { mails: { subject: string }[] }).mails };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, mails: [] };
    throw thrown;
  }
}

describe('the dev outbox', () => {
  it.each(['anon', 'memberA', 'memberB', 'coordinator', 'outsideCoordinator', 'reader'] as const)(
    '%s gets a 404, as if it did not exist',
    async (actor) => {
      expect(await openOutbox(actor)).toEqual({ status: 404, mails: [] });
    },
  );

  it('the admin reads it (and can follow invitation links locally)', async () => {
    const { status, mails } = await openOutbox('admin');
    expect(status).toBe(200);
    expect(mails).toContainEqual(expect.objectContaining({ subject: 'Wachtwoord herstellen' }));
  });
});
