import type { LoaderFunctionArgs } from '@remix-run/node';
import { publicAdviceAtom } from '~/advice/export.server';
import { latestPublicAdvice } from '~/advice/overview.server';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { i18nFor } from '~/i18n/i18n';

/** An Atom feed of newly published public advice; read as anon, so it never shows more than public. */
export async function loader(_: LoaderFunctionArgs) {
  const rows = await withUser(null, (tx) => latestPublicAdvice(tx));
  const { t } = i18nFor('nl');
  return new Response(publicAdviceAtom(rows, t, config.appUrl), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
}
