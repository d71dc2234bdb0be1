import * as z from 'zod';

const emailAddress = z.email();

export interface ParsedEmailList {
  /** Valid, lower-cased, without repeats, in the order given. */
  valid: string[];
  /** Lines (or parts of lines) that are not an e-mail address, as typed. */
  invalid: string[];
  /** Addresses that appeared more than once in the list. */
  repeated: string[];
}

/**
 * Reads a pasted list of e-mail addresses: one per line, or separated by commas or semicolons, as
 * spreadsheets and mail programs paste them; "Name <address>" is understood. Whatever is not an address
 * is reported back, never silently dropped.
 */
export function parseEmailList(text: string): ParsedEmailList {
  const valid: string[] = [];
  const invalid: string[] = [];
  const repeated: string[] = [];
  for (const part of text.split(/[\n\r,;]+/)) {
    const raw = part.trim();
    if (!raw) continue;
    const address = (raw.match(/<([^<>]+)>\s*$/)?.[1] ?? raw).trim().toLowerCase();
    if (address.length > 254 || !emailAddress.safeParse(address).success) invalid.push(raw);
    else if (valid.includes(address)) repeated.push(address);
    else valid.push(address);
  }
  return { valid, invalid, repeated };
}
