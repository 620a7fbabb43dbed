/**
 * Runs INSIDE a loopback-only network namespace (spawned by torture.test.ts through
 * `unshare -rn`): starts a stack on 127.0.0.1:5060, replays every torture message from
 * 127.0.0.2:5060 (UDP; responses go to the Via port 5060 per RFC 3261 §18.2.2), the framing
 * cases over TCP, checks liveness with an OPTIONS after each, and prints JSON results.
 */
import dgram from 'node:dgram';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createSipStack } from '../../index.js';

const dir = process.argv[2] ?? '';
const files = [
  ...readdirSync(path.join(dir, 'rfc4475')).map((f) => path.join('rfc4475', f)),
  ...readdirSync(path.join(dir, 'rfc5118', 'crlf')).map((f) => path.join('rfc5118', 'crlf', f)),
].sort();

const stack = await createSipStack({
  bindAddress: '127.0.0.1',
  port: 5060,
  // Every Request-URI in the set is unknown: reject as the appliance would.
  route: () => ({ action: 'reject', status: 404 }),
  limits: { tcpIncompleteMessageTimeoutMs: 800 },
});
stack.onIncomingCall(() => undefined);

// Responses go to the Via sent-by port (RFC 3261 §18.2.2): listen on every port the messages name.
const viaPorts = new Set<number>([5060]);
for (const f of files) {
  for (const m of readFileSync(path.join(dir, f), 'latin1').matchAll(
    /^(?:via|v)\s*:[^\r\n]*?:(\d{2,5})\s*;/gim,
  ))
    viaPorts.add(Number(m[1]));
}
let inbox: string[] = [];
const sockets: dgram.Socket[] = [];
for (const port of viaPorts) {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(port, '127.0.0.2', () => r()));
  s.on('message', (m) => inbox.push(m.toString('latin1')));
  sockets.push(s);
}
const sock = sockets[0] as dgram.Socket;

function callIdOf(raw: string): string | undefined {
  return /^(?:call-id|i)[ \t]*:[ \t]*(\S+)/im.exec(raw)?.[1];
}

function statusOf(raw: string): number | null {
  const m = /^SIP\/2\.0 (\d{3})/.exec(raw);
  return m ? Number(m[1]) : null;
}

/** Send, then collect until `settleMs` after the last response of interest (or `maxMs` of silence). */
async function exchange(
  data: Buffer,
  maxMs: number,
  done: (r: string) => boolean = () => true,
  settleMs = 60,
): Promise<string[]> {
  inbox = [];
  sock.send(data, 5060, '127.0.0.1');
  const started = Date.now();
  let lastHit = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 10));
    const now = Date.now();
    if (lastHit === 0 && inbox.some(done)) lastHit = now;
    if ((lastHit > 0 && now - lastHit >= settleMs) || now - started >= maxMs) return inbox;
  }
}

let optionsSeq = 0;
async function alive(): Promise<boolean> {
  optionsSeq++;
  const msg =
    `OPTIONS sip:alive@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bKalive${optionsSeq}\r\n` +
    `Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.2>;tag=p${optionsSeq}\r\nTo: <sip:alive@127.0.0.1>\r\n` +
    `Call-ID: alive-${optionsSeq}\r\nCSeq: ${optionsSeq} OPTIONS\r\nContent-Length: 0\r\n\r\n`;
  const tag = `alive-${optionsSeq}`;
  const got = await exchange(Buffer.from(msg), 1000, (r) => r.includes(tag), 0);
  return got.some((r) => statusOf(r) === 200 && r.includes(`alive-${optionsSeq}`));
}

interface Result {
  file: string;
  transport: 'udp' | 'tcp';
  statuses: number[];
  closed?: boolean;
  alive: boolean;
}
const results: Result[] = [];
const seen = new Set<string>();
for (const f of files) {
  const data = readFileSync(path.join(dir, f));
  const callId = callIdOf(data.toString('latin1'));
  // Ignore retransmitted final responses of earlier messages (nobody ACKs them here).
  const final = (r: string): boolean => callIdOf(r) === callId && (statusOf(r) ?? 0) >= 200;
  const got = (await exchange(data, 300, final)).filter(
    (r) => callIdOf(r) === callId || (!callId && !seen.has(callIdOf(r) ?? '')),
  );
  if (callId) seen.add(callId);
  results.push({
    file: f,
    transport: 'udp',
    statuses: got.map(statusOf).filter((s): s is number => s !== null),
    alive: await alive(),
  });
}

async function tcpReplay(file: string, waitMs: number): Promise<Result> {
  const data = readFileSync(path.join(dir, file));
  const socket = net.connect(tcpStack.port, '127.0.0.1');
  let rx = '';
  let closed = false;
  socket.on('data', (d) => (rx += d.toString('latin1')));
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  await new Promise<void>((r) => socket.once('connect', () => r()));
  socket.write(data);
  await new Promise((r) => setTimeout(r, waitMs));
  socket.destroy();
  const statuses = [...rx.matchAll(/^SIP\/2\.0 (\d{3})/gm)].map((m) => Number(m[1]));
  return { file, transport: 'tcp', statuses, closed, alive: await alive() };
}
// A fresh stack for TCP, so that transactions left by the UDP replays (same branches) do not match.
const tcpStack = await createSipStack({
  bindAddress: '127.0.0.1',
  port: 5070,
  route: () => ({ action: 'reject', status: 404 }),
  limits: { tcpIncompleteMessageTimeoutMs: 800 },
});
tcpStack.onIncomingCall(() => undefined);
for (const f of ['clerr.dat', 'ncl.dat', 'mcl01.dat', 'dblreq.dat']) {
  results.push(await tcpReplay(path.join('rfc4475', f), f === 'clerr.dat' ? 1500 : 400));
}

// Live mutation fuzz: 3,000 corrupted torture/valid datagrams plus random bytes over TCP, then liveness.
let seed = 7;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const corpus = files.map((f) => readFileSync(path.join(dir, f)));
for (let i = 0; i < 3000; i++) {
  let b = Buffer.from(corpus[i % corpus.length] as Buffer);
  for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) {
    const pos = Math.floor(rand() * b.length);
    const op = Math.floor(rand() * 3);
    if (op === 0) b[pos] = Math.floor(rand() * 256);
    else if (op === 1) b = b.subarray(0, pos);
    else
      b = Buffer.concat([
        b.subarray(0, pos),
        Buffer.from([[0x0d, 0x0a, 0x3a, 0x3b, 0x2c, 0x3c][Math.floor(rand() * 6)] ?? 0]),
        b.subarray(pos),
      ]);
  }
  sock.send(b, 5060, '127.0.0.1');
  if (i % 200 === 0) await new Promise((r) => setTimeout(r, 20));
}
const garbage = net.connect(5060, '127.0.0.1');
garbage.on('error', () => undefined);
await new Promise<void>((r) => garbage.once('connect', () => r()));
garbage.write(Buffer.from(Array.from({ length: 70000 }, () => Math.floor(rand() * 256))));
await new Promise((r) => setTimeout(r, 500));
garbage.destroy();
// The stack may still be working through the burst: allow up to 5 s, probing every 150 ms.
let fuzzAlive = false;
let fuzzProbes = 0;
while (!fuzzAlive && fuzzProbes < 30) {
  fuzzProbes++;
  fuzzAlive = await alive();
}

const stats = stack.stats();
for (const s of sockets) s.close();
await stack.stop();
await tcpStack.stop();
process.stdout.write(
  JSON.stringify({ results, fuzzAlive, fuzzProbes, dropped: stats.messagesDropped }) + '\n',
);
