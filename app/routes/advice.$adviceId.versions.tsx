import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { diffText, type DiffPart } from '~/advice/diff';
import { getAdvice, listVersions } from '~/advice/queries.server';
import { plainText } from '~/advice/sanitize.server';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { formatDate } from '~/i18n/format';
import { requireId } from '~/input/params.server';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle<{ title: string }>('advice.versions.title', (data) => ({ title: data.title }));

export const handle = texts('advice');
export const clientLoader = textsFirst(handle);

/** The text of a version as one comparable document. */
function asText(v: { title: string; insight: string; opportunities: string[]; golden_tips: string[] }): string {
  return [v.title, plainText(v.insight), v.opportunities.join('\n'), v.golden_tips.join('\n')].join('\n\n');
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const adviceId = requireId(params.adviceId);
  const data = await withUser(user, async (tx) => {
    const advice = await getAdvice(tx, adviceId, user.id);
    // RLS shows versions to the pool and admins only; others get an empty list, so say not found.
    const versions = advice ? await listVersions(tx, adviceId, advice.pool_id) : [];
    if (!advice || versions.length === 0) throw notFound();
    return { title: advice.title, id: advice.id, versions };
  });
  const { versions } = data;
  const withDiffs = versions.map((v, i) => {
    const previous = versions[i + 1];
    return {
      version: v.version,
      editor: v.editor,
      created_at: v.created_at,
      previous: previous?.version ?? null,
      diff: previous ? diffText(asText(previous), asText(v)) : null,
    };
  });
  return json({ title: data.title, id: data.id, versions: withDiffs });
}

export default function AdviceVersions() {
  const { t, i18n } = useTranslation();
  const { title, id, versions } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="versions-title">
      <p>
        <Link to={`/advice/${id}`}>{title}</Link>
      </p>
      <h1 id="versions-title">{t('advice.versions.title', { title })}</h1>
      <ol className="versions" reversed>
        {versions.map((v) => (
          <li key={v.version}>
            <h2>
              {t('advice.versions.version', { version: v.version })}{' '}
              <span className="meta">
                {formatDate(v.created_at, i18n.language)}
                {v.editor ? ` · ${t('advice.versions.by', { name: v.editor })}` : ''}
              </span>
            </h2>
            {v.diff ? (
              <>
                <h3>{t('advice.versions.changes', { version: v.previous })}</h3>
                <Diff parts={v.diff} />
              </>
            ) : (
              <p>{t('advice.versions.first')}</p>
            )}
          </li>
        ))}
      </ol>
    </article>
  );
}

function Diff({ parts }: { parts: DiffPart[] }) {
  const { t } = useTranslation();
  if (parts.every((p) => p.change === 'same')) return <p>{t('advice.versions.noChange')}</p>;
  return (
    <p className="diff">
      {parts.map((part, i) =>
        part.change === 'added' ? (
          <ins key={i} title={t('advice.versions.added')}>
            {part.value}
          </ins>
        ) : part.change === 'removed' ? (
          <del key={i} title={t('advice.versions.removed')}>
            {part.value}
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </p>
  );
}
