import type { ConsentPurpose, LanguageLevel, LearningRoute, OnboardingStep } from '~/db/types';
import type { Tx } from '~/db/with-user.server';

/**
 * Pools at the scale of seed 002/003: about a hundred fictional members across 41 real municipalities,
 * with languages, years in the Netherlands, themes, availability and consents varied enough that the
 * diversity overview and the member search mean something. Names are invented.
 */

// Real municipalities of these regions that the foundation's list leaves out.
const MORE_MUNICIPALITIES: Record<string, string[]> = {
  twente: ['Losser', 'Wierden'],
  friesland: ['Opsterland'],
};

type Origin = 'ar' | 'ti' | 'uk' | 'fa' | 'tr' | 'so' | 'ps' | 'ku';

// Which languages people of a background often speak, besides Dutch and English.
const HOME_LANGUAGES: Record<Origin, string[]> = {
  ar: ['ar'],
  ti: ['ti', 'am'],
  uk: ['uk', 'ru'],
  fa: ['fa', 'prs'],
  tr: ['tr'],
  so: ['so', 'ar'],
  ps: ['ps', 'fa'],
  ku: ['ku', 'ar', 'tr'],
};

const NEW_MEMBERS: Record<string, [string, Origin][]> = {
  alkmaar: [
    ['Samir', 'ar'],
    ['Layla', 'ar'],
    ['Berhane', 'ti'],
    ['Oksana', 'uk'],
    ['Ahmad', 'ps'],
    ['Zainab', 'so'],
    ['Merhawi', 'ti'],
    ['Daria', 'uk'],
    ['Youssef', 'ar'],
    ['Huda', 'ar'],
    ['Kiros', 'ti'],
    ['Natalia', 'uk'],
    ['Bilal', 'ku'],
    ['Rania', 'ar'],
    ['Semhar', 'ti'],
    ['Farid', 'fa'],
  ],
  twente: [
    ['Parisa', 'fa'],
    ['Hamid', 'fa'],
    ['Ayaan', 'so'],
    ['Ilhan', 'so'],
    ['Emre', 'tr'],
    ['Zeynep', 'tr'],
    ['Mariam', 'ar'],
    ['Omar', 'ar'],
    ['Selin', 'tr'],
    ['Jamal', 'ku'],
    ['Shirin', 'fa'],
    ['Abdi', 'so'],
    ['Lina', 'ar'],
    ['Tarek', 'ar'],
    ['Ferhat', 'ku'],
  ],
  rotterdam: [
    ['Yasmin', 'ar'],
    ['Efrem', 'ti'],
    ['Kateryna', 'uk'],
    ['Hassan', 'so'],
    ['Amira', 'ar'],
    ['Nebiyat', 'ti'],
    ['Mustafa', 'tr'],
    ['Dunya', 'ku'],
    ['Rashid', 'ps'],
    ['Salma', 'ar'],
    ['Yohannes', 'ti'],
    ['Ola', 'uk'],
    ['Khalid', 'ar'],
    ['Mona', 'fa'],
    ['Bashir', 'ps'],
    ['Asel', 'tr'],
  ],
  zwolle: [
    ['Andriy', 'uk'],
    ['Sofiia', 'uk'],
    ['Mahmoud', 'ar'],
    ['Noor', 'ar'],
    ['Habib', 'ps'],
    ['Roya', 'fa'],
    ['Filmon', 'ti'],
    ['Ludmila', 'uk'],
    ['Idris', 'so'],
    ['Sahar', 'fa'],
    ['Nabil', 'ar'],
    ['Amina', 'so'],
    ['Ruslan', 'uk'],
  ],
  friesland: [
    ['Faisal', 'ar'],
    ['Leila', 'ku'],
    ['Tsega', 'ti'],
    ['Viktor', 'uk'],
    ['Samia', 'ar'],
    ['Walid', 'ar'],
    ['Hiba', 'ar'],
    ['Arman', 'fa'],
    ['Nadia', 'ps'],
    ['Eyob', 'ti'],
    ['Malak', 'ar'],
    ['Said', 'so'],
    ['Ilona', 'uk'],
  ],
  national: [
    ['Adnan', 'ar'],
    ['Dina', 'ar'],
    ['Goitom', 'ti'],
    ['Halyna', 'uk'],
    ['Issa', 'so'],
    ['Jana', 'ku'],
    ['Kamal', 'ar'],
    ['Lamis', 'ar'],
    ['Mohannad', 'ar'],
    ['Nasrin', 'fa'],
    ['Osman', 'tr'],
    ['Qamar', 'ps'],
    ['Rahel', 'ti'],
    ['Sami', 'ar'],
    ['Tahmina', 'fa'],
    ['Usman', 'ps'],
    ['Wafa', 'ar'],
    ['Zaher', 'ar'],
  ],
};

