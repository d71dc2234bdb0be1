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
    name: {
      nl: 'Brede Intake',
      en: 'Broad intake (Brede Intake)',
      ar: 'المقابلة الشاملة (Brede Intake)',
      tr: 'Kapsamlı ön görüşme (Brede Intake)',
      fa: 'مصاحبهٔ جامع (Brede Intake)',
      ti: 'ሰፊሕ ቃለ-መሕትት (Brede Intake)',
    },
    sections: [
      s(
        'first_contact',
        {
          nl: 'Eerste contact',
          en: 'First contact',
          ar: 'التواصل الأول',
          tr: 'İlk temas',
          fa: 'نخستین تماس',
          ti: 'ቀዳማይ ርክብ',
        },
        {
          nl: 'Hoe hoorde je voor het eerst van de gemeente? Wat had je toen nodig?',
          en: 'How did you first hear from the municipality? What did you need at that moment?',
          ar: 'كيف سمعت عن البلدية أول مرة؟ ماذا كنت تحتاج في ذلك الوقت؟',
          tr: 'Belediyeyi ilk kez nasıl duydunuz? O zaman neye ihtiyacınız vardı?',
          fa: 'نخستین بار چطور از شهرداری خبر گرفتید؟ آن موقع به چه چیزی نیاز داشتید؟',
          ti: 'ብዛዕባ ምምሕዳር ከተማ ንመጀመርታ እዋን ከመይ ሰሚዕኩም? ሽዑ እንታይ የድልየኩም ነይሩ?',
        },
      ),
      s(
        'conversation',
        { nl: 'Het gesprek', en: 'The conversation', ar: 'المحادثة', tr: 'Görüşme', fa: 'گفت‌وگو', ti: 'እቲ ዝርርብ' },
        {
          nl: 'Wanneer voel je je begrepen in het gesprek? Wat helpt, wat niet?',
          en: 'When do you feel understood in the conversation? What helps, what does not?',
          ar: 'متى تشعر أنهم يفهمونك في المحادثة؟ ما الذي يساعد وما الذي لا يساعد؟',
          tr: 'Görüşmede ne zaman anlaşıldığınızı hissediyorsunuz? Ne yardımcı oluyor, ne olmuyor?',
          fa: 'چه وقت در گفت‌وگو حس می‌کنید که شما را می‌فهمند؟ چه چیزی کمک می‌کند و چه چیزی نه؟',
          ti: 'ኣብቲ ዝርርብ መዓስ ከም ዝተረድኡኹም ይስምዓኩም? እንታይ ይሕግዝ፣ እንታይ ኣይሕግዝን?',
        },
      ),
      s(
        'questions',
        { nl: 'De vragen', en: 'The questions', ar: 'الأسئلة', tr: 'Sorular', fa: 'پرسش‌ها', ti: 'እቶም ሕቶታት' },
        {
          nl: 'Welke vragen zijn moeilijk of voelen onnodig? Welke vraag mist?',
          en: 'Which questions are hard or feel unnecessary? Which question is missing?',
          ar: 'ما الأسئلة الصعبة أو غير الضرورية؟ ما السؤال الناقص؟',
          tr: 'Hangi sorular zor veya gereksiz geliyor? Hangi soru eksik?',
          fa: 'کدام پرسش‌ها سخت یا بی‌فایده به نظر می‌رسند؟ کدام پرسش کم است؟',
          ti: 'ኣየኖት ሕቶታት ከቢዶም ወይ ዘየድልዩ ይመስሉ? ኣየናይ ሕቶ ጐዲሉ?',
        },
      ),
      s(
        'after',
        {
          nl: 'Na de intake',
          en: 'After the intake',
          ar: 'بعد المقابلة',
          tr: 'Ön görüşmeden sonra',
          fa: 'پس از مصاحبه',
          ti: 'ድሕሪ ቃለ-መሕትት',
        },
        {
          nl: 'Wat wil je weten als je naar huis gaat?',
          en: 'What do you want to know when you go home?',
          ar: 'ماذا تريد أن تعرف عندما تعود إلى البيت؟',
          tr: 'Eve giderken neyi bilmek istiyorsunuz?',
          fa: 'وقتی به خانه برمی‌گردید، می‌خواهید چه چیزی را بدانید؟',
          ti: 'ናብ ገዛ ክትከዱ ከለኹም እንታይ ክትፈልጡ ትደልዩ?',
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
    name: {
      nl: 'PIP',
      en: 'Personal integration plan (PIP)',
      ar: 'خطة الاندماج الشخصية (PIP)',
      tr: 'Kişisel uyum planı (PIP)',
      fa: 'برنامهٔ شخصی ادغام (PIP)',
      ti: 'ውልቃዊ ውጥን ምውህሃድ (PIP)',
    },
    sections: [
      s(
        'goals',
        { nl: 'Mijn doelen', en: 'My goals', ar: 'أهدافي', tr: 'Hedeflerim', fa: 'هدف‌های من', ti: 'ዕላማታተይ' },
        {
          nl: 'Wat wil je over twee jaar kunnen of doen?',
          en: 'What do you want to be able to do in two years?',
          ar: 'ماذا تريد أن تستطيع أن تفعل بعد سنتين؟',
          tr: 'İki yıl sonra neyi yapabilmek istiyorsunuz?',
          fa: 'می‌خواهید دو سال دیگر چه کاری را بتوانید انجام دهید؟',
          ti: 'ድሕሪ ክልተ ዓመት እንታይ ክትገብሩ ክትክእሉ ትደልዩ?',
        },
      ),
      s(
        'route',
        {
          nl: 'De leerroute',
          en: 'The learning route',
          ar: 'مسار التعلّم',
          tr: 'Öğrenme yolu (leerroute)',
          fa: 'مسیر یادگیری (leerroute)',
          ti: 'መስመር ትምህርቲ (leerroute)',
        },
        {
          nl: 'Hoe wordt de leerroute gekozen? Wat moet je daarvoor weten?',
          en: 'How is the learning route chosen? What do you need to know for that?',
          ar: 'كيف يتم اختيار مسار التعلّم؟ ماذا تحتاج أن تعرف لذلك؟',
          tr: 'Öğrenme yolu nasıl seçiliyor? Bunun için neyi bilmeniz gerekiyor?',
          fa: 'مسیر یادگیری چطور انتخاب می‌شود؟ برای آن چه چیزی را باید بدانید؟',
          ti: 'መስመር ትምህርቲ ከመይ ይምረጽ? ንኡ እንታይ ክትፈልጡ የድልየኩም?',
        },
      ),
      s(
        'agreements',
        { nl: 'Afspraken', en: 'Agreements', ar: 'الاتفاقات', tr: 'Anlaşmalar', fa: 'توافق‌ها', ti: 'ስምምዓት' },
        {
          nl: 'Welke afspraken staan in het plan? Zijn ze duidelijk voor jou?',
          en: 'Which agreements are in the plan? Are they clear to you?',
          ar: 'ما الاتفاقات الموجودة في الخطة؟ هل هي واضحة لك؟',
          tr: 'Planda hangi anlaşmalar var? Sizin için açık mı?',
          fa: 'چه توافق‌هایی در برنامه هست؟ آیا برای شما روشن هستند؟',
          ti: 'ኣብቲ ውጥን ኣየኖት ስምምዓት ኣለዉ? ንዓኹም ንጹራት ድዮም?',
        },
      ),
      s(
        'review',
        {
          nl: 'Bijstellen',
          en: 'Adjusting the plan',
          ar: 'تعديل الخطة',
          tr: 'Planı değiştirmek',
          fa: 'تغییر دادن برنامه',
          ti: 'ውጥን ምምሕያሽ',
        },
        {
          nl: 'Wat als je leven verandert? Hoe pas je het plan dan aan?',
          en: 'What if your life changes? How do you adjust the plan then?',
          ar: 'ماذا لو تغيّرت حياتك؟ كيف تعدّل الخطة حينها؟',
          tr: 'Hayatınız değişirse ne olur? O zaman planı nasıl değiştirirsiniz?',
          fa: 'اگر زندگی‌تان تغییر کند چه؟ آن وقت برنامه را چطور تغییر می‌دهید؟',
          ti: 'ህይወትኩም እንተተቐይሩኸ? ሽዑ ነቲ ውጥን ከመይ ትቕይርዎ?',
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
      tr: 'İş piyasası ve katılım modülü (MAP)',
      fa: 'بخش بازار کار و مشارکت (MAP)',
      ti: 'ሞጁል ዕዳጋ ስራሕን ተሳትፎን (MAP)',
    },
    sections: [
      s(
        'experience',
        {
          nl: 'Wat je al kunt',
          en: 'What you can already do',
          ar: 'ما تستطيع فعله الآن',
          tr: 'Şimdiden yapabildikleriniz',
          fa: 'آنچه از پیش می‌توانید',
          ti: 'ሕጂ ክትገብርዎ እትኽእሉ',
        },
        {
          nl: 'Welk werk en welke ervaring neem je mee?',
          en: 'Which work and experience do you bring with you?',
          ar: 'ما العمل والخبرة التي تحملها معك؟',
          tr: 'Hangi iş ve deneyimi yanınızda getiriyorsunuz?',
          fa: 'چه کار و تجربه‌ای با خود می‌آورید؟',
          ti: 'ኣየናይ ስራሕን ተመክሮን ምሳኹም ሒዝኩም ትመጹ?',
        },
      ),
      s(
        'first_steps',
        {
          nl: 'Eerste stappen',
          en: 'First steps',
          ar: 'الخطوات الأولى',
          tr: 'İlk adımlar',
          fa: 'نخستین گام‌ها',
          ti: 'ቀዳሞት ስጉምትታት',
        },
        {
          nl: 'Wat hielp jou (of zou helpen) bij je eerste baan of vrijwilligerswerk?',
          en: 'What helped you (or would help) with your first job or volunteering?',
          ar: 'ما الذي ساعدك (أو قد يساعدك) في أول عمل أو عمل تطوعي؟',
          tr: 'İlk işinizde veya gönüllü çalışmanızda size ne yardımcı oldu (veya olurdu)?',
          fa: 'چه چیزی در نخستین کار یا کار داوطلبانه‌تان به شما کمک کرد (یا کمک می‌کرد)؟',
          ti: 'ኣብ ቀዳማይ ስራሕኩም ወይ ወለንታዊ ስራሕኩም እንታይ ሓጊዙኩም (ወይ ምሓገዘኩም)?',
        },
      ),
      s(
        'obstacles',
        { nl: 'Drempels', en: 'Obstacles', ar: 'العقبات', tr: 'Engeller', fa: 'موانع', ti: 'ዕንቅፋታት' },
        {
          nl: 'Wat houdt je tegen? Denk aan diploma’s, taal, kinderopvang, reizen.',
          en: 'What holds you back? Think of diplomas, language, childcare, travel.',
          ar: 'ما الذي يعيقك؟ فكّر في الشهادات واللغة ورعاية الأطفال والتنقّل.',
          tr: 'Sizi ne engelliyor? Diplomaları, dili, çocuk bakımını, yolculuğu düşünün.',
          fa: 'چه چیزی جلوی شما را می‌گیرد؟ به مدرک، زبان، نگهداری از کودک و رفت‌وآمد فکر کنید.',
          ti: 'እንታይ ይዓግተኩም? ብዛዕባ ዲፕሎማ፣ ቋንቋ፣ ክንክን ቆልዑን መጓዓዝያን ሕሰቡ።',
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
      tr: 'Hollanda toplumu bilgisi (KNM)',
      fa: 'شناخت جامعهٔ هلند (KNM)',
      ti: 'ፍልጠት ብዛዕባ ሕብረተሰብ ሆላንድ (KNM)',
    },
    sections: [
      s(
        'topics',
        { nl: 'Onderwerpen', en: 'Topics', ar: 'المواضيع', tr: 'Konular', fa: 'موضوع‌ها', ti: 'ኣርእስትታት' },
        {
          nl: 'Wat had je in je eerste jaar graag eerder geweten?',
          en: 'What would you have liked to know earlier in your first year?',
          ar: 'ماذا كنت تحب أن تعرف مبكرًا في سنتك الأولى؟',
          tr: 'İlk yılınızda neyi daha önce bilmek isterdiniz?',
          fa: 'دوست داشتید در سال اول چه چیزی را زودتر بدانید؟',
          ti: 'ኣብ ቀዳማይ ዓመትኩም እንታይ ቀልጢፍኩም ክትፈልጡ ምደለኹም?',
        },
      ),
      s(
        'learning',
        {
          nl: 'Zo leer je het',
          en: 'How you learn it',
          ar: 'كيف تتعلّمه',
          tr: 'Nasıl öğrenirsiniz',
          fa: 'چطور یاد می‌گیرید',
          ti: 'ከመይ ትመሃርዎ',
        },
        {
          nl: 'Hoe leer je dit het best: in de klas, op stap, met filmpjes, in je eigen taal?',
          en: 'How do you learn this best: in class, on a visit, with videos, in your own language?',
          ar: 'كيف تتعلّم هذا بأفضل شكل: في الصف، في زيارة، بالفيديو، بلغتك؟',
          tr: 'Bunu en iyi nasıl öğrenirsiniz: sınıfta, bir gezide, videolarla, kendi dilinizde?',
          fa: 'این را چطور بهتر یاد می‌گیرید: در کلاس، در بازدید، با ویدیو، به زبان خودتان؟',
          ti: 'እዚ ብኸመይ ብዝበለጸ ትመሃርዎ፡ ኣብ ክፍሊ፣ ብምብጻሕ፣ ብቪድዮ፣ ብቋንቋኹም?',
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
      tr: 'Katılım beyanı süreci (PVT)',
      fa: 'دورهٔ بیانیهٔ مشارکت (PVT)',
      ti: 'መስርሕ መግለጺ ተሳትፎ (PVT)',
    },
    sections: [
      s(
        'values',
        { nl: 'Waarden', en: 'Values', ar: 'القيم', tr: 'Değerler', fa: 'ارزش‌ها', ti: 'ክብርታት' },
        {
          nl: 'Over welke waarden wil je praten? Wat betekenen ze in je dagelijks leven?',
          en: 'Which values do you want to talk about? What do they mean in daily life?',
          ar: 'عن أي قيم تريد أن تتحدث؟ ماذا تعني في حياتك اليومية؟',
          tr: 'Hangi değerler hakkında konuşmak istiyorsunuz? Günlük hayatınızda ne anlama geliyorlar?',
          fa: 'دربارهٔ کدام ارزش‌ها می‌خواهید صحبت کنید؟ در زندگی روزمره‌تان چه معنایی دارند؟',
          ti: 'ብዛዕባ ኣየኖት ክብርታት ክትዛረቡ ትደልዩ? ኣብ ዕለታዊ ህይወትኩም እንታይ ትርጉም ኣለዎም?',
        },
      ),
      s(
        'workshop',
        { nl: 'De bijeenkomst', en: 'The workshop', ar: 'اللقاء', tr: 'Toplantı', fa: 'نشست', ti: 'እቲ ኣኼባ' },
        {
          nl: 'Wat maakt de bijeenkomst zinvol en niet betuttelend?',
          en: 'What makes the workshop meaningful and not patronising?',
          ar: 'ما الذي يجعل اللقاء مفيدًا وغير متعالٍ؟',
          tr: 'Toplantıyı anlamlı yapan ve küçümseyici olmaktan uzak tutan ne?',
          fa: 'چه چیزی نشست را سودمند و بدون حالت تحقیرآمیز می‌کند؟',
          ti: 'ነቲ ኣኼባ ጠቓሚ ዝገብሮን ዘይንዕቕን እንታይ እዩ?',
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
      tr: 'İdeal vaka yöneticisinin (klantmanager) profili',
      fa: 'ویژگی‌های مددکار (klantmanager) ایده‌آل',
      ti: 'መግለጺ ናይ ዝበለጸ ኣላዪ ጉዳይ (klantmanager)',
    },
    sections: [
      s(
        'knows',
        { nl: 'Weet', en: 'Knows', ar: 'يعرف', tr: 'Bilir', fa: 'می‌داند', ti: 'ይፈልጥ' },
        {
          nl: 'Wat moet een goede klantmanager weten?',
          en: 'What should a good case manager know?',
          ar: 'ماذا يجب أن يعرف مدير الحالة الجيد؟',
          tr: 'İyi bir vaka yöneticisi neyi bilmeli?',
          fa: 'یک مددکار خوب باید چه چیزهایی بداند؟',
          ti: 'ጽቡቕ ኣላዪ ጉዳይ እንታይ ክፈልጥ ኣለዎ?',
        },
      ),
      s(
        'does',
        { nl: 'Doet', en: 'Does', ar: 'يفعل', tr: 'Yapar', fa: 'انجام می‌دهد', ti: 'ይገብር' },
        {
          nl: 'Wat doet een goede klantmanager? Geef een voorbeeld.',
          en: 'What does a good case manager do? Give an example.',
          ar: 'ماذا يفعل مدير الحالة الجيد؟ أعطِ مثالًا.',
          tr: 'İyi bir vaka yöneticisi ne yapar? Bir örnek verin.',
          fa: 'یک مددکار خوب چه کاری انجام می‌دهد؟ یک مثال بزنید.',
          ti: 'ጽቡቕ ኣላዪ ጉዳይ እንታይ ይገብር? ኣብነት ሃቡ።',
        },
      ),
      s(
        'never',
        {
          nl: 'Doet nooit',
          en: 'Never does',
          ar: 'لا يفعل أبدًا',
          tr: 'Asla yapmaz',
          fa: 'هرگز انجام نمی‌دهد',
          ti: 'ፈጺሙ ኣይገብርን',
        },
        {
          nl: 'Wat moet een klantmanager nooit doen?',
          en: 'What should a case manager never do?',
          ar: 'ما الذي يجب ألا يفعله مدير الحالة أبدًا؟',
          tr: 'Bir vaka yöneticisi asla ne yapmamalı?',
          fa: 'یک مددکار هرگز نباید چه کاری انجام دهد؟',
          ti: 'ኣላዪ ጉዳይ ፈጺሙ እንታይ ክገብር የብሉን?',
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
      tr: 'Yolculuk haritası (önce, sırasında, sonra)',
      fa: 'نقشهٔ مسیر (پیش، در طول، پس)',
      ti: 'ካርታ ጉዕዞ (ቅድሚ፣ ኣብ ግዜ፣ ድሕሪ)',
    },
    sections: [
      s(
        'before',
        { nl: 'Voor', en: 'Before', ar: 'قبل', tr: 'Önce', fa: 'پیش از آن', ti: 'ቅድሚ' },
        {
          nl: 'Wat gebeurt er voordat het begint? Wat weet je dan al?',
          en: 'What happens before it starts? What do you already know then?',
          ar: 'ماذا يحدث قبل البداية؟ ماذا تعرف حينها؟',
          tr: 'Başlamadan önce ne oluyor? O zaman neyi zaten biliyorsunuz?',
          fa: 'پیش از شروع چه اتفاقی می‌افتد؟ آن موقع چه چیزی را از قبل می‌دانید؟',
          ti: 'ቅድሚ ምጅማሩ እንታይ ይፍጠር? ሽዑ እንታይ ትፈልጡ ኔርኩም?',
        },
      ),
      s(
        'during',
        { nl: 'Tijdens', en: 'During', ar: 'أثناء', tr: 'Sırasında', fa: 'در طول آن', ti: 'ኣብ ግዜ' },
        {
          nl: 'Wat maak je mee? Wat gaat goed, wat is moeilijk?',
          en: 'What do you experience? What goes well, what is hard?',
          ar: 'ماذا تعيش؟ ما الذي يسير جيدًا وما الصعب؟',
          tr: 'Neler yaşıyorsunuz? Ne iyi gidiyor, ne zor?',
          fa: 'چه چیزهایی را تجربه می‌کنید؟ چه چیزی خوب پیش می‌رود، چه چیزی سخت است؟',
          ti: 'እንታይ የጋጥመኩም? እንታይ ጽቡቕ ይኸይድ፣ እንታይ ከቢድ እዩ?',
        },
      ),
      s(
        'after',
        { nl: 'Na', en: 'After', ar: 'بعد', tr: 'Sonra', fa: 'پس از آن', ti: 'ድሕሪ' },
        {
          nl: 'Wat blijft er over? Wat had je achteraf nodig?',
          en: 'What is left afterwards? What did you need afterwards?',
          ar: 'ماذا يبقى بعد ذلك؟ ماذا احتجت بعدها؟',
          tr: 'Sonunda geriye ne kalıyor? Sonrasında neye ihtiyacınız oldu?',
          fa: 'در پایان چه چیزی باقی می‌ماند؟ بعدها به چه چیزی نیاز داشتید؟',
          ti: 'ድሕሪኡ እንታይ ይተርፍ? ደሓር እንታይ ኣድልዩኩም?',
        },
      ),
    ],
    starterCards: [],
  },
  {
    key: 'golden_tips',
    name: {
      nl: 'Gouden tips',
      en: 'Golden tips',
      ar: 'نصائح ذهبية',
      tr: 'Altın ipuçları',
      fa: 'نکته‌های طلایی',
      ti: 'ወርቃዊ ምኽርታት',
    },
    sections: [
      s(
        'tips',
        {
          nl: 'Gouden tips',
          en: 'Golden tips',
          ar: 'نصائح ذهبية',
          tr: 'Altın ipuçları',
          fa: 'نکته‌های طلایی',
          ti: 'ወርቃዊ ምኽርታት',
        },
        {
          nl: 'Welke tip geef je aan de gemeente of aan een nieuwkomer? Eén tip per kaartje.',
          en: 'Which tip would you give the municipality or a newcomer? One tip per card.',
          ar: 'ما النصيحة التي تقدّمها للبلدية أو لقادم جديد؟ نصيحة واحدة في كل بطاقة.',
          tr: 'Belediyeye veya yeni gelen birine hangi ipucunu verirsiniz? Her karta bir ipucu.',
          fa: 'چه نکته‌ای به شهرداری یا به یک تازه‌وارد می‌دهید؟ در هر کارت یک نکته.',
          ti: 'ንምምሕዳር ከተማ ወይ ንሓድሽ መጻኢ እንታይ ምኽሪ ትህቡ? ኣብ ነፍሲ ወከፍ ካርድ ሓደ ምኽሪ።',
        },
      ),
    ],
    starterCards: [],
  },
  {
    key: 'blank',
    name: { nl: 'Leeg bord', en: 'Blank board', ar: 'لوحة فارغة', tr: 'Boş pano', fa: 'تختهٔ خالی', ti: 'ባዶ ሰሌዳ' },
    sections: [
      s(
        'notes',
        { nl: 'Aantekeningen', en: 'Notes', ar: 'ملاحظات', tr: 'Notlar', fa: 'یادداشت‌ها', ti: 'መዘኻኸሪታት' },
        {
          nl: 'Schrijf hier samen op wat jullie bespreken.',
          en: 'Write down together what you discuss.',
          ar: 'اكتبوا هنا معًا ما تناقشونه.',
          tr: 'Konuştuklarınızı burada birlikte yazın.',
          fa: 'آنچه را دربارهٔ آن صحبت می‌کنید، اینجا با هم بنویسید.',
          ti: 'ዝዘራረብኩምሉ ኣብዚ ብሓባር ጽሓፉ።',
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
