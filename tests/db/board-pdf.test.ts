import * as fontkit from 'fontkit';
import { getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, updateCard } from '~/boards/doc';
import { readBoardExport } from '~/boards/export.server';
import { boardPdf, PDF_TEXT_MAX, type PdfLabels } from '~/boards/pdf.server';
import { loadBoardState } from '~/boards/queries.server';
import { castVote, openVoteRound, revealVoteRound } from '~/boards/votes.server';
import { runAs, runAsSystem } from '~/db/with-user.server';
import type { Locale } from '~/i18n/locales';
import { freshDatabase } from './database';
import { actualTexts, drawnTexts, embeddedFontFile, pdfString, rawContent } from './pdf-file';
import { worldOf, type World } from './fixtures';

/**
 * The board's PDF made from the demo data as the export route reads it, then read back with pdf.js
 * (through unpdf): what a person would copy out of the file, and where on the page it stands.
 */
let world: World;
let close: () => Promise<void>;
let intakeId: string;
let tipsId: string;

const as = <T>(
  actor: 'memberA' | 'memberB' | 'coordinator' | 'outsideCoordinator' | 'reader' | 'admin',
  work: Parameters<typeof runAs<T>>[2],
) => runAs(world.database, world.claims(actor), work);

/** Appends a change to a stored board, as the collab-server would after a person made it. */
async function editBoard(boardId: string, edit: (doc: Y.Doc) => void) {
  await runAsSystem(world.database, async (tx) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadBoardState(tx, boardId))!);
    const before = Y.encodeStateVector(doc);
    edit(doc);
    await tx
      .insertInto('board_updates')
      .values({ board_id: boardId, update: Y.encodeStateAsUpdate(doc, before) })
      .execute();
    doc.destroy();
  });
}

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  const ids = await runAsSystem(database, (tx) => tx.selectFrom('boards').select(['id', 'title']).execute());
  intakeId = ids.find((b) => b.title.startsWith('Brede Intake'))!.id;
  tipsId = ids.find((b) => b.title === 'Gouden tips voor de gemeente')!.id;
  await editBoard(intakeId, (doc) => {
    updateCard(doc, 'seed-letter', { mark: 'insight' });
    updateCard(doc, 'starter-1', { mark: 'golden_tip' });
    addCard(doc, {
      id: 'arabic-card',
      section: 'conversation',
      text: 'مترجم فوري Expertpool 2026 من حلب',
      colour: 'green',
      authorId: world.ids.memberA,
      authorName: 'أمل',
    });
    addCard(doc, {
      id: 'arabic-phone',
      section: 'conversation',
      text: 'اتصل على 072-5114000 اليوم',
      colour: 'yellow',
      authorId: world.ids.memberA,
      authorName: 'أمل',
    });
    addCard(doc, {
      id: 'dutch-aleppo',
      section: 'conversation',
      text: 'Bel de gemeente (حلب) vandaag.',
      colour: 'yellow',
      authorId: world.ids.memberA,
      authorName: 'Yonas',
    });
  });
  await as('coordinator', (tx) => openVoteRound(tx, intakeId, 3));
  for (const card of ['starter-1', 'starter-1', 'arabic-card'])
    await as('memberA', (tx) => castVote(tx, intakeId, card, 1));
  await as('coordinator', (tx) => revealVoteRound(tx, intakeId));
});
afterAll(() => close());

