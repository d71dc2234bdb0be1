import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The first recipient of the envelope. */
  to: string;
  recipients: string[];
  messageId: string;
  raw: string;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:port, for SMTP_URL or createMailer. */
  url: string;
  port: number;
  /** Every message the server accepted, in order. */
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on a loopback port, as the tests' mail goes to (no TLS, no login). `refuse` answers a
 * recipient with an SMTP error code (550: for good, 4xx: try later); `hold` makes the server never answer
 * one message's DATA, as a server that stops mid-send.
 */
export async function startTestSmtp(
  options: { refuse?: (address: string) => number | undefined; hold?: (to: string) => boolean } = {},
): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // close() ends a held connection at once instead of after 30 s.
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address);
      if (code) return callback(Object.assign(new Error(`refused ${code}`), { responseCode: code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        if (options.hold?.(recipients[0]!)) return;
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: recipients[0]!,
          recipients,
          messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() ?? '',
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
