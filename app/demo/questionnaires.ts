import type { Insertable } from 'kysely';
import type { QuestionKind, QuestionnaireAnswer } from '~/db/types';
import type { Tx } from '~/db/with-user.server';
import { daysBefore, seededRandom } from './random';
import { PARTNER_ORGANISATION } from './signals';

interface SeedQuestion {
  indicator: string;
  kind: QuestionKind;
  text: [nl: string, en: string, ar: string];
  ends?: [low: [string, string, string], high: [string, string, string]];
  options?: [string, string, string][];
}

const AGREE: SeedQuestion['ends'] = [
  ['Helemaal niet', 'Not at all', 'أبدًا'],
  ['Helemaal wel', 'Completely', 'تمامًا'],
];

// Three fictional questionnaires on the indicator framework (seed 004): a pool's and a partner's for
// newcomers, and the pool's for integration coaches (seed 001's "Ervaringsdata coaches"), whose answers
// the monitoring page shows beside the newcomers' own.
const QUESTIONNAIRES: {
  key: string;
  owner: { pool: string } | { organisation: string };
  /** The respondent group every wave asks (newcomers when left out). */
  group?: 'coaches';
  /** Completed or not, per wave (the spring and autumn wave). */
  responses: [number, number];
  title: [string, string, string];
  intro: [string, string, string];
  regions: string[];
  questions: SeedQuestion[];
}[] = [
  {
    key: 'alkmaar',
    owner: { pool: 'Expertpool Regio Alkmaar' },
    title: ['Hoe gaat het met je inburgering?', 'How is your integration going?', 'كيف يسير اندماجك؟'],
    intro: [
      'Tien korte vragen over je leven in de regio Alkmaar. Het duurt vijf minuten.',
      'Ten short questions about your life in the Alkmaar region. It takes five minutes.',
      'عشرة أسئلة قصيرة عن حياتك في منطقة ألكمار. تستغرق خمس دقائق.',
    ],
    regions: ['alkmaar'],
    responses: [130, 150],
    questions: [
      {
        indicator: 'work',
        kind: 'scale',
        text: [
          'Ik heb werk of vrijwilligerswerk dat bij mij past.',
          'I have paid or volunteer work that suits me.',
          'لدي عمل أو عمل تطوعي يناسبني.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'housing',
        kind: 'scale',
        text: [
          'Ik woon in een huis waar ik me thuis voel.',
          'I live in a home where I feel at home.',
          'أسكن في بيت أشعر فيه بالراحة.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'language',
        kind: 'scale',
        text: [
          'Ik kan in het Nederlands zeggen wat ik bedoel.',
          'I can say what I mean in Dutch.',
          'أستطيع أن أقول ما أقصده بالهولندية.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'links',
        kind: 'scale',
        text: [
          'Ik weet bij wie ik terecht kan bij de gemeente.',
          'I know whom to go to at the municipality.',
          'أعرف إلى من أتوجه في البلدية.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'bridges',
        kind: 'scale',
        text: [
          'Ik heb contact met mensen buiten mijn eigen groep.',
          'I am in touch with people outside my own group.',
          'لدي تواصل مع أشخاص من خارج مجموعتي.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'digital',
        kind: 'scale',
        text: [
          'Ik kan online regelen wat ik moet regelen (DigiD, afspraken).',
          'I can arrange things online (DigiD, appointments).',
          'أستطيع إنجاز أموري عبر الإنترنت (DigiD، المواعيد).',
        ],
        ends: AGREE,
      },
      {
        indicator: 'health',
        kind: 'scale',
        text: [
          'Ik voel me gezond, lichamelijk en geestelijk.',
          'I feel healthy, in body and mind.',
          'أشعر بصحة جيدة جسديًا ونفسيًا.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'links',
        kind: 'single',
        text: [
          'Hoe hoorde je het eerst over de Brede Intake?',
          'How did you first hear about the Brede Intake?',
          'كيف سمعت أول مرة عن المقابلة الشاملة؟',
        ],
        options: [
          ['Brief van de gemeente', 'Letter from the municipality', 'رسالة من البلدية'],
          ['Via VluchtelingenWerk', 'Through the refugee council', 'عن طريق مجلس اللاجئين'],
          ['Via familie of vrienden', 'Through family or friends', 'عن طريق العائلة أو الأصدقاء'],
          ['Weet ik niet meer', "I don't remember", 'لا أتذكر'],
        ],
      },
      {
        indicator: 'leisure',
        kind: 'multiple',
        text: ['Wat doe je in je vrije tijd?', 'What do you do in your free time?', 'ماذا تفعل في وقت فراغك؟'],
        options: [
          ['Sport', 'Sport', 'رياضة'],
          ['Vrijwilligerswerk', 'Volunteering', 'عمل تطوعي'],
          ['Taalcafé', 'Language café', 'مقهى اللغة'],
          ['Tijd met familie', 'Time with family', 'وقت مع العائلة'],
        ],
      },
      {
        indicator: 'rights',
        kind: 'open',
        text: [
          'Wat zou je inburgering makkelijker maken?',
          'What would make your integration easier?',
          'ما الذي يجعل اندماجك أسهل؟',
        ],
      },
    ],
  },
  {
    key: 'partner',
    owner: { organisation: PARTNER_ORGANISATION },
    title: ['TaalMaatje: wat levert het je op?', 'TaalMaatje: what does it bring you?', 'تال ماتيه: ماذا يقدم لك؟'],
    intro: [
      'Zes vragen over je taalmaatje. Zo zien we wat de app voor je betekent.',
      'Six questions about your language buddy. This shows us what the app means to you.',
      'ستة أسئلة عن رفيقك في اللغة. هكذا نرى ماذا يعني التطبيق لك.',
    ],
    regions: ['alkmaar', 'rotterdam', 'twente', 'zwolle', 'friesland'],
    responses: [130, 150],
    questions: [
      {
        indicator: 'language',
        kind: 'scale',
        text: [
          'Ik durf vaker Nederlands te spreken.',
          'I dare to speak Dutch more often.',
          'أجرؤ على التحدث بالهولندية أكثر.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'bridges',
        kind: 'scale',
        text: ['Ik ken nu meer Nederlanders.', 'I now know more Dutch people.', 'أعرف الآن هولنديين أكثر.'],
        ends: AGREE,
      },
      {
        indicator: 'bonds',
        kind: 'scale',
        text: ['Ik voel me minder alleen.', 'I feel less alone.', 'أشعر بوحدة أقل.'],
        ends: AGREE,
      },
      {
        indicator: 'digital',
        kind: 'scale',
        text: ['De app is makkelijk te gebruiken.', 'The app is easy to use.', 'التطبيق سهل الاستخدام.'],
        ends: AGREE,
      },
      {
        indicator: 'leisure',
        kind: 'scale',
        text: [
          'Ik doe vaker mee aan activiteiten in de buurt.',
          'I join activities in the neighbourhood more often.',
          'أشارك في أنشطة الحي أكثر.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'language',
        kind: 'open',
        text: [
          'Wat heb je geleerd van je taalmaatje?',
          'What did you learn from your language buddy?',
          'ماذا تعلمت من رفيقك في اللغة؟',
        ],
      },
    ],
  },
  {
    key: 'coaches',
    owner: { pool: 'Expertpool Regio Alkmaar' },
    group: 'coaches',
    title: ['Vragenlijst voor inburgeringscoaches', 'Questionnaire for integration coaches', 'استبيان لمرشدي الاندماج'],
    intro: [
      'Vier vragen over wat je nodig hebt om inburgeraars goed te begeleiden.',
      'Four questions on what you need to guide newcomers well.',
      'أربعة أسئلة عما تحتاجه لمرافقة القادمين الجدد جيدًا.',
    ],
    regions: ['alkmaar'],
    responses: [34, 38],
    questions: [
      {
        indicator: 'work',
        kind: 'scale',
        text: [
          'Ik heb genoeg kennis om mensen te informeren over werk en opleidingen.',
          'I know enough to inform people about work and education.',
          'لدي معرفة كافية لإعلام الناس عن العمل والتعليم.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'bridges',
        kind: 'scale',
        text: [
          'Ik heb een passend netwerk om mensen naar werk te begeleiden.',
          'I have a suitable network to guide people into work.',
          'لدي شبكة مناسبة لمرافقة الناس إلى العمل.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'language',
        kind: 'scale',
        text: [
          'De mensen die ik begeleid kunnen in het Nederlands zeggen wat ze bedoelen.',
          'The people I guide can say what they mean in Dutch.',
          'الأشخاص الذين أرافقهم يستطيعون قول ما يقصدونه بالهولندية.',
        ],
        ends: AGREE,
      },
      {
        indicator: 'links',
        kind: 'scale',
        text: [
          'De mensen die ik begeleid weten bij wie ze terecht kunnen bij de gemeente.',
          'The people I guide know whom to go to at the municipality.',
          'الأشخاص الذين أرافقهم يعرفون إلى من يتوجهون في البلدية.',
        ],
        ends: AGREE,
      },
    ],
  },
];

const WAVES = [
  { name: 'Voorjaar 2026', daysAgo: 200, status: 'closed' as const },
  { name: 'Najaar 2026', daysAgo: 40, status: 'open' as const },
];

const OPEN_ANSWERS = [
  'Een vaste contactpersoon bij de gemeente.',
  'Taalles in de avond, overdag werk ik.',
  'Uitleg in mijn eigen taal over de regels.',
  'Minder brieven, meer gesprekken.',
  'Ik heb geleerd hoe ik een afspraak maak bij de huisarts.',
  'Mijn maatje helpt me met woorden voor mijn werk.',
  'Sneller een huis, dan kan ik me beter concentreren.',
];

/** Three questionnaires, two waves each, a few hundred fictional responses. Each is made once. */
export async function seedQuestionnaires(tx: Tx): Promise<void> {
  const newcomers = seededRandom(4);
  const now = new Date();
  const places = await tx
    .selectFrom('municipalities')
    .innerJoin('regions', 'regions.id', 'municipalities.region_id')
    .select(['municipalities.id', 'municipalities.name', 'municipalities.region_id', 'regions.slug'])
    .execute();

  for (const spec of QUESTIONNAIRES) {
    const made = await tx
      .selectFrom('questionnaires')
      .select('id')
      .where('title_nl', '=', spec.title[0])
      .executeTakeFirst();
    if (made) continue;
    // The coaches' questionnaire came later: its own stream keeps the newcomers' data as it was.
    const random = spec.group ? seededRandom(21) : newcomers;
    const group = await tx
      .selectFrom('respondent_groups')
      .select('id')
      .where('key', '=', spec.group ?? 'newcomers')
      .executeTakeFirstOrThrow();
    const owner =
      'pool' in spec.owner
        ? {
            pool_id: (
              await tx.selectFrom('pools').select('id').where('name', '=', spec.owner.pool).executeTakeFirstOrThrow()
            ).id,
          }
        : {
            organisation_id: (
              await tx
                .selectFrom('organisations')
                .select('id')
                .where('name', '=', spec.owner.organisation)
                .executeTakeFirstOrThrow()
            ).id,
          };
    const { id: questionnaireId } = await tx
      .insertInto('questionnaires')
      .values({
        ...owner,
        title_nl: spec.title[0],
        title_en: spec.title[1],
        title_ar: spec.title[2],
        intro_nl: spec.intro[0],
        intro_en: spec.intro[1],
        intro_ar: spec.intro[2],
        status: 'open',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const questions: { id: string; kind: QuestionKind; indicator: string; options: string[] }[] = [];
    for (const [i, q] of spec.questions.entries()) {
      const { id } = await tx
        .insertInto('questionnaire_questions')
        .values({
          questionnaire_id: questionnaireId,
          position: i + 1,
          indicator_code: q.indicator,
          kind: q.kind,
          text_nl: q.text[0],
          text_en: q.text[1],
          text_ar: q.text[2],
          ...(q.ends
            ? {
                scale_low_nl: q.ends[0][0],
                scale_low_en: q.ends[0][1],
                scale_low_ar: q.ends[0][2],
                scale_high_nl: q.ends[1][0],
                scale_high_en: q.ends[1][1],
                scale_high_ar: q.ends[1][2],
              }
            : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const options = q.options
        ? await tx
            .insertInto('questionnaire_options')
            .values(
              q.options.map((o, n) => ({
                question_id: id,
                position: n + 1,
                label_nl: o[0],
                label_en: o[1],
                label_ar: o[2],
              })),
            )
            .returning('id')
            .execute()
        : [];
      questions.push({ id, kind: q.kind, indicator: q.indicator, options: options.map((o) => o.id) });
    }

    // Uitgeest gets only a handful of respondents, so the demo shows "<5" for it.
    const regionPlaces = places.filter((p) => spec.regions.includes(p.slug));
    const busy = regionPlaces.filter((p) => p.name !== 'Uitgeest');
    const quiet = regionPlaces.find((p) => p.name === 'Uitgeest');
    for (const [w, wave] of WAVES.entries()) {
      const { id: waveId } = await tx
        .insertInto('questionnaire_waves')
        .values({
          questionnaire_id: questionnaireId,
          name: wave.name,
          link_token: `demo-${spec.key}-${w + 1}-${random.int(1e9).toString(36)}`,
          status: wave.status,
          opens_on: daysBefore(now, wave.daysAgo),
          // The closed spring wave ran four weeks; the autumn one is open-ended.
          closes_on: wave.status === 'closed' ? daysBefore(now, wave.daysAgo - 28) : null,
          respondent_group_id: group.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Most coaches work for Alkmaar itself, so its monitoring shows them beside the newcomers.
      const alkmaar = spec.group ? busy.find((p) => p.name === 'Alkmaar') : undefined;
      const responses = Array.from({ length: spec.responses[w]! }, (_, n) => {
        const place =
          quiet && n < 3
            ? quiet
            : alkmaar && random.next() < 0.75
              ? alkmaar
              : random.next() < 0.1
                ? null
                : random.pick(busy);
        const started = new Date(now.getTime() - (wave.daysAgo - random.int(30)) * 86_400_000);
        return {
          wave_id: waveId,
          resume_hash: `seed-${spec.key}-${w}-${n}`,
          municipality_id: place?.id ?? null,
          region_id: place?.region_id ?? null,
          locale: random.pick(['nl', 'nl', 'ar', 'en'] as const),
          started_at: started,
          // A few never finished; they do not count in the results.
          completed_at: random.next() < 0.06 ? null : new Date(started.getTime() + 600_000),
        };
      });
      const rows = await tx.insertInto('questionnaire_responses').values(responses).returning('id').execute();
      const answers = rows.flatMap(({ id: responseId }) =>
        questions.flatMap((q): QuestionnaireAnswer[] => {
          if (random.next() < 0.04) return []; // skipped
          // The second wave scores a little higher on most indicators: something to compare.
          const lean =
            (w === 1 ? 0.4 : 0) + (q.indicator === 'housing' ? -0.8 : 0) + (q.indicator === 'bridges' ? 0.3 : 0);
          const scale = Math.min(5, Math.max(1, Math.round(2.8 + lean + (random.next() - 0.5) * 3)));
          if (q.kind === 'scale') return [{ response_id: responseId, question_id: q.id, scale_value: scale }];
          if (q.kind === 'single')
            return [{ response_id: responseId, question_id: q.id, option_ids: [random.pick(q.options)] }];
          if (q.kind === 'multiple') {
            const chosen = q.options.filter(() => random.next() < 0.4);
            return [
              { response_id: responseId, question_id: q.id, option_ids: chosen.length ? chosen : [q.options[0]!] },
            ];
          }
          return random.next() < 0.3
            ? [{ response_id: responseId, question_id: q.id, open_text: random.pick(OPEN_ANSWERS) }]
            : [];
        }),
      );
      for (let i = 0; i < answers.length; i += 1000) {
        await tx
          .insertInto('questionnaire_answers')
          .values(answers.slice(i, i + 1000))
          .execute();
      }
    }
  }
}