const LABELS: Record<'nl' | 'ar' | 'ti', PdfLabels> = {
  nl: {
    madeOn: (date) => `gemaakt op ${date}`,
    cards: 'Kaartjes',
    anonymous: 'Anoniem',
    votes: (n) => `${n} stippen`,
    recognised: (n) => `${n} herkent dit`,
    insight: 'Inzicht',
    goldenTip: 'Gouden tip',
    ranking: 'Rangorde van de stemronde',
    noRevealedVotes: 'Nog geen stemronde onthuld.',
    noVotes: 'Niemand gaf een stip.',
    insights: 'Inzichten',
    goldenTips: 'Gouden tips',
    noneMarked: 'Geen kaartjes gemarkeerd.',
    page: (page, total) => `Pagina ${page} van ${total}`,
  },
  ar: {
    madeOn: (date) => `أُنشئ في ${date}`,
    cards: 'البطاقات',
    anonymous: 'مجهول',
    votes: (n) => `${n} نقاط`,
    recognised: (n) => `${n} يعرفون هذا`,
    insight: 'رؤية',
    goldenTip: 'نصيحة ذهبية',
    ranking: 'ترتيب جولة التصويت',
    noRevealedVotes: 'لم يُكشف عن أي جولة تصويت بعد.',
    noVotes: 'لم يعطِ أحد نقطة.',
    insights: 'رؤى',
    goldenTips: 'نصائح ذهبية',
    noneMarked: 'لا توجد بطاقات مميَّزة.',
    page: (page, total) => `الصفحة ${page} من ${total}`,
  },
  // As app/i18n/ti/boards.json has them.
  ti: {
    madeOn: (date) => `ዝተሰርሐሉ ዕለት ${date}`,
    cards: 'ካርድታት',
    anonymous: 'ስም ዘይብሉ',
    votes: (n) => `${n} ነጥብታት`,
    recognised: (n) => `${n} ሰባት ነዚ ይፈልጥዎ`,
    insight: 'ርድኢት',
    goldenTip: 'ወርቃዊ ምኽሪ',
    ranking: 'ደረጃ ዙር ድምጺ',
    noRevealedVotes: 'ክሳብ ሕጂ ዝተገልጸ ዙር ድምጺ የለን።',
    noVotes: 'ነጥቢ ዝሃበ የለን።',
    insights: 'ርድኢታት',
    goldenTips: 'ወርቃዊ ምኽርታት',
    noneMarked: 'ዝተመልከቱ ካርድታት የለዉን።',
    page: (page, total) => `ገጽ ${page} ካብ ${total}`,
  },
};

async function pdfBytes(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  page: number;
  /** Drawn inside an /ActualText span: pdf.js reads its glyphs, `shaped` has the typed text. */
  inSpan: boolean;
}

/** Every text piece with its place; pdf.js gives right-to-left pieces in their typed order. */
async function readPdf(bytes: Uint8Array) {
  // pdf.js takes over the buffer it is given: read the raw bytes first.
  const raw = rawContent(bytes);
  const shaped = actualTexts(bytes);
  const pdf = await getDocumentProxy(bytes);
  const items: Item[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent({ includeMarkedContent: true });
    let inSpan = false;
    for (const item of content.items) {
      // The ActualText spans are the only marked content with properties this file has.
      if ('type' in item) inSpan = item.type === 'beginMarkedContentProps';
      if (!('str' in item) || item.str.trim() === '') continue;
      // pdf.js marks the joins fontkit adds inside Arabic words with control characters: not text.
      items.push({
        str: item.str.replace(/[\u0000-\u001F]/g, ''),
        x: item.transform[4],
        y: item.transform[5],
        width: item.width,
        page: n,
        inSpan,
      });
    }
  }
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  return { pages: pdf.numPages, items, shaped, text: items.map((i) => i.str).join(' '), info, raw };
}

interface Placed {
  text: string;
  x: number;
  y: number;
  /** Unknown (0) for a shaped word, which is always looked up whole. */
  width: number;
}

/**
 * What is drawn on the line of `anchor` (a text pdf.js reads back as is), from left to right: pdf.js's
 * items, with the shaped words as typed in place of its reading of their glyphs.
 */
function lineOf(pdf: Awaited<ReturnType<typeof readPdf>>, anchor: string): Placed[] {
  const at = pdf.items.find((item) => item.str.includes(anchor))!;
  // Within half a line: a piece that slipped off the line's baseline is still found, and fails the checks on y.
  const near = (place: { page: number; y: number }) => place.page === at.page && Math.abs(place.y - at.y) < 7;
  return [
    ...pdf.items
      .filter((item) => near(item) && !item.inSpan)
      .map(({ str, x, y, width }) => ({ text: str, x, y, width })),
    ...pdf.shaped.filter(near).map(({ text, x, y }) => ({ text, x, y, width: 0 })),
  ].sort((a, b) => a.x - b.x);
}

