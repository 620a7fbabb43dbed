import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The status this receiver answered (0: it never answered). */
  answered: number;
}

export type Behaviour = (req: Received, n: number) => number | 'hang';

/** A webhook receiver on 127.0.0.1 (ephemeral port), stopped at teardown. */
export async function startReceiver(
  t: Test,
  behaviour: Behaviour,
): Promise<{ url: string; port: number; received: Received[]; setBehaviour(b: Behaviour): void }> {
  const received: Received[] = [];
  let b = behaviour;
  const hung = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        answered: 0,
      };
      received.push(r);
      const what = b(r, received.length);
      if (what === 'hang') {
        hung.add(res);
        return;
      }
      r.answered = what;
      res.writeHead(what, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        for (const r of hung) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, received, setBehaviour: (nb) => (b = nb) };
}

export async function until(
  what: string,
  cond: () => boolean | Promise<boolean>,
  maxMs = 15_000,
): Promise<void> {
  const end = Date.now() + maxMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
