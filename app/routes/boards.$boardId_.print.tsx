import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { BoardStatic } from '~/boards/components/BoardStatic';
import { readBoardExport } from '~/boards/export.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { i18nWith, type Translation } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';
import { direction } from '~/i18n/locales';
import { translations } from '~/i18n/translations.server';
import { requireId } from '~/input/params.server';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('boards');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.board.title) : 'Expertpool' },
];

/**
 * The board as a printable page: the browser's print dialog also saves it as PDF. The board is printed in
 * its own language when it has one; the links around it stay in the reader's.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const readerLocale = await detectLocale(request);
  const found = await withUser(user, (tx) => readBoardExport(tx, boardId, readerLocale));
  if (!found) throw notFound();
  const { board, view, locale } = found;
  return json({
    board: { id: board.id, title: board.title, poolName: board.pool_name },
    view,
    locale,
    // The browser has only the page's language: the board's texts come along when they differ.
    boardTexts: locale === readerLocale ? null : ({ boards: translations[locale].boards } as Translation),
  });
}

export default function PrintPage() {
  const { t } = useTranslation();
  const { board, view, locale, boardTexts } = useLoaderData<typeof loader>();
  const boardI18n = useMemo(() => (boardTexts ? i18nWith(locale, boardTexts) : null), [locale, boardTexts]);
  const printed = (
    <div lang={locale} dir={direction(locale)}>
      <h1 dir="auto" id="print-title">
        {board.title}
      </h1>
      <p dir="auto" className="meta">
        {board.poolName}
      </p>
      <BoardStatic view={view} />
    </div>
  );
  return (
    <article className="print-page" aria-labelledby="print-title">
      <p className="no-print">
        <Link to={`/boards/${board.id}`}>{t('boards.backToBoard')}</Link>{' '}
        <button type="button" onClick={() => window.print()}>
          {t('boards.printNow')}
        </button>
      </p>
      {boardI18n ? <I18nextProvider i18n={boardI18n}>{printed}</I18nextProvider> : printed}
    </article>
  );
}
