import type { SessionResponse } from '~/db/types';
import { planSessions } from '~/sessions/queries.server';
import type { PlanSessionInput } from '~/sessions/schema.server';
import { HOME_TIME_ZONE } from '~/i18n/format';
import { instantToWallClock } from '~/sessions/time';
import type { Tx } from '~/db/with-user.server';

/** Calendar days from today (Amsterdam), as yyyy-MM-dd, so the demo always has a past and a future. */
function daysFromToday(days: number): string {
  const today = instantToWallClock(new Date(), HOME_TIME_ZONE).date;
  return new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
}

function plan(fields: Partial<PlanSessionInput> & Pick<PlanSessionInput, 'title' | 'date'>): PlanSessionInput {
  return {
    purpose: '',
    agenda: '',
    startTime: '19:00',
    endTime: '21:00',
    onlineUrl: 'https://meet.example.org/expertpool',
    location: null,
    languages: ['Nederlands'],
    interpreter: false,
    capacity: null,
    rsvpDeadline: null,
    repeat: 'none',
    occurrences: null,
    extraDates: [],
    invite: 'all',
    ...fields,
  };
}

interface Answer {
  name: string;
  response: SessionResponse;
  attended?: boolean;
  reason?: string;
}

interface DemoSession {
  pool: string;
  plan: PlanSessionInput;
  answers: Answer[];
}

const AGENDA = `1. Welkom en voorstelronde
2. Wat ging goed bij jouw **Brede Intake**, wat kan beter?
3. In kleine groepen: van inzicht naar kans
4. Gouden tips verzamelen`;

// Fictional sessions of the demo pools; people answer and (for past sessions) attended.
const SESSIONS: DemoSession[] = [
  {
    pool: 'Expertpool Regio Alkmaar',
    plan: plan({
      title: 'Kennismaking en ervaringen met de Brede Intake',
      purpose: 'Elkaar leren kennen en ervaringen met het eerste gesprek bij de gemeente delen.',
      agenda: AGENDA,
      date: daysFromToday(-21),
    }),
    answers: [
      { name: 'Yonas', response: 'yes', attended: true },
      { name: 'Amal', response: 'yes', attended: true },
      { name: 'Tesfay', response: 'yes', attended: true },
      { name: 'Olena', response: 'no', attended: false, reason: 'Ik moet werken.' },
    ],
  },
  {
    pool: 'Expertpool Regio Alkmaar',
    plan: plan({
      title: 'Het PIP: wat werkt er voor jou?',
      purpose: 'Ervaringen met het Persoonlijk Plan Inburgering en Participatie.',
      date: daysFromToday(-7),
      interpreter: true,
      languages: ['Nederlands', 'Arabisch'],
    }),
    answers: [
      { name: 'Yonas', response: 'yes', attended: true },
      { name: 'Amal', response: 'yes', attended: true },
      { name: 'Olena', response: 'yes', attended: true },
      { name: 'Tesfay', response: 'maybe', attended: false },
    ],
  },
  {
    pool: 'Expertpool Regio Alkmaar',
    plan: plan({
      title: 'Samen de Brede Intake ontwerpen',
      purpose: 'Een betere eerste kennismaking met de gemeente ontwerpen, met de gouden tips van vorige keer.',
      agenda: AGENDA,
      date: daysFromToday(5),
      capacity: 12,
    }),
    answers: [
      { name: 'Yonas', response: 'yes' },
      { name: 'Amal', response: 'maybe' },
    ],
  },
  {
    pool: 'Expertpool Regio Alkmaar',
    plan: plan({
      title: 'Terugkoppeling met de gemeente Alkmaar',
      purpose: 'De gemeente vertelt wat ze met ons advies heeft gedaan.',
      date: daysFromToday(19),
      startTime: '14:00',
      endTime: '16:00',
      onlineUrl: null,
      location: 'Wijkcentrum De Hoeksteen, Alkmaar',
    }),
    answers: [],
  },
  {
    pool: 'Expertpool Twente',
    plan: plan({
      title: 'Financieel ontzorgen: eerste ervaringen',
      date: daysFromToday(-10),
      startTime: '19:30',
      endTime: '21:00',
    }),
    answers: [
      { name: 'Reza', response: 'yes', attended: true },
      { name: 'Hawa', response: 'yes', attended: true },
      { name: 'Mehmet', response: 'yes', attended: false },
    ],
  },
  {
    // Overlaps the Alkmaar session that evening: their coordinator sees the clash in the calendar.
    pool: 'Expertpool Twente',
    plan: plan({
      title: 'Maatschappelijke begeleiding in Twente',
      date: daysFromToday(5),
      startTime: '19:30',
      endTime: '21:00',
      capacity: 8,
    }),
    answers: [{ name: 'Reza', response: 'yes' }],
  },
  {
    // Seed 003: a national pool met three times to advise the chain partners on communication.
    pool: 'Landelijke expertpool communicatie',
    plan: plan({
      title: 'Communicatie over de nieuwe Wet inburgering',
      purpose: 'Advies aan de ketenpartners: hoe praat de overheid met inburgeraars?',
      date: daysFromToday(-42),
      repeat: 'weekly',
      occurrences: 3,
      languages: ['Nederlands', 'Engels'],
    }),
    answers: [
      { name: 'Fatima', response: 'yes', attended: true },
      { name: 'Aziz', response: 'yes', attended: true },
    ],
  },
];

/** Past sessions with attendance and upcoming ones for the demo pools; nothing when sessions exist. */
export async function seedSessions(tx: Tx): Promise<void> {
  const existing = await tx.selectFrom('sessions').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const pools = await tx.selectFrom('pools').select(['id', 'name']).execute();
  const people = await tx.selectFrom('profiles').select(['id', 'display_name']).execute();
  const coordinator = await tx
    .selectFrom('auth.users')
    .select('id')
    .where('email', '=', 'coordinator@demo.expertpool.nl')
    .executeTakeFirst();
  for (const demo of SESSIONS) {
    const pool = pools.find((p) => p.name === demo.pool);
    if (!pool) continue;
    const ids = await planSessions(tx, { poolId: pool.id, createdBy: coordinator?.id ?? null, input: demo.plan });
    for (const answer of demo.answers) {
      const person = people.find((p) => p.display_name === answer.name);
      if (!person) continue;
      await tx
        .updateTable('session_invitees')
        .set({
          response: answer.response,
          reason: answer.reason ?? null,
          responded_at: new Date(),
          attended: answer.attended ?? null,
        })
        .where('session_id', 'in', ids)
        .where('user_id', '=', person.id)
        .execute();
    }
  }
}
