import { z } from 'zod';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'errors.required')
  .max(254, 'errors.tooLong')
  .pipe(z.email('errors.email'));
const newPassword = z.string().min(10, 'errors.passwordTooShort').max(200, 'errors.tooLong');

export const signInSchema = z.object({
  email,
  password: z.string().min(1, 'errors.required').max(200, 'errors.tooLong'),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z.object({ password: newPassword });

export const acceptInvitationSchema = z.object({
  displayName: z.string().trim().min(1, 'errors.required').max(80, 'errors.tooLong'),
  password: newPassword,
});

export const createInvitationSchema = z.object({
  email,
  role: z.enum(['member', 'coordinator']).default('member'),
});

/** Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. */
export function safeRedirect(to: string | null | undefined, fallback = '/'): string {
  if (!to || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}
