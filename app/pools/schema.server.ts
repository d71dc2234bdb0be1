import * as z from 'zod';
import { ORGANISATION_KINDS } from '~/db/types';
import { calendarDate, optionalCalendarDate, optionalText, requiredText } from '~/input/fields.server';
import { ONBOARDING_STEPS, POOL_STATUSES } from './options';

const optionalId = z.union([z.literal(''), z.uuid('errors.required')]).transform((v) => v || null);
const optionalDate = optionalCalendarDate('pools.errors.date');

export const poolSchema = z
  .object({
    name: requiredText(120).min(2, 'pools.errors.nameLength'),
    // Empty: a national pool.
    regionId: optionalId,
    clientOrganisationId: optionalId,
    assignment: optionalText(4000),
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
  staffEmails: requiredText(5000),
  note: optionalText(2000),
  stayOn: z.literal('on').optional(),
});

export const onboardingSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('done'),
    userId: z.uuid(),
    step: z.enum(ONBOARDING_STEPS),
    doneOn: calendarDate('pools.errors.date'),
  }),
  z.object({ intent: z.literal('undo'), userId: z.uuid(), step: z.enum(ONBOARDING_STEPS) }),
]);

const placeName = requiredText(120).min(2, 'pools.errors.nameLength');

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
