import type { JobHandlers } from '~/jobs/runner.server';
import { digestJobHandlers } from '~/notifications/digest.server';
import { eventJobHandlers } from '~/notifications/events.server';
import { notificationJobHandlers } from '~/notifications/mail.server';
import { sessionJobHandlers } from '~/sessions/notices.server';
import { signalJobHandlers } from '~/signals/answer-mail.server';

/** Every kind of scheduled job the app runs, and who runs it: the server, the tests and the benchmarks share this. */
export const jobHandlers: JobHandlers = {
  ...sessionJobHandlers,
  ...notificationJobHandlers,
  ...eventJobHandlers,
  ...digestJobHandlers,
  ...signalJobHandlers,
};