/** Where `text` starts on the line; items are split per run or word as pdf.js likes, so within one it is estimated. */
function xOf(line: Placed[], text: string): number {
  const pieces = line.filter((piece) => piece.text.includes(text));
  expect(
    pieces.map((piece) => piece.text),
    text,
  ).toHaveLength(1);
  const piece = pieces[0]!;
  return piece.x + (piece.width * piece.text.indexOf(text)) / piece.text.length;
}

function expectLeftToRight(line: Placed[], texts: string[]) {
  const xs = texts.map((text) => xOf(line, text));
  for (let i = 1; i < xs.length; i++) expect(xs[i], `${texts[i - 1]} left of ${texts[i]}`).toBeGreaterThan(xs[i - 1]!);
}

async function exportAs(actor: Parameters<typeof as>[0], boardId: string, locale: Locale) {
  return as(actor, (tx) => readBoardExport(tx, boardId, locale));
}

async function makePdf(boardId: string, locale: 'nl' | 'ar') {
  const found = (await exportAs('coordinator', boardId, locale))!;
  const stream = boardPdf(
    { title: found.board.title, poolName: found.board.pool_name, date: '5 december 2026' },
    found.view,
    locale,
    LABELS[locale],
  );
  return readPdf(await pdfBytes(stream));
}

describe('who may export a board', () => {
  it('the pool reads it; another pool, an outside coordinator and a reader of an unshared board get nothing', async () => {
    expect(await exportAs('coordinator', intakeId, 'nl')).not.toBeNull();
    expect(await exportAs('memberA', intakeId, 'nl')).not.toBeNull();
    expect(await exportAs('admin', intakeId, 'nl')).not.toBeNull();
    expect(await exportAs('memberB', intakeId, 'nl')).toBeNull();
    expect(await exportAs('outsideCoordinator', intakeId, 'nl')).toBeNull();
    expect(await exportAs('reader', intakeId, 'nl')).toBeNull();
    // The board shared with the municipality: the reader reads it, still without the anonymous author.
    const shared = (await exportAs('reader', tipsId, 'nl'))!;
    const tip = shared.view.sections.flatMap((s) => s.cards).find((c) => c.id === 'seed-tip')!;
    expect(tip.authorName).toBeNull();
    expect(JSON.stringify(shared.view)).not.toContain(world.ids.memberA);
  });
});

describe('the PDF of a board', () => {
  it('in Dutch: title, pool, sections, cards with authors, the ranking, insights, golden tips, page numbers, language', async () => {
    const pdf = await makePdf(intakeId, 'nl');
    for (const expected of [
      'Brede Intake: zo voelt het eerste gesprek',
      'Expertpool Regio Alkmaar · gemaakt op 5 december 2026',
      'Eerste contact',
      'Het gesprek',
      'Een korte uitnodiging met een plaatje van het gebouw en de route',
      'Een tolk die ik zelf mag kiezen',
      'Rangorde van de stemronde',
      '1. 2 stippen',
      '2. 1 stippen',
      'Inzichten',
      'Gouden tips',
      `Pagina 1 van ${pdf.pages}`,
    ]) {
      expect(pdf.items.some((item) => item.str === expected) || pdf.text.includes(expected), expected).toBe(true);
    }
    expect(pdf.text).toMatch(/Yonas · 1 herkent dit · Inzicht/);
    expect(pdf.info.Title).toBe('Brede Intake: zo voelt het eerste gesprek');
    expect(pdf.raw).toMatch(/\/Lang \(nl\)/);
    // A4 in points.
    const page = await (await getDocumentProxy(await pdfBytes(await reopen(intakeId, 'nl')))).getPage(1);
    expect(page.view.map(Math.round)).toEqual([0, 0, 595, 842]);
  });

  it('the anonymous card stays anonymous', async () => {
    const pdf = await makePdf(tipsId, 'nl');
    expect(pdf.text).toContain('Vraag in het eerste gesprek welke taal iemand het best begrijpt');
    expect(pdf.text).toContain('Anoniem');
    expect(pdf.text).not.toMatch(/Yonas/);
  });

  it('in Arabic: Arabic section titles as typed text, right-aligned, a Latin run in its own order', async () => {
    const pdf = await makePdf(intakeId, 'ar');
    expect(pdf.raw).toMatch(/\/Lang \(ar\)/);
    // Glyph by glyph pdf.js mixes up letters that share a shape in Noto Sans Arabic (below): the heading's
    // words are checked as the typed text the file carries for copying and search.
    for (const word of ['ترتيب', 'جولة', 'التصويت']) expect(pdf.raw).toContain(`/ActualText ${pdfString(word)}`);
    expect(pdf.raw).toContain(`/ActualText ${pdfString('الصفحة')}`);
    // The Arabic card: "مترجم فوري Expertpool 2026 من حلب". pdf.js reads Noto Sans Arabic glyph by glyph and
    // mixes up letters that share a shape (the words' places are read from their ActualText below, in "the
    // order of mixed text on a line"); the Latin run inside it keeps its own order.
    const words = pdf.items.map((item) => ({ ...item, str: item.str.replace(/\s/g, '') }));
    expect(words.filter((item) => item.str === 'Expertpool2026')).toHaveLength(2); // the card, and the ranking
    // Right-aligned: a right-to-left card's bullet ends at the right margin less the card's indent (A4: 595.28 pt).
    const bullets = words.filter((i) => i.str === '•');
    expect(bullets.some((bullet) => Math.abs(bullet.x + bullet.width - (595.28 - 56 - 8)) < 1)).toBe(true);
    // Glyph by glyph, pdf.js reads حلب as جلب (Noto draws both on one shape): the typed words are in the
    // file as ActualText, which Acrobat and poppler read for copying and search.
    expect(pdf.raw).toContain(`/ActualText ${pdfString('حلب')}`);
    expect(pdf.raw).toContain(`/ActualText ${pdfString('مترجم')}`);
    // A Dutch card on an Arabic board keeps its own direction: it starts at the left margin.
    const dutch = words.find((i) => i.str.includes('Eentolkdieikzelf'))!;
    expect(dutch.x).toBeCloseTo(56 + 8, 0);
  });
});

