import type { ProcessPart } from '~/db/types';

/**
 * Building blocks for the advice register's demo data: insights newcomers could plausibly bring in,
 * each turned into an opportunity, written fresh for this demo (fictional; no real session's output).
 * `{plaats}` becomes a municipality's name.
 */
export interface AdviceTemplate {
  part: ProcessPart;
  indicators: string[];
  title: string;
  insight: string;
  opportunities: string[];
  tips: string[];
}

export const ADVICE_TEMPLATES: AdviceTemplate[] = [
  {
    part: 'communication',
    indicators: ['links', 'language'],
    title: 'Het loket is bijna niet te bereiken',
    insight:
      'Wie in {plaats} een vraag heeft over de inburgering, belt vaak drie keer voordat iemand opneemt. Voor wie de taal nog leert, is een keuzemenu aan de telefoon een muur.',
    opportunities: ['Zet één vast telefoonnummer en een chat open met een vaste contactpersoon voor inburgeraars.'],
    tips: ['Noem in elke brief de naam van een persoon, niet alleen een afdeling.'],
  },
  {
    part: 'brede_intake',
    indicators: ['language', 'stability'],
    title: 'De Brede Intake komt te vroeg na de verhuizing',
    insight:
      'Veel mensen hebben hun Brede Intake in de eerste week in {plaats}, als de dozen nog niet zijn uitgepakt. Ze onthouden weinig van wat er gezegd is.',
    opportunities: ['Plan de Brede Intake in twee delen: een korte kennismaking en na een maand het echte gesprek.'],
    tips: ['Geef na het gesprek een samenvatting op papier mee, in eenvoudige taal.'],
  },
  {
    part: 'pip',
    indicators: ['education', 'work'],
    title: 'Het PIP voelt als een contract van de gemeente',
    insight:
      'Inburgeraars tekenen het PIP zonder te weten dat ze er zelf iets in mogen zeggen. Het plan voelt als een opdracht, niet als hun eigen plan.',
    opportunities: ['Laat de inburgeraar zelf het eerste doel in het PIP opschrijven, in eigen woorden.'],
    tips: ['Vraag: "Wat wil jij over drie jaar doen?" voordat je over regels praat.'],
  },
  {
    part: 'map',
    indicators: ['work', 'bridges'],
    title: 'Werkervaring uit het land van herkomst telt niet mee',
    insight:
      'Wie in het land van herkomst tien jaar als boekhouder werkte, krijgt in de MAP dezelfde opdrachten als iemand zonder werkervaring.',
    opportunities: ['Begin de MAP met een gesprek over eerder werk en zoek een werkgever in hetzelfde vak.'],
    tips: ['Een dag meelopen bij een bedrijf zegt meer dan een cursus sollicitatiebrieven.'],
  },
  {
    part: 'knm',
    indicators: ['rights', 'culture'],
    title: 'KNM-lessen gaan over regels, niet over het dagelijks leven',
    insight:
      'De lessen Kennis van de Nederlandse Maatschappij leggen wetten uit, maar niet hoe je een afspraak maakt bij de huisarts of wat een ouderavond is.',
    opportunities: ['Laat ervaringsdeskundigen een deel van de KNM-lessen geven, met voorbeelden uit {plaats}.'],
    tips: ['Neem de klas mee naar het gemeentehuis, de bibliotheek en het consultatiebureau.'],
  },
  {
    part: 'pvt',
    indicators: ['bridges', 'rights'],
    title: 'Het participatieverklaringstraject is een formaliteit',
    insight:
      'Deelnemers zetten een handtekening en gaan naar huis. Over vrijheid en gelijkwaardigheid wordt nauwelijks gepraat.',
    opportunities: ['Organiseer het PVT als gesprek met inwoners van {plaats}, niet als les.'],
    tips: ['Een kop koffie met een buurtbewoner na afloop maakt het persoonlijk.'],
  },
  {
    part: 'leerroute',
    indicators: ['language', 'education'],
    title: 'De keuze voor een leerroute is niet uit te leggen',
    insight:
      'Mensen horen dat ze de B1-route of de Z-route volgen, maar niet waarom. Ze vergelijken zich met anderen en voelen zich tekortgedaan.',
    opportunities: ['Leg de keuze voor de leerroute uit met een plaatje en bespreek wat nodig is om over te stappen.'],
    tips: ['Vertel ook wat de route wél oplevert, niet alleen wat hij niet is.'],
  },
  {
    part: 'financial_unburdening',
    indicators: ['housing', 'stability'],
    title: 'De eerste maanden gaan op aan rekeningen',
    insight:
      'Na de verhuizing naar {plaats} komen de brieven over huur, energie en zorgverzekering tegelijk. Wie één betaling mist, raakt snel achter.',
    opportunities: [
      'Bied een budgetcoach aan vanaf de eerste week, die de vaste lasten samen met de inburgeraar regelt.',
    ],
    tips: ['Maak een overzicht met de vaste lasten op één A4, met data.'],
  },
  {
    part: 'financial_unburdening',
    indicators: ['stability', 'digital'],
    title: 'DigiD en de Mijn-omgevingen zijn een doolhof',
    insight:
      'Voor toeslagen, belastingen en de gemeente is steeds een ander portaal nodig. Inburgeraars vragen hun kinderen om hulp, die het ook niet weten.',
    opportunities: ['Organiseer in {plaats} een wekelijks digitaal spreekuur in de bibliotheek.'],
    tips: ['Help met het aanmaken van DigiD op de dag van inschrijving.'],
  },
  {
    part: 'communication',
    indicators: ['language', 'links'],
    title: 'Brieven zijn te moeilijk om te lezen',
    insight:
      'Brieven van de gemeente gebruiken woorden als "beschikking" en "bezwaartermijn". Zelfs op niveau B1 is niet duidelijk wat iemand moet doen.',
    opportunities: ['Zet bovenaan elke brief in twee zinnen wat de lezer moet doen en voor wanneer.'],
    tips: ['Laat een brief testen door twee leden van de expertpool voordat hij verstuurd wordt.'],
  },
  {
    part: 'other',
    indicators: ['health'],
    title: 'De weg naar de huisarts is onbekend',
    insight:
      'Nieuwkomers in {plaats} gaan met alles naar de spoedpost, omdat ze niet weten dat ze eerst een huisarts moeten kiezen.',
    opportunities: ['Schrijf iedere nieuwkomer in bij een huisarts tijdens de Brede Intake.'],
    tips: ['Leg het verschil tussen huisarts, huisartsenpost en 112 uit met drie voorbeelden.'],
  },
  {
    part: 'other',
    indicators: ['health', 'safety'],
    title: 'Psychische klachten blijven verborgen',
    insight:
      'Over slapeloosheid of zorgen om familie praten mensen niet met de klantmanager. Ze zijn bang dat het hun traject beïnvloedt.',
    opportunities: ['Zorg voor een vertrouwenspersoon buiten de gemeente, met wie inburgeraars vrij kunnen praten.'],
    tips: ['Zeg hardop dat praten over gezondheid geen gevolgen heeft voor de uitkering.'],
  },
  {
    part: 'other',
    indicators: ['leisure', 'bridges'],
    title: 'Sport en vereniging zijn onbereikbaar',
    insight:
      'Kinderen willen op voetbal, maar de contributie en de kleding zijn te duur en de aanmelding gaat via een website.',
    opportunities: ['Maak een sportfonds bekend bij iedere nieuwkomer en regel de aanmelding samen met de club.'],
    tips: ['Een trainer die op bezoek komt, haalt meer kinderen over dan een folder.'],
  },
  {
    part: 'other',
    indicators: ['bonds', 'bridges'],
    title: 'Alleen in een nieuwe wijk',
    insight: 'Mensen die in {plaats} een woning krijgen ver van landgenoten, voelen zich het eerste jaar erg alleen.',
    opportunities: ['Koppel nieuwkomers aan een buddy uit de eigen wijk voor de eerste drie maanden.'],
    tips: ['Een wandeling door de wijk met een buurman werkt beter dan een plattegrond.'],
  },
  {
    part: 'other',
    indicators: ['housing', 'safety'],
    title: 'Klachten over de woning blijven liggen',
    insight:
      'Schimmel of kapotte verwarming melden mensen niet bij de verhuurder, omdat ze bang zijn hun woning kwijt te raken.',
    opportunities: ['Leg bij de sleuteloverdracht uit hoe je een klacht meldt en dat dat je recht is.'],
    tips: ['Geef het telefoonnummer van de huurdersvereniging mee.'],
  },
  {
    part: 'map',
    indicators: ['work', 'language'],
    title: 'Taal leren en werken gaan niet samen',
    insight:
      'Wie een baan vindt, moet stoppen met de taalles, omdat de lessen overdag zijn. Zo blijft het Nederlands steken.',
    opportunities: ['Bied taalles in de avond en op zaterdag, of op de werkvloer samen met de werkgever.'],
    tips: ['Vraag werkgevers een uur per week taaltijd in het rooster te zetten.'],
  },
  {
    part: 'communication',
    indicators: ['digital', 'links'],
    title: 'Informatie staat alleen op de website',
    insight:
      'De website van de gemeente {plaats} is alleen in het Nederlands, en wie geen laptop heeft, vindt op de telefoon niets terug.',
    opportunities: ['Maak een korte video per onderwerp in de vijf meest gesproken talen, geschikt voor de telefoon.'],
    tips: ['Deel informatie ook via de groepsapps waarin nieuwkomers al zitten.'],
  },
  {
    part: 'brede_intake',
    indicators: ['education', 'culture'],
    title: 'Diploma’s worden niet gevraagd',
    insight:
      'In de Brede Intake gaat het over taal en werk, maar niemand vraagt naar diploma’s. Mensen met een universitaire opleiding komen in een te lage route.',
    opportunities: ['Vraag in de Brede Intake naar diploma’s en help met de waardering via het IDW.'],
    tips: ['Vraag ook naar diploma’s die nog in het land van herkomst liggen.'],
  },
  {
    part: 'pip',
    indicators: ['bonds', 'stability'],
    title: 'Gezinshereniging staat niet in het plan',
    insight:
      'Zolang familie nog niet in Nederland is, denken mensen aan weinig anders. Het PIP houdt daar geen rekening mee.',
    opportunities: ['Neem de situatie van het gezin op in het PIP en stel de planning bij als de familie komt.'],
    tips: ['Vraag bij elk gesprek eerst hoe het met de familie gaat.'],
  },
  {
    part: 'knm',
    indicators: ['rights', 'safety'],
    title: 'Niemand legt uit wat de politie doet',
    insight:
      'Wie in het land van herkomst slechte ervaringen met de politie had, durft in {plaats} geen aangifte te doen.',
    opportunities: ['Nodig een wijkagent uit in de KNM-les om kennis te maken.'],
    tips: ['Laat de wijkagent zonder uniform komen bij het eerste gesprek.'],
  },
];

