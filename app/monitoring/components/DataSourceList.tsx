import { Form } from '@remix-run/react';
import { RemoveButton } from './RemoveButton';
import { useTranslation } from 'react-i18next';
import type { DataSource } from '~/advice/data-sources.server';
import { SOURCE_KINDS } from '~/db/types';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import type { FieldErrors } from '~/ui/forms';

interface Props {
  sources: DataSource[];
  /** Admins and the region's coordinators keep the list; everyone else reads it. */
  keeps: boolean;
  refused: { errors: FieldErrors; values: Record<string, string> } | null;
  busy: boolean;
}

/** The municipality's own list of data sources, each of a kind; its core indicators point at them. */
export function DataSourceList({ sources, keeps, refused, busy }: Props) {
  const { t } = useTranslation();
  return (
    <section id="sources" aria-labelledby="sources-title" className="data-sources">
      <h2 id="sources-title">{t('monitoring.sources.title')}</h2>
      {sources.length === 0 ? (
        <p>{t('monitoring.sources.none')}</p>
      ) : (
        <ul>
          {sources.map((source) => (
            <li key={source.id}>
              <bdi>{source.name}</bdi> <span className="meta">({t(`monitoring.sources.kinds.${source.kind}`)})</span>
              {keeps ? (
                <RemoveButton
                  intent="remove-source"
                  field="sourceId"
                  id={source.id}
                  label={t('monitoring.sources.remove', { name: source.name })}
                  busy={busy}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {keeps ? (
        <Form method="post" className="value-form" aria-labelledby="sources-add" noValidate>
          <h3 id="sources-add">{t('monitoring.sources.add')}</h3>
          <input type="hidden" name="intent" value="source" />
          <div className="inline-fields">
            <Field
              id="source-name"
              name="name"
              label={t('monitoring.sources.name')}
              defaultValue={refused?.values.name}
              error={refused?.errors.name}
              maxLength={300}
              required
            />
            <SelectField
              id="source-kind"
              name="kind"
              label={t('monitoring.sources.kind')}
              defaultValue={refused?.values.kind ?? 'register'}
              error={refused?.errors.kind}
            >
              {SOURCE_KINDS.map((kind) => (
                <option dir="auto" key={kind} value={kind}>
                  {t(`monitoring.sources.kinds.${kind}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <button type="submit" disabled={busy}>
            {t('monitoring.sources.save')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
