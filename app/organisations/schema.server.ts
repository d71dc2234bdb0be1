import * as z from 'zod';

export const organisationMemberSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('addMember'),
    email: z.string().trim().toLowerCase().min(1, 'errors.required').pipe(z.email('errors.email')),
    role: z.enum(['member', 'admin']).default('member'),
  }),
  z.object({ intent: z.literal('setRole'), userId: z.uuid(), role: z.enum(['member', 'admin']) }),
  z.object({ intent: z.literal('removeMember'), userId: z.uuid() }),
]);
export type OrganisationMemberInput = z.infer<typeof organisationMemberSchema>;