async function reopen(boardId: string, locale: 'nl' | 'ar') {
  const found = (await exportAs('coordinator', boardId, locale))!;
  return boardPdf(
    { title: found.board.title, poolName: found.board.pool_name, date: '5 december 2026' },
    found.view,
    locale,
    LABELS[locale],
  );
}

describe('bold text in every script', () => {
  it('in Tigrinya: headings in Noto Sans Ethiopic Bold, cards in its regular face, every glyph with an outline; a Dutch title in Noto Sans Bold', async () => {
    const found = (await exportAs('coordinator', intakeId, 'ti'))!;
    const section = found.view.sections[0]!;
    const template = found.view.sections.flatMap((s) => s.cards)[0]!;
    section.cards.push({ ...template, id: 'tigrinya', text: 'ሓደ ካርድ ብትግርኛ', authorName: 'ዮናስ', mark: null });
    const bytes = await pdfBytes(
      boardPdf(
        { title: found.board.title, poolName: found.board.pool_name, date: '5 ታሕሳስ 2026' },
        found.view,
        'ti',
        LABELS.ti,
      ),
    );
    const drawn = drawnTexts(bytes);
    // pdfkit draws a line word by word (each piece at its own x): each word of a text is found in its font.
    const fontsOf = (text: string): [string, string[]][] =>
      text.split(' ').map((word) => [word, [...new Set(drawn.filter((d) => d.text === word).map((d) => d.font))]]);
    // Headings: the section title in the board's language, and the PDF's own ones.
    for (const heading of [
      section.title,
      LABELS.ti.ranking,
      LABELS.ti.insights,
      LABELS.ti.goldenTips,
      LABELS.ti.cards,
    ]) {
      expect(heading).toMatch(/^[\u1200-\u137F ]+$/);
      for (const [word, fonts] of fontsOf(heading)) expect(fonts, word).toContain('NotoSansEthiopic-Bold');
    }
    for (const [word, fonts] of fontsOf('ሓደ ካርድ ብትግርኛ')) expect(fonts, word).toEqual(['NotoSansEthiopic-Regular']);
    // The board's title is Dutch: Latin in Noto Sans's own bold, as before.
    for (const [word, fonts] of fontsOf('Brede Intake: zo voelt het eerste gesprek')) {
      // (Some of its words are in cards too, in the regular face.)
      expect(fonts, word).toContain('NotoSans-Bold');
    }
    // The variable WOFF2 used before was embedded with every outline empty: text that copies but does not show.
    for (const name of ['NotoSansEthiopic-Bold', 'NotoSansEthiopic-Regular']) {
      const font = fontkit.create(embeddedFontFile(bytes, name));
      if (!('getGlyph' in font)) throw new Error(`${name} is a collection`);
      const glyphs = drawn.filter((d) => d.font === name).flatMap((d) => d.glyphs);
      expect(glyphs.length, name).toBeGreaterThan(20);
      for (const glyph of glyphs)
        expect(font.getGlyph(glyph).path.commands.length, `${name} glyph ${glyph}`).toBeGreaterThan(0);
    }
  });
});

