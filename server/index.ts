// First: from here on, what stops the start (configuration, database, port) is told in one line.
import { started } from '~/start-failure.server';
import { createServer } from 'node:http';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { collectAuthHeaders } from '~/auth/response-headers.server';
import { config, sessionSecret } from '~/config.server';
import { startDatabase } from '~/db/db.server';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '~/demo/index.server';
import { startRecurringJobs } from '~/jobs/daily.server';
import { startJobRunner } from '~/jobs/runner.server';
import { createMailer } from '~/mail/mailer.server';
import { collabHealth } from '../collab-server/http';
import { startCollab } from '../collab-server/start';
import { EVENTS_HOUR } from '~/notifications/events.server';
import { scheduleNotificationRetention } from '~/notifications/retention.server';
import { scheduleSignalContactRetention } from '~/signals/retention.server';
import { drainUnreadBodies } from './bodies';
import { jobHandlers } from './job-handlers';
import { cspNonce, rejectCrossSiteWrites, securityHeaders } from './security';

// The secret is checked before anything else is touched, so a missing one is the first thing said.
const secret = sessionSecret();
const database = await startDatabase();
if (config.seedDemo) {
  const { created } = await seedDemo(database);
  if (created) console.log('Demo data created.');
}
// System job: contact details on signals are deleted after the retention period (default 12 months).
scheduleSignalContactRetention(database, config.signalContactRetentionMonths);
// System job: notifications are kept 90 days.
scheduleNotificationRetention(database);

// The Remix build is plain JS made by `remix build`; its path is built at run time on purpose.
const buildPath = new URL('../build/index.js', import.meta.url).href;
const build = (await import(buildPath)) as ServerBuild;

// Reminders, notification mails and digests: a poller over scheduled_jobs that runs as the system.
// The daily jobs queue their own next run; this (re)starts each chain.
await startRecurringJobs(database, [
  { kind: 'notification_events', hour: EVENTS_HOUR },
  // Every hour: each person's digest leaves at 08:00 on their own clock.
  { kind: 'notification_digests', hourly: true },
]);
const jobRunner = startJobRunner(database, createMailer(database, config.smtpUrl, config.mailFrom), jobHandlers);

const app = express();
const server = createServer(app);
// Boards' live documents on the app's own port (/collab); `npm run collab` runs it separately instead.
const collab = startCollab({ server, database, secret, stopFirst: jobRunner.stop });

app.disable('x-powered-by');
app.set('trust proxy', config.trustProxy);
app.use(drainUnreadBodies);
// Level 3, not the default 6: a 115 KB page gzips in 0.8 instead of 1.5 ms, 4% larger (measured 2026-12-07).
app.use(compression({ level: 3 }));
app.use(cspNonce, securityHeaders(config.production));
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h' }));
app.use(rejectCrossSiteWrites);
app.get('/collab/healthz', collabHealth(collab));
// What auth sets while a route runs (Supabase's refreshed session cookies) goes out with whatever the
// route answers: Remix's adapter appends its own headers to these, it does not replace them.
app.use((_req, res, next) =>
  collectAuthHeaders((name, value) => {
    if (name.toLowerCase() === 'set-cookie') res.append(name, value);
    else res.setHeader(name, value);
  }, next),
);
app.all(
  '*',
  createRequestHandler({
    build,
    mode: config.production ? 'production' : 'development',
    // The in-process collab-server and the job runner reach routes only through here (app/context.ts).
    getLoadContext: (req, res) => ({
      cspNonce: String(res.locals.cspNonce),
      clientIp: req.ip ?? 'unknown',
      collab,
      wakeJobRunner: jobRunner.wake,
    }),
  }),
);

server.listen(config.port, config.host, () => {
  started();
  console.log(`Expertpool is running at ${config.appUrl} (database: ${database.kind})`);
  if (config.seedDemo) {
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(34)} ${account.what}`);
  }
});
