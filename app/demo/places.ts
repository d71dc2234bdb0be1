/** The five regions of seed 002 with real municipalities in each. */
export const REGIONS: { slug: string; name: string; municipalities: string[] }[] = [
  {
    slug: 'alkmaar',
    name: 'Regio Alkmaar',
    municipalities: ['Alkmaar', 'Bergen (NH)', 'Castricum', 'Dijk en Waard', 'Heiloo', 'Uitgeest'],
  },
  {
    slug: 'rotterdam',
    name: 'Regio Rotterdam',
    municipalities: [
      'Rotterdam',
      'Schiedam',
      'Vlaardingen',
      'Capelle aan den IJssel',
      'Barendrecht',
      'Maassluis',
      'Ridderkerk',
      'Lansingerland',
    ],
  },
  {
    slug: 'twente',
    name: 'Regio Twente',
    municipalities: [
      'Enschede',
      'Hengelo',
      'Almelo',
      'Oldenzaal',
      'Borne',
      'Haaksbergen',
      'Hof van Twente',
      'Rijssen-Holten',
    ],
  },
  {
    slug: 'zwolle',
    name: 'Regio Zwolle',
    municipalities: ['Zwolle', 'Kampen', 'Dalfsen', 'Hardenberg', 'Raalte', 'Staphorst', 'Zwartewaterland', 'Meppel'],
  },
  {
    slug: 'friesland',
    name: 'Friesland',
    municipalities: [
      'Leeuwarden',
      'Súdwest-Fryslân',
      'Smallingerland',
      'Heerenveen',
      'De Fryske Marren',
      'Harlingen',
      'Waadhoeke',
      'Noardeast-Fryslân',
    ],
  },
];
