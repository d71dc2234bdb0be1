import { isolated } from '~/bidi';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { config } from '~/config.server';
import { runDueJobsAsSystem } from '~/jobs/runner.server';
import { createMailer } from '~/mail/mailer.server';
import { readAnswerToken } from '~/sessions/answer-tokens.server';
import { answerSession, cancelSession, editSession, planSessions } from '~/sessions/queries.server';
import { editSessionSchema, planSessionSchema } from '~/sessions/schema.server';
import { jobHandlers } from '../../server/job-handlers';
import { startTestSmtp, type TestSmtp } from '../smtp';
import { freshDatabase } from './database';
import { worldOf, type World } from './fixtures';

// The mail of a session invitation, change and cancellation: answer links and a calendar object
// (RFC 5545/5546) that calendar apps add, update in place and remove.
let world: World;
let close: () => Promise<void>;

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
});
afterAll(() => close());

const MEMBER = 'lid@demo.expertpool.nl';
const coordinator = <T>(work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims('coordinator'), work);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const runJobs = (smtpUrl?: string) =>
  runDueJobsAsSystem(world.database, createMailer(world.database, smtpUrl, config.mailFrom), jobHandlers);

async function plan(title: string) {
  const input = planSessionSchema.parse({
    title,
    date: inDays(10),
    startTime: '19:00',
    endTime: '21:00',
    onlineUrl: 'https://meet.example.org/x',
  });
  const [id] = await coordinator((tx) =>
    planSessions(tx, { poolId: world.pools.alkmaar, createdBy: world.ids.coordinator, input }),
  );
  return id!;
}

/** The member's mail whose subject starts so, with its calendar parsed back by ical.js. */
async function mailTo(to: string, subject: string) {
  const mail = await runAsSystem(world.database, (tx) =>
    tx
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', to)
      .where('subject', '=', subject)
      .executeTakeFirstOrThrow(),
  );
  const calendar = new ICAL.Component(ICAL.parse(mail.calendar!));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { mail, calendar, vevent, event: new ICAL.Event(vevent) };
}

const answerLinks = (text: string) => [...text.matchAll(/^(.+): (https?:\/\/\S+\/rsvp\/(\S+))$/gm)];

