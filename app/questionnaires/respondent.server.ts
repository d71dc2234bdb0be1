import { randomBytes } from 'node:crypto';
import { createCookie } from '@remix-run/node';
import { config, sessionSecret } from '~/config.server';

/**
 * Where a respondent is in each questionnaire they started: the response id and its resume secret,
 * in a signed httpOnly cookie, so they can close the phone and carry on later without an account.
 */
const respondentCookie = createCookie('questionnaire', {
  path: '/q',
  httpOnly: true,
  sameSite: 'lax',
  secure: config.cookieSecure,
  maxAge: 60 * 60 * 24 * 90,
  secrets: [sessionSecret()],
});

export interface ResumeKey {
  responseId: string;
  secret: string;
}
type Progress = Record<string, ResumeKey>;

async function readProgress(request: Request): Promise<Progress> {
  const value: unknown = await respondentCookie.parse(request.headers.get('Cookie'));
  return value && typeof value === 'object' ? (value as Progress) : {};
}

export async function getResumeKey(request: Request, token: string): Promise<ResumeKey | null> {
  return (await readProgress(request))[token] ?? null;
}

export async function saveResumeKey(request: Request, token: string, key: ResumeKey | null): Promise<string> {
  const progress = await readProgress(request);
  if (key) progress[token] = key;
  else delete progress[token];
  return respondentCookie.serialize(progress);
}

export function newResumeSecret(): string {
  return randomBytes(24).toString('base64url');
}
