/**
 * A signed token (`payload.signature`) with its signature's bytes changed. Overwriting the signature's
 * last characters with fixed ones is not enough: about once in a thousand tokens they already decode to
 * the same bytes (the last base64url character of 32 bytes carries four bits), and the "tampered" token
 * is the valid one.
 */
export function withTamperedSignature(token: string): string {
  const dot = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  signature[0]! ^= 0xff;
  return `${token.slice(0, dot)}.${signature.toString('base64url')}`;
}
