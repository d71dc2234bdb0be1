import { HOME_TIME_ZONE } from '~/i18n/format';
import { isTimeZone } from './time';

/**
 * The zone to show times in: the viewer's own (a cookie the browser sets, see RememberTimeZone),
 * else Europe/Amsterdam. Anything that is not a real IANA zone is ignored.
 */
export function viewerTimeZone(request: Request): string {
  const raw = request.headers.get('Cookie')?.match(/(?:^|;\s*)tz=([^;]+)/)?.[1];
  try {
    const zone = raw ? decodeURIComponent(raw) : null;
    return isTimeZone(zone) ? zone : HOME_TIME_ZONE;
  } catch {
    return HOME_TIME_ZONE;
  }
}
