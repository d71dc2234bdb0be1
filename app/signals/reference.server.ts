import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: the code is read aloud on the phone and typed from a screenshot.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short reference a newcomer can quote, e.g. EP-7K3M9Q (31^6 ≈ 900 million codes). */
export function newSignalReference(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `EP-${code}`;
}
