import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { accounts, requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { isRefusedByPolicy } from '~/db/errors.server';
import { formatDate } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { parseEmailList } from '~/people/email-list.server';
import { mailInvitations } from '~/people/invitation-mail.server';
import {
  createSignupLink,
  inviteMany,
  listInvitations,
  listSignupLinks,
  resendInvitation,
  revokeInvitation,
  revokeSignupLink,
} from '~/people/invitations.server';
import {
  invitationActionSchema,
  inviteListSchema,
  MAX_INVITATIONS_PER_LIST,
  signupLinkSchema,
} from '~/people/schema.server';
import { mayAppointCoordinators, requirePoolManager } from '~/pools/access.server';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('people.invitations.title');

export const handle = texts('people');
export const clientLoader = textsFirst(handle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const data = await withUser(user, async (tx) => {
    const { pool } = await requirePoolManager(tx, poolId, user.id);
    const [invitations, links, mayAppoint] = await Promise.all([
      listInvitations(tx, poolId),
      listSignupLinks(tx, poolId),
      mayAppointCoordinators(tx, poolId),
    ]);
    return { pool, invitations, links, mayAppoint };
  });
  return json({ ...data, joinBase: `${config.appUrl}/join/` });
}

interface ListReport {
  sent: number;
  members: string[];
  duplicates: string[];
  invalid: string[];
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const formData = await readForm(request);
  const intent = formData.get('intent');
  const back = (key: string) =>
    flash(request, key).then((headers) => redirect(`/pools/${poolId}/invitations`, { headers }));
  const fail = (errors: FieldErrors, values: Record<string, string>) =>
    json({ errors, values, report: null as ListReport | null }, { status: 400 });

  if (intent === 'list') {
    const parsed = parseForm(inviteListSchema, formData);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const list = parseEmailList(parsed.data.emails);
    if (list.valid.length > MAX_INVITATIONS_PER_LIST)
      return fail({ emails: 'people.invitations.tooMany' }, { emails: parsed.data.emails });
    if (list.valid.length === 0)
      return fail({ emails: 'people.invitations.noneValid' }, { emails: parsed.data.emails });
    const invited = await withUser(user, async (tx) => {
      const { pool } = await requirePoolManager(tx, poolId, user.id);
      return {
        pool,
        outcome: await inviteMany(tx, { emails: list.valid, poolId, role: parsed.data.role, invitedBy: user.id }),
      };
    }).catch((error: unknown) => {
      // The database refused a coordinator invitation: that is for admins and coordinators of the region.
      if (isRefusedByPolicy(error)) return null;
      throw error;
    });
    if (!invited) return fail({ role: 'pools.members.appointedBy' }, { emails: parsed.data.emails });
    const { pool, outcome } = invited;
    await mailInvitations(accounts(), await detectLocale(request), pool.name, outcome.sent);
    // The report names the lines that were not invited, which a flash message cannot carry; the form
    // comes back empty so sending it again cannot invite twice (duplicates are refused anyway).
    const report: ListReport = {
      sent: outcome.sent.length,
      members: outcome.members,
      duplicates: outcome.duplicates,
      invalid: list.invalid,
    };
    return json({ errors: {} as FieldErrors, values: {} as Record<string, string>, report });
  }

  if (intent === 'link') {
    const parsed = parseForm(signupLinkSchema, formData);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    await withUser(user, async (tx) => {
      await requirePoolManager(tx, poolId, user.id);
      await createSignupLink(tx, { poolId, ...parsed.data, createdBy: user.id });
    });
    return back('people.invitations.linkCreated');
  }

  const parsed = parseForm(invitationActionSchema, formData);
  if (!parsed.ok) return back('people.errors.consentForm');
  const { id } = parsed.data;
  if (parsed.data.intent === 'revokeLink') {
    await withUser(user, (tx) => revokeSignupLink(tx, id));
    return back('people.invitations.linkRevoked');
  }
  if (parsed.data.intent === 'revoke') {
    const done = await withUser(user, (tx) => revokeInvitation(tx, id));
    return back(done ? 'people.invitations.revoked' : 'people.invitations.notOpen');
  }
  const { pool, resent } = await withUser(user, async (tx) => {
    const { pool } = await requirePoolManager(tx, poolId, user.id);
    return { pool, resent: await resendInvitation(tx, id) };
  });
  if (!resent) return back('people.invitations.notOpen');
  await mailInvitations(accounts(), await detectLocale(request), pool.name, [resent]);
  return back('people.invitations.resent');
}

export default function InvitationsPage() {
  const { t, i18n } = useTranslation();
  const { pool, invitations, links, joinBase, mayAppoint } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const date = (iso: string) => formatDate(iso, i18n.language);
  const report = data?.report;
  return (
    <article aria-labelledby="invitations-title">
      <p>
        <Link to={`/pools/${pool.id}`}>← {pool.name}</Link>
      </p>
      <h1 id="invitations-title">{t('people.invitations.title')}</h1>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('people.invitations.listTitle')}</h2>
        {report ? (
          <div className="report" role="status">
            <p>
              {t('people.invitations.report', {
                sent: report.sent,
                members: report.members.length,
                duplicates: report.duplicates.length,
                invalid: report.invalid.length,
              })}
            </p>
            <ReportLines title={t('people.invitations.invalidLines')} lines={report.invalid} />
            <ReportLines title={t('people.invitations.duplicateLines')} lines={report.duplicates} />
            <ReportLines title={t('people.invitations.memberLines')} lines={report.members} />
          </div>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="list" />
          <div className="field">
            <label htmlFor="invite-emails">{t('people.invitations.emails')}</label>
            <p className="hint" id="invite-emails-hint">
              {t('people.invitations.emailsHint')}
            </p>
            <textarea
              id="invite-emails"
              name="emails"
              rows={6}
              defaultValue={data?.values.emails}
              aria-invalid={data?.errors.emails ? true : undefined}
              aria-describedby={`invite-emails-hint${data?.errors.emails ? ' invite-emails-error' : ''}`}
            />
            {data?.errors.emails ? (
              <p className="field-error" id="invite-emails-error">
                {t(data.errors.emails)}
              </p>
            ) : null}
          </div>
          {mayAppoint ? (
            <SelectField
              id="list-role"
              label={t('invite.inviteRole')}
              name="role"
              defaultValue="member"
              error={data?.errors.role}
            >
              <option value="member">{t('roles.member')}</option>
              <option value="coordinator">{t('roles.coordinator')}</option>
            </SelectField>
          ) : (
            <p className="hint">{t('pools.members.appointedBy')}</p>
          )}
          <button type="submit">{t('people.invitations.sendList')}</button>
        </Form>
      </section>

      <section aria-labelledby="sent-title">
        <h2 id="sent-title">{t('people.invitations.title')}</h2>
        {invitations.length === 0 ? (
          <p>{t('people.invitations.none')}</p>
        ) : (
          <TableScroll label={t('people.invitations.title')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('people.invitations.table.email')}</th>
                  <th scope="col">{t('people.invitations.table.role')}</th>
                  <th scope="col">{t('people.invitations.table.state')}</th>
                  <th scope="col">{t('people.invitations.table.sent')}</th>
                  <th scope="col">{t('people.invitations.table.expires')}</th>
                  <th scope="col">{t('people.invitations.table.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((inv) => (
                  <tr key={inv.id}>
                    <th scope="row">{inv.email}</th>
                    <td>{t(`roles.${inv.role}`)}</td>
                    <td>{t(`people.invitations.state.${inv.state}`)}</td>
                    <td>
                      {date(inv.last_sent_at)} ({inv.send_count}×)
                    </td>
                    <td>{date(inv.expires_at)}</td>
                    <td>
                      {inv.state === 'accepted' || inv.state === 'revoked' ? null : (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="id" value={inv.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="resend"
                            className="secondary"
                            aria-label={t('people.invitations.resend', { email: inv.email })}
                          >
                            ↻
                          </button>{' '}
                          {inv.state === 'expired' ? null : (
                            <button
                              type="submit"
                              name="intent"
                              value="revoke"
                              className="secondary"
                              aria-label={t('people.invitations.revoke', { email: inv.email })}
                            >
                              ✕
                            </button>
                          )}
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="links-title">
        <h2 id="links-title">{t('people.invitations.linkTitle')}</h2>
        <p>{t('people.invitations.linkIntro')}</p>
        <Form method="post" noValidate className="inline-fields">
          <input type="hidden" name="intent" value="link" />
          <Field
            name="days"
            inputMode="numeric"
            label={t('people.invitations.days')}
            defaultValue={data?.values.days ?? '14'}
            error={data?.errors.days}
          />
          <Field
            name="maxUses"
            inputMode="numeric"
            label={t('people.invitations.maxUses')}
            defaultValue={data?.values.maxUses ?? '25'}
            error={data?.errors.maxUses}
          />
          <button type="submit">{t('people.invitations.createLink')}</button>
        </Form>
        {links.length === 0 ? (
          <p>{t('people.invitations.noLinks')}</p>
        ) : (
          <ul className="card-list">
            {links.map((link) => (
              <li key={link.id} className="card">
                <p>
                  <strong>{t(`people.invitations.linkState.${link.state}`)}</strong> ·{' '}
                  {t('people.invitations.linkUses', { uses: link.uses, max: link.max_uses })} ·{' '}
                  {t('people.invitations.linkExpires', { date: date(link.expires_at) })}
                </p>
                {link.state === 'open' ? (
                  <>
                    <label className="sr-only" htmlFor={`link-${link.id}`}>
                      {t('people.invitations.linkLabel')}
                    </label>
                    <input id={`link-${link.id}`} className="link-copy" readOnly value={`${joinBase}${link.token}`} />
                    <Form method="post">
                      <input type="hidden" name="id" value={link.id} />
                      <button type="submit" name="intent" value="revokeLink" className="secondary">
                        {t('people.invitations.revokeLink')}
                      </button>
                    </Form>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function ReportLines({ title, lines }: { title: string; lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <>
      <p dir="auto">{title}</p>
      <ul>
        {lines.map((line) => (
          <li dir="auto" key={line}>
            {line}
          </li>
        ))}
      </ul>
    </>
  );
}
