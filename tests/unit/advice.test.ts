import { describe, expect, it } from 'vitest';
import { diffText } from '~/advice/diff';
import { publicAdviceAtom, registerCsv } from '~/advice/export.server';
import { plainText, richTextFromInput, sanitizeRichText } from '~/advice/sanitize.server';
import { filtersToQuery } from '~/advice/filters';
import { MAX_QUERY_LENGTH, parseRegisterFilters } from '~/advice/schema.server';
import { i18nFor } from '~/i18n/i18n';
import { safeRecords, exported, HOSTILE_TEXTS } from '../exported-csv';

describe('rich text sanitising', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<iframe src="https://evil.example"></iframe>',
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)" style="color:red">tekst</p>',
    '<a href="javascript:alert(1)">klik</a>',
    '<svg><script>alert(1)</script></svg>',
    '<object data="x"></object><embed src="x">',
    '<a href="//evil.example">protocol-relative</a>',
  ];
  for (const payload of payloads) {
    it(`removes what could run: ${payload}`, () => {
      const clean = sanitizeRichText(payload);
      expect(clean).not.toMatch(/<script|<iframe|onerror|onclick|javascript:|<svg|<object|<embed|style=|\/\/evil/i);
    });
  }

  it('keeps paragraphs, emphasis, lists and safe links', () => {
    const html = '<p><strong>Let op</strong> <em>dit</em></p><ul><li>één</li></ul><a href="https://vng.nl">VNG</a>';
    expect(sanitizeRichText(html)).toBe(
      '<p><strong>Let op</strong> <em>dit</em></p><ul><li>één</li></ul><a href="https://vng.nl" rel="noopener noreferrer nofollow">VNG</a>',
    );
  });

  it('turns typed text into paragraphs, with its angle brackets as text', () => {
    expect(richTextFromInput('Eerste regel\ntweede\n\nNieuwe alinea 3 < 4')).toBe(
      '<p>Eerste regel<br>tweede</p><p>Nieuwe alinea 3 &lt; 4</p>',
    );
    expect(plainText('<p>Eén &amp; twee</p><p>drie</p>')).toBe('Eén & twee\ndrie');
  });
});

describe('CSV export', () => {
  const { t } = i18nFor('nl');
  const row = (text: string, i: number) => ({
    id: `00000000-0000-4000-8000-00000000000${i % 10}`,
    title: text,
    insight: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
    opportunities: [text, `${i}: ${text}`],
    golden_tips: [text],
    indicator_codes: ['work'],
    process_part: 'map',
    status: 'published',
    visibility: 'public',
    published_at: new Date('2026-10-01T10:00:00Z'),
    pool_name: text,
    latest_decision: 'adopted',
    latest_explanation: text,
  });

  it('keeps hostile text in every column in its own cell, as typed, and never lets a spreadsheet run it', () => {
    for (const text of HOSTILE_TEXTS) {
      const csv = registerCsv([row(text, 1)], t, 'https://expertpool.example', new Map([['work', text]]));
      const [header, cells] = safeRecords(csv);
      expect(header).toHaveLength(12);
      expect(cells).toEqual([
        exported(text),
        exported(plainText(row(text, 1).insight)),
        exported(`${text}\n1: ${text}`),
        exported(text),
        exported(text),
        'MAP',
        'Gepubliceerd',
        '2026-10-01',
        exported(text),
        'Overgenomen',
        exported(text),
        'https://expertpool.example/advice/00000000-0000-4000-8000-000000000001',
      ]);
    }
  });
});

describe('the public Atom feed', () => {
  const { t } = i18nFor('nl');
  const TITLE = 'Tolk <img src=x onerror=alert(1)> & "co" ]]> \u0001\u202Egnp.exe';
  const feed = publicAdviceAtom(
    [
      {
        id: '00000000-0000-4000-8000-000000000001',
        title: TITLE,
        insight:
          '<p>Typed: &lt;script&gt;alert(1)&lt;/script&gt; and &amp;lt;img src=x onerror=alert(2)&amp;gt;</p>' +
          '<script>alert(3)</script><p onclick="alert(4)"><a href="javascript:alert(5)">klik</a> ]]&gt;</p>',
        opportunities: ['<iframe src="https://evil.example"></iframe>', 'Bel \u2067مرحبا\u2069 op'],
        published_at: new Date('2026-10-01T10:00:00Z'),
        updated_at: new Date('2026-10-01T10:00:00Z'),
      },
    ],
    t,
    'https://expertpool.example',
  );
  /** An element's text: its CDATA sections joined (a "]]>" in the text splits one in two). */
  const htmlOf = (element: string) => {
    const inner = new RegExp(`<${element} type="html">([\\s\\S]*?)</${element}>`).exec(feed)?.[1] ?? '';
    return inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  };
  const decoded = (html: string) =>
    html
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');

  it('holds only characters XML allows', () => {
    expect(feed).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  });

  it('sends title and summary as text that a reader shows literally', () => {
    const title = htmlOf('title');
    expect(title).not.toContain('<');
    expect(decoded(title)).toBe('Tolk <img src=x onerror=alert(1)> & "co" ]]> gnp.exe');
    const summary = htmlOf('summary');
    expect(summary).not.toContain('<');
    expect(decoded(summary)).toContain('Typed: <script>alert(1)</script> and &lt;img src=x onerror=alert(2)&gt;');
  });

  it("sends content the page's allow-list keeps as it is: no script, event handler or javascript: link", () => {
    const content = htmlOf('content');
    expect(content).toBe(sanitizeRichText(content));
    const tags = content.match(/<\/?[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) {
      expect(tag).toMatch(/^<\/?(p|br|strong|em|b|i|ul|ol|li|blockquote|a)[\s>]/);
      expect(tag).not.toMatch(/\son\w+=|javascript:/i);
    }
    expect(content).toContain('<li>&lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;</li>');
    expect(content).toContain('<li>Bel مرحبا op</li>');
  });
});

describe('register filters from a query string', () => {
  it('keeps valid filters and drops the rest', () => {
    const filters = parseRegisterFilters(
      new URLSearchParams({
        q: ' taal ',
        indicator: 'language',
        domain: 'nope',
        region: 'x',
        sort: 'title',
        page: '2',
      }),
    );
    expect(filters).toMatchObject({ q: 'taal', indicator: 'language', sort: 'title', page: 2 });
    expect(filters.domain).toBeUndefined();
    expect(filters.region).toBeUndefined();
    expect(filtersToQuery(filters)).toBe('q=taal&indicator=language&sort=title');
  });

  it('cuts very long searches and removes control characters', () => {
    const filters = parseRegisterFilters(new URLSearchParams({ q: `a\u0000b${'x'.repeat(20_000)}` }));
    expect(filters.q.length).toBe(MAX_QUERY_LENGTH);
    expect(filters.q).not.toContain('\u0000');
  });
});

describe('version diff', () => {
  it('marks added and removed words', () => {
    const parts = diffText('een tolk bij de intake', 'een vaste tolk bij de Brede Intake');
    expect(parts.filter((p) => p.change === 'added').map((p) => p.value.trim())).toEqual(
      expect.arrayContaining(['vaste', 'Brede Intake']),
    );
    expect(parts.filter((p) => p.change === 'removed').map((p) => p.value.trim())).toContain('intake');
  });
});
