import type { Localized, SectionInfo, StarterCard } from './sections';

/**
 * Board templates are data: named sections, each with a guiding question in plain language (B1) in
 * every language of the app, and optional starter cards. Creating a board copies them into its document,
 * so a board keeps its sections even when a template changes later.
 */
export interface BoardTemplate {
  key: string;
  name: Localized;
  sections: SectionInfo[];
  starterCards: StarterCard[];
}

const s = (id: string, title: Localized, question: Localized): SectionInfo => ({ id, title, question });

export const TEMPLATES: BoardTemplate[] = [
  {
    key: 'brede_intake',
    name: { nl: 'Brede Intake', en: 'Broad intake (Brede Intake)', ar: 'المقابلة الشاملة (Brede Intake)' },
    sections: [
      s(
        'first_contact',
        { nl: 'Eerste contact', en: 'First contact', ar: 'التواصل الأول' },
        {
          nl: 'Hoe hoorde je voor het eerst van de gemeente? Wat had je toen nodig?',
          en: 'How did you first hear from the municipality? What did you need at that moment?',
          ar: 'كيف سمعت عن البلدية أول مرة؟ ماذا كنت تحتاج في ذلك الوقت؟',
        },
      ),
      s(
        'conversation',
        { nl: 'Het gesprek', en: 'The conversation', ar: 'المحادثة' },
        {
          nl: 'Wanneer voel je je begrepen in het gesprek? Wat helpt, wat niet?',
          en: 'When do you feel understood in the conversation? What helps, what does not?',
          ar: 'متى تشعر أنهم يفهمونك في المحادثة؟ ما الذي يساعد وما الذي لا يساعد؟',
        },
      ),
      s(
        'questions',
        { nl: 'De vragen', en: 'The questions', ar: 'الأسئلة' },
        {
          nl: 'Welke vragen zijn moeilijk of voelen onnodig? Welke vraag mist?',
          en: 'Which questions are hard or feel unnecessary? Which question is missing?',
          ar: 'ما الأسئلة الصعبة أو غير الضرورية؟ ما السؤال الناقص؟',
        },
      ),
      s(
        'after',
        { nl: 'Na de intake', en: 'After the intake', ar: 'بعد المقابلة' },
        {
          nl: 'Wat wil je weten als je naar huis gaat?',
          en: 'What do you want to know when you go home?',
          ar: 'ماذا تريد أن تعرف عندما تعود إلى البيت؟',
        },
      ),
    ],
    starterCards: [
      { section: 'conversation', text: 'Een tolk die ik zelf mag kiezen' },
      { section: 'after', text: 'Een brief met wat we hebben afgesproken, in eenvoudige taal' },
    ],
  },
  {
    key: 'pip',
    name: { nl: 'PIP', en: 'Personal integration plan (PIP)', ar: 'خطة الاندماج الشخصية (PIP)' },
    sections: [
      s(
        'goals',
        { nl: 'Mijn doelen', en: 'My goals', ar: 'أهدافي' },
        {
          nl: 'Wat wil je over twee jaar kunnen of doen?',
          en: 'What do you want to be able to do in two years?',
          ar: 'ماذا تريد أن تستطيع أن تفعل بعد سنتين؟',
        },
      ),
      s(
        'route',
        { nl: 'De leerroute', en: 'The learning route', ar: 'مسار التعلّم' },
        {
          nl: 'Hoe wordt de leerroute gekozen? Wat moet je daarvoor weten?',
          en: 'How is the learning route chosen? What do you need to know for that?',
          ar: 'كيف يتم اختيار مسار التعلّم؟ ماذا تحتاج أن تعرف لذلك؟',
        },
      ),
      s(
        'agreements',
        { nl: 'Afspraken', en: 'Agreements', ar: 'الاتفاقات' },
        {
          nl: 'Welke afspraken staan in het plan? Zijn ze duidelijk voor jou?',
          en: 'Which agreements are in the plan? Are they clear to you?',
          ar: 'ما الاتفاقات الموجودة في الخطة؟ هل هي واضحة لك؟',
        },
      ),
      s(
        'review',
        { nl: 'Bijstellen', en: 'Adjusting the plan', ar: 'تعديل الخطة' },
        {
          nl: 'Wat als je leven verandert? Hoe pas je het plan dan aan?',
          en: 'What if your life changes? How do you adjust the plan then?',
          ar: 'ماذا لو تغيّرت حياتك؟ كيف تعدّل الخطة حينها؟',
        },
      ),
    ],
    starterCards: [{ section: 'goals', text: 'Werken in mijn eigen vak' }],
  },
  {
    key: 'map',
    name: {
      nl: 'MAP (Module Arbeidsmarkt en Participatie)',
      en: 'Labour market and participation module (MAP)',
      ar: 'وحدة سوق العمل والمشاركة (MAP)',
    },
    sections: [
      s(
        'experience',
        { nl: 'Wat je al kunt', en: 'What you can already do', ar: 'ما تستطيع فعله الآن' },
        {
          nl: 'Welk werk en welke ervaring neem je mee?',
          en: 'Which work and experience do you bring with you?',
          ar: 'ما العمل والخبرة التي تحملها معك؟',
        },
      ),
      s(
        'first_steps',
        { nl: 'Eerste stappen', en: 'First steps', ar: 'الخطوات الأولى' },
        {
          nl: 'Wat hielp jou (of zou helpen) bij je eerste baan of vrijwilligerswerk?',
          en: 'What helped you (or would help) with your first job or volunteering?',
          ar: 'ما الذي ساعدك (أو قد يساعدك) في أول عمل أو عمل تطوعي؟',
        },
      ),
      s(
        'obstacles',
        { nl: 'Drempels', en: 'Obstacles', ar: 'العقبات' },
        {
          nl: 'Wat houdt je tegen? Denk aan diploma’s, taal, kinderopvang, reizen.',
          en: 'What holds you back? Think of diplomas, language, childcare, travel.',
          ar: 'ما الذي يعيقك؟ فكّر في الشهادات واللغة ورعاية الأطفال والتنقّل.',
        },
      ),
    ],
    starterCards: [],
  },
  {
    key: 'knm',
    name: {
      nl: 'KNM (Kennis van de Nederlandse Maatschappij)',
      en: 'Knowledge of Dutch society (KNM)',
      ar: 'المعرفة بالمجتمع الهولندي (KNM)',
    },
    sections: [
      s(
        'topics',
        { nl: 'Onderwerpen', en: 'Topics', ar: 'المواضيع' },
        {
          nl: 'Wat had je in je eerste jaar graag eerder geweten?',
          en: 'What would you have liked to know earlier in your first year?',
          ar: 'ماذا كنت تحب أن تعرف مبكرًا في سنتك الأولى؟',
        },
      ),
      s(
        'learning',
        { nl: 'Zo leer je het', en: 'How you learn it', ar: 'كيف تتعلّمه' },
        {
          nl: 'Hoe leer je dit het best: in de klas, op stap, met filmpjes, in je eigen taal?',
          en: 'How do you learn this best: in class, on a visit, with videos, in your own language?',
          ar: 'كيف تتعلّم هذا بأفضل شكل: في الصف، في زيارة، بالفيديو، بلغتك؟',
        },
      ),
    ],
    starterCards: [{ section: 'topics', text: 'Hoe de zorgverzekering werkt' }],
  },
  {
    key: 'pvt',
    name: {
      nl: 'PVT (Participatieverklaringstraject)',
      en: 'Participation statement course (PVT)',
      ar: 'مسار إعلان المشاركة (PVT)',
    },
    sections: [
      s(
        'values',
        { nl: 'Waarden', en: 'Values', ar: 'القيم' },
        {
          nl: 'Over welke waarden wil je praten? Wat betekenen ze in je dagelijks leven?',
          en: 'Which values do you want to talk about? What do they mean in daily life?',
          ar: 'عن أي قيم تريد أن تتحدث؟ ماذا تعني في حياتك اليومية؟',
        },
      ),
      s(
        'workshop',
        { nl: 'De bijeenkomst', en: 'The workshop', ar: 'اللقاء' },
        {
          nl: 'Wat maakt de bijeenkomst zinvol en niet betuttelend?',
          en: 'What makes the workshop meaningful and not patronising?',
          ar: 'ما الذي يجعل اللقاء مفيدًا وغير متعالٍ؟',
        },
      ),
    ],
    starterCards: [],
  },
  {
    key: 'case_manager',
    name: {
      nl: 'Profiel van de ideale klantmanager',
      en: 'Profile of the ideal case manager',
      ar: 'صفات مدير الحالة المثالي',
    },
    sections: [
      s(
        'knows',
        { nl: 'Weet', en: 'Knows', ar: 'يعرف' },
        {
          nl: 'Wat moet een goede klantmanager weten?',
          en: 'What should a good case manager know?',
          ar: 'ماذا يجب أن يعرف مدير الحالة الجيد؟',
        },
      ),
      s(
        'does',
        { nl: 'Doet', en: 'Does', ar: 'يفعل' },
        {
          nl: 'Wat doet een goede klantmanager? Geef een voorbeeld.',
          en: 'What does a good case manager do? Give an example.',
          ar: 'ماذا يفعل مدير الحالة الجيد؟ أعطِ مثالًا.',
        },
      ),
      s(
        'never',
        { nl: 'Doet nooit', en: 'Never does', ar: 'لا يفعل أبدًا' },
        {
          nl: 'Wat moet een klantmanager nooit doen?',
          en: 'What should a case manager never do?',
          ar: 'ما الذي يجب ألا يفعله مدير الحالة أبدًا؟',
        },
      ),
    ],
    starterCards: [{ section: 'does', text: 'Belt terug als hij dat belooft' }],
  },
  {
    key: 'journey_map',
    name: {
      nl: 'Reiskaart (voor, tijdens, na)',
      en: 'Journey map (before, during, after)',
      ar: 'خريطة الرحلة (قبل، أثناء، بعد)',
    },
    sections: [
      s(
        'before',
        { nl: 'Voor', en: 'Before', ar: 'قبل' },
        {
          nl: 'Wat gebeurt er voordat het begint? Wat weet je dan al?',
          en: 'What happens before it starts? What do you already know then?',
          ar: 'ماذا يحدث قبل البداية؟ ماذا تعرف حينها؟',
        },
      ),
      s(
        'during',
        { nl: 'Tijdens', en: 'During', ar: 'أثناء' },
        {
          nl: 'Wat maak je mee? Wat gaat goed, wat is moeilijk?',
          en: 'What do you experience? What goes well, what is hard?',
          ar: 'ماذا تعيش؟ ما الذي يسير جيدًا وما الصعب؟',
        },
      ),
      s(
        'after',
        { nl: 'Na', en: 'After', ar: 'بعد' },
        {
          nl: 'Wat blijft er over? Wat had je achteraf nodig?',
          en: 'What is left afterwards? What did you need afterwards?',
          ar: 'ماذا يبقى بعد ذلك؟ ماذا احتجت بعدها؟',
        },
      ),
    ],
    starterCards: [],
  },
  {
    key: 'golden_tips',
    name: { nl: 'Gouden tips', en: 'Golden tips', ar: 'نصائح ذهبية' },
    sections: [
      s(
        'tips',
        { nl: 'Gouden tips', en: 'Golden tips', ar: 'نصائح ذهبية' },
        {
          nl: 'Welke tip geef je aan de gemeente of aan een nieuwkomer? Eén tip per kaartje.',
          en: 'Which tip would you give the municipality or a newcomer? One tip per card.',
          ar: 'ما النصيحة التي تقدّمها للبلدية أو لقادم جديد؟ نصيحة واحدة في كل بطاقة.',
        },
      ),
    ],
    starterCards: [],
  },
  {
    key: 'blank',
    name: { nl: 'Leeg bord', en: 'Blank board', ar: 'لوحة فارغة' },
    sections: [
      s(
        'notes',
        { nl: 'Aantekeningen', en: 'Notes', ar: 'ملاحظات' },
        {
          nl: 'Schrijf hier samen op wat jullie bespreken.',
          en: 'Write down together what you discuss.',
          ar: 'اكتبوا هنا معًا ما تناقشونه.',
        },
      ),
    ],
    starterCards: [],
  },
];

export const TEMPLATE_KEYS = TEMPLATES.map((t) => t.key) as [string, ...string[]];

export function findTemplate(key: string): BoardTemplate | null {
  return TEMPLATES.find((t) => t.key === key) ?? null;
}
