import type { User } from '~/auth/user';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { getMonitoringAccess, type MonitoringAccess } from './queries.server';

/**
 * The municipality of a monitoring URL and what the person may do with it, as the database says. A
 * good message only: the policies refuse anyone else whatever this returns.
 */
export async function requireMonitoring(
  user: User,
  municipalityParam: string | undefined,
  need: 'read' | 'write',
): Promise<MonitoringAccess> {
  const municipalityId = requireId(municipalityParam);
  const access = await withUser(user, (tx) => getMonitoringAccess(tx, municipalityId));
  if (!access) throw notFound();
  if (need === 'read' ? !access.reads : !access.writes) throw forbidden();
  return access;
}