/** Short evidence lines that make the generated insights differ from each other. */
export const EVIDENCE = [
  'Acht van de twaalf leden in de sessie herkenden dit.',
  'Bijna iedereen in de groep had hier zelf mee te maken.',
  'Vooral leden die korter dan twee jaar in Nederland wonen, noemden dit.',
  'Ook mensen die al langer hier wonen, zien dit nog bij nieuwkomers in hun netwerk.',
  'Dit kwam in drie van de vier bijeenkomsten terug.',
];

export const RESPONSE_TEXTS: Record<string, { explanation: string; action: string }[]> = {
  adopted: [
    {
      explanation: 'We nemen het advies over; het past bij het uitvoeringsplan inburgering.',
      action: 'Start in het eerste kwartaal met een proef van zes maanden.',
    },
    { explanation: 'Dit sluit aan bij wat onze klantmanagers ook zien.', action: 'Opnemen in de werkinstructie.' },
  ],
  partly: [
    {
      explanation: 'Een deel kunnen we binnen het budget doen, een ander deel niet.',
      action: 'We beginnen met de chat; de telefoonlijn volgt bij de begroting.',
    },
    {
      explanation: 'We doen het samen met de bibliotheek, niet als eigen loket.',
      action: 'Afspraak met de bibliotheek maken.',
    },
  ],
  not_adopted: [
    {
      explanation: 'De wet laat hier geen ruimte voor; we hebben het doorgegeven aan de VNG.',
      action: 'Signaal naar de ketenpartners.',
    },
  ],
  under_consideration: [
    {
      explanation: 'We bespreken het advies met de uitvoerders en de aanbieders.',
      action: 'Terugkoppeling aan de expertpool na het overleg.',
    },
  ],
};
