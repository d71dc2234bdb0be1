import { toCsv } from '~/csv.server';
import { Feed } from 'feed';
import type { TFunction } from 'i18next';
import { withoutBidiControls } from '~/bidi';
import { htmlText, plainText, sanitizeRichText } from './sanitize.server';
import type { exportRegister } from './search.server';
import type { latestPublicAdvice } from './overview.server';

type ExportRows = Awaited<ReturnType<typeof exportRegister>>;

/** The selection as CSV (quoting and the formula guard: ~/csv.server). */
export function registerCsv(
  rows: ExportRows,
  t: TFunction,
  appUrl: string,
  indicatorNames: Map<string, string>,
): string {
  const header = [
    t('advice.fields.title'),
    t('advice.fields.insight'),
    t('advice.fields.opportunities'),
    t('advice.fields.goldenTips'),
    t('advice.fields.indicators'),
    t('advice.fields.processPart'),
    t('advice.fields.status'),
    t('advice.fields.publishedAt'),
    t('advice.fields.pool'),
    t('advice.fields.latestResponse'),
    t('advice.fields.explanation'),
    t('advice.fields.link'),
  ];
  const body = rows.map((row) => [
    row.title,
    plainText(row.insight),
    row.opportunities.join('\n'),
    row.golden_tips.join('\n'),
    row.indicator_codes.map((code) => indicatorNames.get(code) ?? code).join(', '),
    t(`advice.processPart.${row.process_part}`),
    t(`advice.status.${row.status}`),
    row.published_at ? new Date(row.published_at).toISOString().slice(0, 10) : '',
    row.pool_name ?? '',
    row.latest_decision ? t(`advice.decision.${row.latest_decision}`) : '',
    row.latest_explanation ?? '',
    `${appUrl}/advice/${row.id}`,
  ]);
  return toCsv(header, body);
}

type FeedRows = Awaited<ReturnType<typeof latestPublicAdvice>>;

// Characters XML 1.0 does not allow at all (C0 controls but tab and line breaks, lone surrogates,
// U+FFFE/U+FFFF): Postgres text may hold them, and one would make the whole feed unreadable.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** HTML for an entry (the feed package writes titles, summaries and content as type="html"). */
const feedHtml = (html: string) => withoutBidiControls(html).replace(NOT_XML, '');

/**
 * An Atom feed of newly published public advice. Feed readers render the entries as HTML, so the
 * title and summary are escaped text and the content is the page's own allow-list of the insight
 * (sanitizeRichText) plus the opportunities as escaped list items.
 */
export function publicAdviceAtom(rows: FeedRows, t: TFunction, appUrl: string): string {
  const updated = rows[0]?.published_at ? new Date(rows[0].published_at) : new Date(0);
  const feed = new Feed({
    title: t('advice.feed.title'),
    description: t('advice.feed.description'),
    id: `${appUrl}/advice/feed.xml`,
    link: `${appUrl}/advice?visibility=public`,
    language: 'nl',
    updated,
    copyright: '',
    feedLinks: { atom: `${appUrl}/advice/feed.xml` },
  });
  for (const row of rows) {
    const opportunities = row.opportunities.map((o) => `<li>${htmlText(o)}</li>`).join('');
    feed.addItem({
      title: feedHtml(htmlText(row.title)),
      id: `${appUrl}/advice/${row.id}`,
      link: `${appUrl}/advice/${row.id}`,
      description: feedHtml(htmlText(plainText(row.insight).slice(0, 500))),
      content: feedHtml(sanitizeRichText(row.insight) + (opportunities ? `<ul>${opportunities}</ul>` : '')),
      date: new Date(row.published_at ?? row.updated_at),
      published: row.published_at ? new Date(row.published_at) : undefined,
    });
  }
  return feed.atom1();
}
