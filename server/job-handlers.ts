import type { JobHandlers } from '~/jobs/runner.server';
import { notificationJobHandlers } from '~/notifications/mail.server';
import { sessionJobHandlers } from '~/sessions/notices.server';

/** Every kind of scheduled job the app runs, and who runs it: the server, the tests and the benchmarks share this. */
export const jobHandlers: JobHandlers = { ...sessionJobHandlers, ...notificationJobHandlers };
