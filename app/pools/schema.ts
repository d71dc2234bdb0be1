import { z } from 'zod';
import { ORGANISATION_KINDS } from '~/db/types';

export const POOL_STATUSES = ['recruiting', 'active', 'temporary', 'ended', 'handed_over'] as const;

const optionalId = z.union([z.literal(''), z.uuid('errors.required')]).transform((v) => v || null);
const optionalDate = z.union([z.literal(''), z.iso.date('pools.errors.date')]).transform((v) => v || null);

export const poolSchema = z
  .object({
    name: z.string().trim().min(2, 'pools.errors.nameLength').max(120, 'errors.tooLong'),
    // Empty: a national pool.
    regionId: optionalId,
    clientOrganisationId: optionalId,
    assignment: z.string().trim().max(4000, 'errors.tooLong'),
    startsOn: optionalDate,
    endsOn: optionalDate,
    status: z.enum(POOL_STATUSES, 'errors.required'),
  })
  .refine((pool) => !pool.startsOn || !pool.endsOn || pool.endsOn >= pool.startsOn, {
    message: 'pools.errors.endBeforeStart',
    path: ['endsOn'],
  });
export type PoolInput = z.infer<typeof poolSchema>;

export const handoverSchema = z.object({
  organisationId: z.uuid('pools.errors.organisation'),
  staffEmails: z.string().trim().min(1, 'errors.required').max(5000, 'errors.tooLong'),
  note: z.string().trim().max(2000, 'errors.tooLong'),
  stayOn: z.literal('on').optional(),
});

export const ONBOARDING_STEPS = ['intake', 'training_basics', 'training_advice', 'first_session'] as const;

export const onboardingSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('done'),
    userId: z.uuid(),
    step: z.enum(ONBOARDING_STEPS),
    doneOn: z.iso.date('pools.errors.date'),
  }),
  z.object({ intent: z.literal('undo'), userId: z.uuid(), step: z.enum(ONBOARDING_STEPS) }),
]);

const placeName = z.string().trim().min(2, 'pools.errors.nameLength').max(120, 'errors.tooLong');

export const adminSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('region'),
    name: placeName,
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9-]{2,40}$/, 'people.errors.slug'),
  }),
  z.object({ intent: z.literal('municipality'), name: placeName, regionId: z.uuid('errors.required') }),
  z.object({
    intent: z.literal('organisation'),
    name: placeName,
    kind: z.enum(ORGANISATION_KINDS),
    municipalityId: z.union([z.literal(''), z.uuid()]).transform((v) => v || null),
  }),
  z.object({
    intent: z.literal('grantCoordinator'),
    email: z.string().trim().toLowerCase().pipe(z.email('errors.email')),
  }),
  z.object({ intent: z.literal('revokeCoordinator'), userId: z.uuid() }),
  z.object({ intent: z.literal('assignRegion'), userId: z.uuid(), regionId: z.uuid('errors.required') }),
  z.object({ intent: z.literal('unassignRegion'), userId: z.uuid(), regionId: z.uuid() }),
]);
export type AdminInput = z.infer<typeof adminSchema>;

export const memberRoleSchema = z.object({
  intent: z.literal('role'),
  userId: z.uuid('errors.required'),
  role: z.enum(['member', 'coordinator']),
});
