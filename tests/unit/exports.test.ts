import { describe, expect, it } from 'vitest';
import { attachmentHeader } from '~/http.server';
import { i18nFor } from '~/i18n/i18n';
import { monitoringCsv } from '~/monitoring/export.server';
import type { Monitoring } from '~/monitoring/queries.server';
import { membersCsv } from '~/people/export.server';
import { safeRecords, exported, HOSTILE_TEXTS } from '../exported-csv';

const { t } = i18nFor('nl');

describe('the member export', () => {
  it('keeps hostile text in every column in its own cell, as typed, and never lets a spreadsheet run it', () => {
    for (const text of HOSTILE_TEXTS) {
      const member = {
        pool_id: '00000000-0000-4000-8000-000000000001',
        user_id: '00000000-0000-4000-8000-000000000002',
        pool_name: text,
        display_name: text,
        municipality_name: text,
        arrival_year: 2019,
        languages: [text, 'nl'],
        themes: [text],
        availability: [text],
        route: text as 'b1',
        contact_preference: text as 'email',
        email: text,
        phone: text,
      };
      const [header, cells] = safeRecords(membersCsv([member], t));
      expect(header).toHaveLength(11);
      expect(cells).toEqual([
        exported(text),
        exported(text),
        exported(text),
        '2019',
        exported(`${text} nl`),
        exported(text),
        exported(text),
        exported(text),
        exported(text),
        exported(text),
        exported(text),
      ]);
    }
  });
});

describe('the monitoring export (figures, questionnaire results, signals, advice)', () => {
  /** One core indicator whose every piece of text, from the goal to the questionnaire's wave, is `text`. */
  const monitoring = (text: string): Monitoring => ({
    indicators: [],
    months: ['2026-03-01'],
    sources: [],
    benchmarkMeasures: [],
    goals: [
      {
        id: 'g',
        title: text,
        progress: { on_track: 0, behind: 0, no_data: 1 },
        advice: [],
        outputs: [
          {
            id: 'o',
            title: text,
            description: text,
            coreIndicators: [
              {
                id: 'c',
                description: text,
                dataSource: text,
                sourceId: null,
                sourceKind: null,
                direction: null,
                unit: '',
                benchmarkMeasure: null,
                comparison: null,
                targets: [],
                progress: { status: 'no_data', target: null, expected: null },
                management: [],
                managementProgress: { on_track: 0, behind: 0, no_data: 0 },
                indicators: [{ code: 'work', name: text }],
                values: [
                  {
                    id: 'v',
                    core_indicator_id: 'c',
                    period_kind: 'year',
                    period_start: '2025-01-01',
                    value: -3,
                    unit: text,
                    note: text,
                    source: 'import',
                    file_name: text,
                    updated_at: '2026-01-01',
                  },
                ],
                scores: [
                  {
                    questionnaire_id: 'q',
                    title_nl: text,
                    title_en: text,
                    title_ar: text,
                    title: text,
                    wave_id: 'w',
                    wave_name: text,
                    opens_on: '2026-01-01',
                    group_id: 'g',
                    group_key: null,
                    group_name: text,
                    indicator_code: 'work',
                    respondents: 7,
                    mean_score: 3.5,
                    hidden: null,
                  },
                ],
                signals: [{ code: 'work', name: text, counts: [null] }],
                advice: [
                  {
                    core_indicator_id: 'c',
                    id: 'a',
                    title: text,
                    status: 'published',
                    published_at: '2026-02-01',
                    latest_decision: null,
                    latest_response_at: null,
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  });

  it('keeps hostile text in every column in its own cell, as typed, and never lets a spreadsheet run it', () => {
    for (const text of HOSTILE_TEXTS) {
      const [header, ...records] = safeRecords(monitoringCsv(monitoring(text), t, 'https://expertpool.example'));
      expect(header).toHaveLength(11);
      const tree = [exported(text), exported(text), exported(text), exported(text), exported(text)];
      expect(records).toEqual([
        [...tree, 'Cijfer', '2025', '-3', exported(text), '', exported(`Import ${text} — ${text}`)],
        [
          ...tree,
          'Vragenlijstscore',
          exported(`${text} (2026-01-01)`),
          '3.5',
          '1–5',
          '7',
          exported(`${text} · ${text} · ${text}`),
        ],
        [...tree, 'Signalen', '2026-03', '<5', '', '', exported(text)],
        [
          ...tree,
          'Advies',
          '2026-02-01',
          'Gepubliceerd',
          '',
          '',
          `${exported(text)} — https://expertpool.example/advice/a`,
        ],
      ]);
    }
  });
});

describe('download names made from stored titles', () => {
  /** The name a browser saves the file under: RFC 6266 prefers filename* over filename. */
  const savedAs = (header: string) => decodeURIComponent(/filename\*=UTF-8''([^;]+)$/.exec(header)![1]!);
  const fallback = (header: string) => /filename="([^"]*)"/.exec(header)![1];

  it('keep letters of any script, and lose quotes, line breaks, slashes and direction controls', () => {
    const cases: [string, string, string][] = [
      ['Één: de Brede Intake / PIP?', 'Één de Brede Intake PIP.ics', 'een-de-brede-intake-pip.ics'],
      ['لقاء الخبراء', 'لقاء الخبراء.ics', 'bijeenkomst.ics'],
      [
        'a"; filename="evil.exe\r\nSet-Cookie: x=1',
        'a filename evil exe Set-Cookie x 1.ics',
        'a-filename-evil-exe-set-cookie-x-1.ics',
      ],
      ['Notulen \u202Eexe.md', 'Notulen exe md.ics', 'notulen-exe-md.ics'],
      ['..\\..\\boot.ini', 'boot ini.ics', 'boot-ini.ics'],
      ['"";\u2066', 'bijeenkomst.ics', 'bijeenkomst.ics'],
      ['𠀀'.repeat(100), `${'𠀀'.repeat(80)}.ics`, 'bijeenkomst.ics'],
    ];
    for (const [title, name, ascii] of cases) {
      const header = attachmentHeader(title, 'ics', 'bijeenkomst');
      expect(header).toMatch(/^attachment; filename="[ -~]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
      expect([savedAs(header), fallback(header)]).toEqual([name, ascii]);
    }
  });
});