describe('hostile card text', () => {
  it('NUL bytes and a 1 MB card are drawn in bounded time, cut with an ellipsis', async () => {
    const found = (await exportAs('coordinator', intakeId, 'nl'))!;
    const section = found.view.sections[0]!;
    const template = section.cards[0] ?? found.view.sections.flatMap((s) => s.cards)[0]!;
    section.cards.push(
      { ...template, id: 'nul', text: 'voor\u0000na\u0000\u0000einde', authorName: 'Nul\u0000naam' },
      { ...template, id: 'huge', text: 'x'.repeat(1024 * 1024) },
      { ...template, id: 'words', text: 'woord '.repeat(200_000) },
    );
    const pdf = await readPdf(
      await pdfBytes(boardPdf({ title: 'T\u0000', poolName: 'P', date: 'd' }, found.view, 'nl', LABELS.nl)),
    );
    expect(pdf.text).toContain('voornaeinde');
    expect(pdf.text).toContain('Nulnaam');
    expect(pdf.text).toContain('…');
    // Two texts of at most PDF_TEXT_MAX characters: a few pages each, not hundreds.
    expect(pdf.pages).toBeLessThan(20);
    // The cut card is an insight: it is drawn in its section and again in the list of insights, each time
    // as one paragraph "• text" cut at PDF_TEXT_MAX characters.
    const xs = pdf.items
      .filter((item) => /^(• )?[x…\s]+$/.test(item.str))
      .reduce((sum, item) => sum + item.str.replace(/[^x]/g, '').length, 0);
    expect(xs).toBe(2 * (PDF_TEXT_MAX - '• '.length));
  });
});

describe('the order of mixed text on a line', () => {
  it.each(['ar', 'nl'] as const)('in a %s export, each card in its own direction', async (locale) => {
    const pdf = await makePdf(intakeId, locale);

    // "اتصل على 072-5114000 اليوم" runs right to left, so its first word is rightmost. Digits after an
    // Arabic letter are Arabic numbers to the bidi algorithm, and a hyphen does not join two of those (rules
    // W2 and W4): the two numbers take the line's direction, 5114000 left of 072, as a browser shows the card.
    const arabic = lineOf(pdf, '5114000');
    expectLeftToRight(arabic, ['اليوم', '5114000', '-', '072', 'على', 'اتصل', '•']);
    // Right-aligned: the bullet ends at the right margin less the card's indent (A4: 595.28 pt). It is
    // drawn with ActualText like the Arabic words; pdf.js's reading of it has the width.
    const drawn = arabic.find((piece) => piece.text === '•')!;
    const bullet = pdf.items.find((item) => item.str === '•' && item.x === drawn.x && item.y === drawn.y)!;
    expect(bullet.x + bullet.width).toBeCloseTo(595.28 - 56 - 8, 0);
    for (const piece of arabic) expect(piece.y, piece.text).toBeCloseTo(bullet.y, 1);

    // "Bel de gemeente (حلب) vandaag.": left to right, the Arabic word between its brackets, the full stop last.
    const dutch = lineOf(pdf, 'vandaag');
    expectLeftToRight(dutch, ['Bel', '(', 'حلب', ')', 'vandaag']);
    expect(dutch[0]!.x).toBeCloseTo(56 + 8, 0);
    expect(dutch.at(-1)!.text).toMatch(/\.$/);
    for (const piece of dutch) expect(piece.y, piece.text).toBeCloseTo(dutch[0]!.y, 1);
  });
});