const POOL_NAMES: Record<string, string> = {
  alkmaar: 'Expertpool Regio Alkmaar',
  twente: 'Expertpool Twente',
  rotterdam: 'Expertpool Rotterdam',
  zwolle: 'Expertpool Regio Zwolle',
  friesland: 'Expertpool Friesland',
  national: 'Landelijke expertpool communicatie',
};

const THEMES = [
  'work',
  'housing',
  'education',
  'health',
  'leisure',
  'bonds',
  'bridges',
  'links',
  'language',
  'culture',
  'digital',
  'safety',
  'stability',
  'rights',
];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const PARTS = ['morning', 'afternoon', 'evening'];
const CONTACT = ['email', 'phone', 'whatsapp', 'sms'] as const;
const DUTCH_LEVELS: LanguageLevel[] = ['basic', 'good', 'good', 'fluent'];
const STEPS: OnboardingStep[] = ['intake', 'training_basics', 'training_advice', 'first_session'];
// The seed's "today", so the data reads the same in every run and test.
const SEED_YEAR = 2026;

/** A small deterministic generator: the same demo world every time. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    some: <T>(items: readonly T[], count: number) => [...items].sort(() => next() - 0.5).slice(0, count),
  };
}

export async function seedPeople(tx: Tx, passwordHash: string): Promise<void> {
  const done = await tx.selectFrom('municipalities').select('id').where('name', '=', 'Losser').executeTakeFirst();
  if (done) return;
  const rnd = random(2026);

  const regions = await tx.selectFrom('regions').select(['id', 'slug']).execute();
  for (const [slug, names] of Object.entries(MORE_MUNICIPALITIES)) {
    const regionId = regions.find((r) => r.slug === slug)!.id;
    await tx
      .insertInto('municipalities')
      .values(names.map((name) => ({ name, region_id: regionId })))
      .execute();
  }
  const places = await tx.selectFrom('municipalities').select(['id', 'name', 'region_id']).orderBy('name').execute();
  const pools = await tx.selectFrom('pools').select(['id', 'name', 'region_id']).execute();
  const poolId = (key: string) => pools.find((p) => p.name === POOL_NAMES[key])!.id;
  // A regional pool serves every municipality of its region, the new ones included.
  for (const pool of pools) {
    const added = places.filter(
      (m) => m.region_id === pool.region_id && Object.values(MORE_MUNICIPALITIES).flat().includes(m.name),
    );
    if (added.length > 0) {
      await tx
        .insertInto('pool_municipalities')
        .values(added.map((m) => ({ pool_id: pool.id, municipality_id: m.id })))
        .execute();
    }
  }

  const newPeople: { email: string; name: string; pool: string; origin: Origin; municipalityId: string }[] = [];
  for (const [key, members] of Object.entries(NEW_MEMBERS)) {
    const pool = pools.find((p) => p.name === POOL_NAMES[key])!;
    const nearby = pool.region_id ? places.filter((m) => m.region_id === pool.region_id) : places;
    members.forEach(([name, origin], i) => {
      // Regional pools: every municipality of the region in turn; the national pool: all over the country.
      const place = pool.region_id ? nearby[i % nearby.length]! : nearby[(i * 7) % nearby.length]!;
      newPeople.push({
        email: `${name.toLowerCase()}@demo.expertpool.nl`,
        name,
        pool: key,
        origin,
        municipalityId: place.id,
      });
    });
  }

  const users = await tx
    .insertInto('auth.users')
    .values(
      newPeople.map((p) => ({
        email: p.email,
        encrypted_password: passwordHash,
        email_confirmed_at: new Date(`${SEED_YEAR - 1}-01-15`),
        // Some were active recently, some not for a long while, some never signed in.
        last_sign_in_at:
          rnd.next() < 0.65
            ? new Date(Date.now() - rnd.int(1, 80) * 86_400_000)
            : rnd.next() < 0.5
              ? new Date(Date.now() - rnd.int(120, 400) * 86_400_000)
              : null,
      })),
    )
    .returning(['id', 'email'])
    .execute();
  const idOf = new Map(users.map((u) => [u.email, u.id]));

  await tx
    .insertInto('profiles')
    .values(
      newPeople.map((p) => {
        const arrival = rnd.next() < 0.15 ? rnd.int(1995, 2005) : rnd.int(2006, SEED_YEAR - 1);
        return {
          id: idOf.get(p.email)!,
          display_name: p.name,
          municipality_id: p.municipalityId,
          arrival_year: arrival,
          languages: [...HOME_LANGUAGES[p.origin], 'nl'],
          // The Wet inburgering 2021 routes apply to those who arrived from 2022 on.
          route: (arrival >= 2022 ? rnd.pick(['b1', 'b1', 'onderwijs', 'z'] as const) : 'none') as LearningRoute,
          availability: rnd.some(DAYS, rnd.int(1, 3)).map((day) => `${day}_${rnd.pick(PARTS)}`),
          contact_preference: rnd.pick(CONTACT),
          phone: rnd.next() < 0.7 ? `06-${rnd.int(10000000, 99999999)}` : null,
        };
      }),
    )
    .execute();

  const memberships = newPeople.map((p) => ({
    pool_id: poolId(p.pool),
    user_id: idOf.get(p.email)!,
    role: 'member' as const,
    joined_at: new Date(Date.now() - rnd.int(5, 400) * 86_400_000),
  }));
  await tx.insertInto('pool_memberships').values(memberships).execute();

  // Languages with levels and themes for everyone in a pool, the foundation's people included.
  const everyone = await tx
    .selectFrom('profiles')
    .innerJoin('pool_memberships', 'pool_memberships.user_id', 'profiles.id')
    .select(['profiles.id', 'profiles.display_name', 'profiles.languages'])
    .where('pool_memberships.role', '=', 'member')
    .distinct()
    // A fixed order, so the generator hands out the same consents and themes on every run.
    .orderBy('profiles.display_name')
    .execute();
  const languageRows = everyone.flatMap((person) =>
    [...new Set(person.languages)].map((language, i) => ({
      user_id: person.id,
      language,
      level: (language === 'nl'
        ? rnd.pick(DUTCH_LEVELS)
        : i === 0
          ? 'native'
          : rnd.pick(['good', 'fluent'] as const)) as LanguageLevel,
    })),
  );
  await tx
    .insertInto('profile_languages')
    .values(languageRows)
    .onConflict((oc) => oc.doNothing())
    .execute();
  const themeRows = everyone.flatMap((person) =>
    rnd.some(THEMES, rnd.int(1, 4)).map((indicator_code) => ({ user_id: person.id, indicator_code })),
  );
  await tx
    .insertInto('profile_themes')
    .values(themeRows)
    .onConflict((oc) => oc.doNothing())
    .execute();

  // Consents: most allow their pool to see them, fewer allow quotes. The demo member lid@ (Yonas) has
  // given none yet: the role tests and the walkthrough give and withdraw them.
  const lid = await tx
    .selectFrom('auth.users')
    .select('id')
    .where('email', '=', 'lid@demo.expertpool.nl')
    .executeTakeFirstOrThrow();
  const chances: [ConsentPurpose, number][] = [
    ['contact', 0.9],
    ['profile_visible_to_members', 0.85],
    ['contact_details_to_coordinators', 0.7],
    ['quotes_in_advice', 0.5],
  ];
  const consentRows = everyone
    .filter((person) => person.id !== lid.id)
    .flatMap((person) =>
      chances
        .filter(([, chance]) => rnd.next() < chance)
        .map(([purpose]) => ({
          user_id: person.id,
          purpose,
          given_at: new Date(Date.now() - rnd.int(10, 300) * 86_400_000),
        })),
    );
  await tx.insertInto('consents').values(consentRows).execute();

  // Onboarding: most have had their intake, fewer finished training or came to a session.
  const coordinator = await tx
    .selectFrom('auth.users')
    .select('id')
    .where('email', '=', 'coordinator@demo.expertpool.nl')
    .executeTakeFirstOrThrow();
  const stepRows = memberships.flatMap((m) => {
    const reached = rnd.int(0, STEPS.length);
    return STEPS.slice(0, reached).map((step, i) => ({
      pool_id: m.pool_id,
      user_id: m.user_id,
      step,
      done_on: new Date(m.joined_at.getTime() + (i + 1) * 7 * 86_400_000).toISOString().slice(0, 10),
      recorded_by: coordinator.id,
    }));
  });
  await tx.insertInto('onboarding_steps').values(stepRows).execute();

  // Rotterdam's pool passed to the municipality's own staff (seed 002).
  const rotterdam = await tx
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Gemeente Rotterdam')
    .executeTakeFirstOrThrow();
  const admin = await tx
    .selectFrom('auth.users')
    .select('id')
    .where('email', '=', 'admin@demo.expertpool.nl')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('pool_handovers')
    .values({
      pool_id: poolId('rotterdam'),
      organisation_id: rotterdam.id,
      note: 'Beheer overgedragen aan de gemeente; OpenEmbassy begeleidt het eerste jaar.',
      handed_over_by: admin.id,
      created_at: new Date(`${SEED_YEAR - 1}-06-01`),
    })
    .execute();
}
