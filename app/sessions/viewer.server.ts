import { DEFAULT_TIME_ZONE, isTimeZone } from './time';

/**
 * The zone to show times in: the viewer's own (a cookie the browser sets, see RememberTimeZone),
 * else Europe/Amsterdam. Anything that is not a real IANA zone is ignored.
 */
export function viewerTimeZone(request: Request): string {
  const raw = request.headers.get('Cookie')?.match(/(?:^|;\s*)tz=([^;]+)/)?.[1];
  try {
    const zone = raw ? decodeURIComponent(raw) : null;
    return isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}