describe('the invitation mail', () => {
  it('has three answer links for this person and session, and a calendar invitation (REQUEST) that parses', async () => {
    const id = await plan('Uitnodigingsmail');
    await runJobs();
    const { mail, calendar, vevent, event } = await mailTo(MEMBER, `Uitnodiging: ${isolated('Uitnodigingsmail')}`);

    const links = answerLinks(mail.body_text);
    expect(links.map((l) => l[1])).toEqual(['Ja, ik kom', 'Misschien', 'Nee']);
    const starts = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('sessions').select('starts_at').where('id', '=', id).executeTakeFirstOrThrow(),
    );
    expect(links.map((l) => readAnswerToken(l[3]!))).toEqual(
      (['yes', 'maybe', 'no'] as const).map((answer) => ({
        ok: true,
        personId: world.ids.memberA,
        sessionId: id,
        answer,
      })),
    );
    // A link works until the session stops taking answers (no deadline: its start), not a second longer.
    expect(readAnswerToken(links[0]![3]!, new Date(starts.starts_at.getTime() - 1000)).ok).toBe(true);
    expect(readAnswerToken(links[0]![3]!, new Date(starts.starts_at.getTime() + 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    // The HTML part shows them as buttons, each with its own link.
    for (const link of links) expect(mail.body_html).toContain(`href="${link[2]}"`);

    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe(`${id}@expertpool`);
    expect(event.sequence).toBe(1);
    expect(event.summary).toBe('Uitnodigingsmail (Expertpool Regio Alkmaar)');
    expect(event.startDate.toJSDate()).toEqual(starts.starts_at);
    const organizer = vevent.getFirstProperty('organizer')!;
    // The app's own sender address (MAIL_FROM): no member's or coordinator's address is handed out.
    expect(organizer.getFirstValue()).toBe(`mailto:${/<(.+)>/.exec(config.mailFrom)![1]}`);
    expect(organizer.getParameter('cn')).toBe('Expertpool Regio Alkmaar');
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees.map((a) => a.getFirstValue())).toEqual([`MAILTO:${MEMBER}`]);
    expect(attendees[0]!.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendees[0]!.getParameter('rsvp')).toBe('FALSE');
  });

  it('a move sends the same UID with SEQUENCE one higher (REQUEST); a cancellation sends METHOD:CANCEL', async () => {
    const id = await plan('Agendawijziging');
    await runJobs();
    const invited = await mailTo(MEMBER, `Uitnodiging: ${isolated('Agendawijziging')}`);
    const edit = editSessionSchema.parse({
      title: 'Agendawijziging',
      date: inDays(11),
      startTime: '19:00',
      endTime: '21:00',
      onlineUrl: 'https://meet.example.org/x',
      version: '1',
      scope: 'this',
      reason: 'Zaal bezet',
    });
    await coordinator((tx) => editSession(tx, id, edit, world.ids.coordinator));
    await runJobs();
    const moved = await mailTo(MEMBER, `Verplaatst: ${isolated('Agendawijziging')}`);
    expect(moved.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(moved.event.uid).toBe(invited.event.uid);
    expect(moved.event.sequence).toBe(invited.event.sequence + 1);
    expect(moved.event.startDate.toJSDate().getTime() - invited.event.startDate.toJSDate().getTime()).toBe(86_400_000);
    // A moved session asks again: the mail has its answer links.
    expect(answerLinks(moved.mail.body_text)).toHaveLength(3);

    await coordinator((tx) => cancelSession(tx, id, 'Trainer ziek', world.ids.coordinator));
    await runJobs();
    const cancelled = await mailTo(MEMBER, `Geannuleerd: ${isolated('Agendawijziging')}`);
    expect(cancelled.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.event.uid).toBe(invited.event.uid);
    expect(cancelled.event.sequence).toBe(moved.event.sequence + 1);
    expect(answerLinks(cancelled.mail.body_text)).toEqual([]);
  });

  it('the calendar shows the answer already given, and the sequence rises once for any writer of a visible change', async () => {
    const id = await plan('Volgnummer');
    const version = () =>
      runAsSystem(world.database, (tx) =>
        tx.selectFrom('sessions').select('version').where('id', '=', id).executeTakeFirstOrThrow(),
      ).then((r) => r.version);
    expect(await version()).toBe(1);
    await runAs(world.database, world.claims('memberA'), (tx) => answerSession(tx, id, 'maybe', ''));
    // A writer that does not raise the version itself (a direct update) still raises it, once.
    await coordinator((tx) => tx.updateTable('sessions').set({ location: 'Zaal 2' }).where('id', '=', id).execute());
    expect(await version()).toBe(2);
    // What no calendar shows (the notes) leaves it alone.
    await coordinator((tx) => tx.updateTable('sessions').set({ notes: 'intern' }).where('id', '=', id).execute());
    expect(await version()).toBe(2);
    await runJobs();
    const changed = await mailTo(MEMBER, `Gewijzigd: ${isolated('Volgnummer')}`);
    expect(changed.event.sequence).toBe(2);
    expect(changed.event.location).toBe('https://meet.example.org/x');
    expect(changed.vevent.getFirstProperty('attendee')!.getParameter('partstat')).toBe('TENTATIVE');
  });

  it('an Arabic reader gets the answer buttons in Arabic, in an HTML part that reads right to left', async () => {
    const arabic = 'layla@demo.expertpool.nl';
    await runAsSystem(world.database, (tx) =>
      tx.updateTable('profiles').set({ locale: 'ar' }).where('id', '=', world.idOf(arabic)).execute(),
    );
    await plan('Arabische knoppen');
    await runJobs();
    const { mail } = await mailTo(arabic, `دعوة: ${isolated('Arabische knoppen')}`);
    expect(answerLinks(mail.body_text).map((l) => l[1])).toEqual(['نعم، سأحضر', 'ربما', 'لا']);
    expect(mail.body_html).toContain('dir="rtl"');
    expect(mail.body_html).toMatch(/<a href="[^"]+\/rsvp\/[^"]+" style="[^"]+">نعم، سأحضر<\/a>/);
  });

  it('a title and a name with quotes, line breaks and direction controls stay inside their properties', async () => {
    await runAsSystem(world.database, (tx) =>
      tx
        .updateTable('profiles')
        .set({ display_name: 'Amal "\u202Eq\nx' })
        .where('id', '=', world.idOf('amal@demo.expertpool.nl'))
        .execute(),
    );
    await plan('Regel\r\nEND:VEVENT; "x"');
    await runJobs();
    const { calendar, vevent } = await mailTo(
      'amal@demo.expertpool.nl',
      `Uitnodiging: ${isolated('Regel END:VEVENT; "x"')}`,
    );
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(vevent.getFirstPropertyValue('summary')).toBe('Regel\nEND:VEVENT; "x" (Expertpool Regio Alkmaar)');
    expect(vevent.getFirstProperty('attendee')!.getParameter('cn')).toBe('Amal "q\nx');
  });
});

describe('over SMTP', () => {
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(() => smtp.close());

  it('the invitation arrives with its calendar as text/calendar; method=REQUEST and as invite.ics', async () => {
    // Only this test's mails go over SMTP.
    await runAsSystem(world.database, (tx) =>
      tx.updateTable('outbox').set({ sent_at: new Date() }).where('sent_at', 'is', null).execute(),
    );
    const id = await plan('Over SMTP');
    await runJobs(smtp.url);
    // The runner delivers what was due when it started; on a database server the queued mail's time
    // (the database's clock) can be a moment later, so deliver what is due now.
    await createMailer(world.database, smtp.url, config.mailFrom).deliverDue(new Date(Date.now() + 60_000));
    // The subject is MIME-encoded on the wire (its isolates are not ASCII): find the mail by its Message-ID.
    const { mail: queued } = await mailTo(MEMBER, `Uitnodiging: ${isolated('Over SMTP')}`);
    const mail = smtp.received.find((m) => m.to === MEMBER && m.messageId.startsWith(`<${queued.idempotency_key}@`))!;
    expect(mail).toBeDefined();
    expect(mail.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(mail.raw).toMatch(/Content-Type: application\/ics; name=invite\.ics/i);
    expect(mail.raw).toMatch(/Content-Disposition: attachment; filename=invite\.ics/i);
    // The attachment is the outbox's calendar, byte for byte (base64 in the mail).
    const attachment =
      /Content-Type: application\/ics; name=invite\.ics[\s\S]*?\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/i.exec(
        mail.raw,
      )![1]!;
    const ics = Buffer.from(attachment.replace(/\s/g, ''), 'base64').toString('utf8');
    expect(ics).toBe(queued.calendar);
    expect(new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!).uid).toBe(
      `${id}@expertpool`,
    );
  });
});
