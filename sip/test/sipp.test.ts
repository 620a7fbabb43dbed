import dgram from 'node:dgram';
import path from 'node:path';
import t, { type Test } from 'tap';
import type { CallEvent } from '../call-control.js';
import { createSipStack } from '../stack.js';
import { fixturesDir } from './helpers/paths.js';
import { freePort, haveSipp, runSipp } from './helpers/sipp.js';

const sippAvailable = haveSipp();

async function stackWithAnswer(t: Test, answerDelayMs = 0) {
  const stack = await createSipStack({
    bindAddress: '127.0.0.1',
    port: 0,
    route: ({ dialedNumber }) =>
      dialedNumber === 'service' ? { action: 'accept', route: 'agent' } : { action: 'reject', status: 404 },
  });
  // Dummy RTP endpoint: the media layer is not involved in signalling tests.
  const rtp = dgram.createSocket('udp4');
  await new Promise<void>((r) => rtp.bind(0, '127.0.0.1', () => r()));
  const events: CallEvent[] = [];
  stack.onIncomingCall(async (call) => {
    call.on((e) => events.push(e));
    call.ringing();
    if (answerDelayMs > 0) await new Promise((r) => setTimeout(r, answerDelayMs));
    if (call.state === 'early') await call.answer({ rtpAddress: '127.0.0.1', rtpPort: rtp.address().port });
  });
  t.teardown(async () => {
    rtp.close();
    await stack.stop();
  });
  return { stack, events };
}

t.test('SIPp', { skip: sippAvailable ? false : 'sipp is not installed' }, async (t) => {
  for (const transport of ['u1', 't1'] as const) {
    t.test(`built-in uac scenario over ${transport === 'u1' ? 'UDP' : 'TCP'}`, async (t) => {
      const { stack, events } = await stackWithAnswer(t);
      const run = await runSipp([
        '-sn',
        'uac',
        '-t',
        transport,
        '-p',
        String(await freePort()),
        '-mp',
        String(await freePort()),
        '-d',
        '300',
        '-timeout',
        '15',
        '-timeout_error',
        `127.0.0.1:${stack.port}`,
      ]);
      t.equal(run.code, 0, `sipp succeeded:\n${run.output.slice(-1500)}`);
      t.ok(
        events.some((e) => e.kind === 'confirmed'),
        'call confirmed by ACK',
      );
      t.same(events.at(-1), { kind: 'hangup', by: 'remote', reason: 'bye' });
    });
  }

  t.test('OPTIONS keep-alive gets 200 with Allow and Accept', async (t) => {
    const { stack } = await stackWithAnswer(t);
    const run = await runSipp([
      '-sf',
      path.join(fixturesDir, 'options-uac.xml'),
      '-p',
      String(await freePort()),
      '-timeout',
      '10',
      '-timeout_error',
      `127.0.0.1:${stack.port}`,
    ]);
    t.equal(run.code, 0, `sipp succeeded:\n${run.output.slice(-1500)}`);
  });

  t.test('CANCEL before answer: 200 for CANCEL, 487 for INVITE', async (t) => {
    const { stack, events } = await stackWithAnswer(t, 5000);
    const run = await runSipp([
      '-sf',
      path.join(fixturesDir, 'cancel-uac.xml'),
      '-p',
      String(await freePort()),
      '-mp',
      String(await freePort()),
      '-timeout',
      '10',
      '-timeout_error',
      `127.0.0.1:${stack.port}`,
    ]);
    t.equal(run.code, 0, `sipp succeeded:\n${run.output.slice(-1500)}`);
    t.same(events, [{ kind: 'cancelled' }]);
  });

  t.test('REGISTER with 401 digest challenge towards a SIPp registrar', async (t) => {
    const port = await freePort();
    const sipp = runSipp(
      [
        '-sf',
        path.join(fixturesDir, 'register-uas.xml'),
        '-p',
        String(port),
        '-timeout',
        '15',
        '-timeout_error',
      ],
      { timeoutMs: 20_000 },
    );
    t.teardown(() => sipp.kill());
    await new Promise((r) => setTimeout(r, 400));
    const stack = await createSipStack({
      bindAddress: '127.0.0.1',
      port: 0,
      trunk: { registrarUri: `sip:127.0.0.1:${port}`, username: 'alice', password: 's3cret', expiresS: 300 },
    });
    t.teardown(() => stack.stop());
    const ok = await stack.nextRegistrationOutcome();
    t.ok(ok, 'registered');
    t.equal(stack.registrationState, 'registered');
    const run = await sipp;
    t.equal(run.code, 0, `sipp verified the Authorization header:\n${run.output.slice(-1500)}`);
  });

  for (const variant of ['ok', 'reject'] as const) {
    t.test(`outbound call then REFER transfer (${variant})`, async (t) => {
      const port = await freePort();
      const sipp = runSipp(
        [
          '-sf',
          path.join(fixturesDir, `refer-${variant}-uas.xml`),
          '-p',
          String(port),
          '-mp',
          String(await freePort()),
          '-timeout',
          '15',
          '-timeout_error',
        ],
        { timeoutMs: 20_000 },
      );
      t.teardown(() => sipp.kill());
      await new Promise((r) => setTimeout(r, 400));
      const stack = await createSipStack({ bindAddress: '127.0.0.1', port: 0 });
      t.teardown(() => stack.stop());
      const rtp = dgram.createSocket('udp4');
      await new Promise<void>((r) => rtp.bind(0, '127.0.0.1', () => r()));
      t.teardown(() => rtp.close());
      const call = await stack.placeCall({
        target: `sip:service@127.0.0.1:${port}`,
        media: { rtpAddress: '127.0.0.1', rtpPort: rtp.address().port },
      });
      t.equal(call.state, 'active');
      t.equal(call.media?.codec.name, 'PCMU');
      t.equal(call.media?.dtmfPayloadType, 101);
      const result = await call.transfer('2000');
      if (variant === 'ok') {
        t.same(result, { kind: 'transferred', confirmedByNotify: true });
        t.equal(call.state, 'ended', 'transferor left the call with BYE');
      } else {
        t.same(result, { kind: 'refer-rejected', status: 603 });
        t.equal(call.state, 'active', 'call kept so the appliance can fall back');
        await call.hangup();
      }
      const run = await sipp;
      t.equal(run.code, 0, `sipp scenario completed:\n${run.output.slice(-1500)}`);
    });
  }
});
