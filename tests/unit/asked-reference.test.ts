import { describe, expect, it } from 'vitest';
import { askedReferenceSchema } from '~/signals/schema.server';

const parse = (reference: unknown) => askedReferenceSchema.safeParse({ reference });
const messageOf = (reference: unknown) => parse(reference).error?.issues[0]?.message;

describe('a reference code as the asker types it', () => {
  it.each([
    ['EP-7K3M9Q', 'EP-7K3M9Q'],
    ['ep-7k3m9q', 'EP-7K3M9Q'],
    ['7K3M9Q', 'EP-7K3M9Q'],
    [' EP 7K3 M9Q ', 'EP-7K3M9Q'],
    ['EP-D00283', 'EP-D00283'],
  ])('%j is read as %s', (typed, code) => {
    expect(parse(typed).data).toEqual({ reference: code });
  });

  it.each([
    ['', 'errors.required'],
    ['EP-12', 'ask.status.errors.format'],
    ['EP-7K3M9Q<script>', 'ask.status.errors.format'],
    ['EP-7K3M9Q\u0000', 'errors.controlCharacters'],
    ['A'.repeat(1_000_000), 'ask.status.errors.format'],
  ])('%j is refused with %s', (typed, message) => {
    expect(messageOf(typed)).toBe(message);
  });
});
