/**
 * A campaign end to end on a running appliance with real SIP callees (SIPp UAS on 127.0.0.2
 * playing RTP made here): created through the API with a CSV list, started, dialed by the
 * scheduler through the call manager with answering-machine detection. A person who says
 * "Hello?" and listens gets the agent; an answering machine gets the voicemail message after its
 * beep; a busy line is given up (one attempt); a number on the do-not-call list is never
 * dialed; a phone number goes to the configured outbound trunk. The report, the per-number
 * results and the webhook events (over HTTP) match.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { startCallsApi } from '../../calls/test/helpers/calls-api.js';
import { festivalSpeech, haveFestival } from '../../calls/test/helpers/caller.js';
import { concat, haveSipp, silence, startCallee, to8k, tone } from '../../test/helpers/sipp-callee.js';
import { startReceiver, until } from '../../webhooks/test/receiver.js';

const skip = !haveFestival() || !haveSipp ? 'needs festival (text2wave) and SIPp' : false;

interface NumberRow {
  number: string;
  status: string;
  attempts: number;
  outcome: string | null;
}

t.test('a campaign dials real callees: person, machine, busy, do-not-call, trunk', { skip }, async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'campaign-e2e-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // The outbound trunk: phone numbers go to this SIPp (a person), named in the config up front.
  // Started first so that its UDP port is held from the moment the config names it.
  const hello = to8k(festivalSpeech('Hello?'));
  const trunk = await startCallee(t, dir, 'trunk', concat([silence(300), hello, silence(15_000)]));
  const { api } = await startCallsApi(t, {
    rtpPortMin: 46000,
    config: {
      outbound: { allowNetworks: ['127.0.0.0/8'] },
      outbox: { pollMs: 50, timeoutMs: 2000, backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 4 },
      sip: {
        enabled: true,
        port: 0,
        bindAddress: '127.0.0.1',
        publicAddress: '127.0.0.1',
        allowFrom: [],
        maxConcurrentCalls: 4,
        outboundTrunk: { uri: `sip:127.0.0.2:${trunk.port}` },
      },
    },
  });
  const b = await api.register('Reminder Co');
  const tok = { token: b.token };
  await api.call('POST', '/business/subscribe', { ...tok, body: { planId: 'enterprise' } });
  const agent = await api.call<{ id: string }>('POST', '/agents', {
    ...tok,
    body: {
      name: 'Reminder agent',
      greeting: 'Hello, this is Reminder Company with a note about your appointment.',
      numbers: ['6200'],
      // After the greeting the agent waits 2 s for the person, then says goodbye and hangs up.
      behaviour: { silenceTimeoutMs: 2000, silenceReprompts: 0 },
    },
  });
  t.equal(agent.status, 201);
  const rx = await startReceiver(t, () => 200);
  const hook = await api.call('POST', '/webhooks', {
    ...tok,
    body: {
      url: `${rx.url}/hook`,
      events: ['campaign.started', 'campaign.number.completed', 'campaign.completed'],
    },
  });
  t.equal(hook.status, 201);

  const person = await startCallee(t, dir, 'person', concat([silence(400), hello, silence(15_000)]));
  const greeting = to8k(
    festivalSpeech(
      "Hi, you have reached Sam. I can't take your call right now. Please leave a message after the beep.",
    ),
  );
  const machine = await startCallee(
    t,
    dir,
    'machine',
    concat([silence(400), greeting, silence(500), tone(850, 600), silence(20_000)]),
  );
  const busy1 = await startCallee(t, dir, 'busy', undefined);
  const dnc = 'sip:blocked@127.0.0.2:5999';
  const dncRes = await api.call('POST', '/dnc', { ...tok, body: { numbers: [dnc] } });
  t.match(dncRes, { status: 200, body: { added: 1 } }, 'a SIP address on the do-not-call list');

  const csv = [
    'name,phone',
    `Pat,${person.uri}`,
    `Mo,${machine.uri}`,
    `Bo,${busy1.uri}`,
    `Di,${dnc}`,
    'Tru,+1 (555) 010-0200',
    'Bad,not a number',
  ].join('\n');
  const created = await api.call<{
    campaign: { id: string; numbers: number };
    upload: { added: number; dncSkipped: number; invalidCount: number };
  }>('POST', '/campaigns', {
    ...tok,
    body: {
      name: 'Appointment reminders',
      agentId: agent.body.id,
      csv,
      timeZone: 'Europe/Berlin',
      windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }],
      concurrency: 2,
      // One attempt each: retries and their backoff are scheduler.test.ts's (on a settable clock).
      maxAttempts: 1,
      voicemailMessage: 'Hello, this is Reminder Company. Your appointment is tomorrow at ten. Goodbye.',
    },
  });
  t.equal(created.status, 201, `campaign created: ${JSON.stringify(created.body)}`);
  t.match(created.body.upload, { added: 4, dncSkipped: 1, invalidCount: 1 }, 'the upload figures');
  const id = created.body.campaign.id;
  t.equal((await api.call('POST', `/campaigns/${id}/start`, tok)).status, 200, 'started');

  // The scheduler looks every 5 s; calls take 10-20 s each, two at a time.
  for (let i = 0; i < 600; i++) {
    const c = await api.call<{ status: string }>('GET', `/campaigns/${id}`, tok);
    if (c.body.status === 'completed') break;
    await new Promise((r) => setTimeout(r, 300));
  }
  const rows = (await api.call<{ items: NumberRow[] }>('GET', `/campaigns/${id}/numbers`, tok)).body.items;
  const row = (n: string): NumberRow | undefined => rows.find((x) => x.number === n);
  t.match(row(person.uri), { status: 'done', outcome: 'answered', attempts: 1 }, 'the person: answered');
  t.match(row(machine.uri), { status: 'done', outcome: 'voicemail', attempts: 1 }, 'the machine: voicemail');
  t.match(row('+15550100200'), { status: 'done', outcome: 'answered' }, 'the phone number went to the trunk');
  t.match(
    row(busy1.uri),
    { status: 'done', outcome: 'busy', attempts: 1 },
    'busy: given up after its one attempt',
  );
  t.match(row(dnc), { status: 'dnc-skipped', attempts: 0 }, 'the do-not-call number is never dialed');
  t.equal(rows.length, 5, 'the invalid row was refused at upload');
  t.equal(await person.exited, 0, 'the person saw the whole dialog');
  t.equal(await machine.exited, 0, 'the machine got our BYE after the message');
  t.equal(await trunk.exited, 0, 'the trunk answered the number');
  t.match(trunk.output(), /Successful call\s*\|\s*0\s*\|\s*1/, 'one successful call at the trunk');
  const report = await api.call<{
    byOutcome: Record<string, number>;
    attempts: number;
    answerRate: number | null;
    voicemailRate: number | null;
  }>('GET', `/campaigns/${id}/report`, tok);
  t.match(
    report.body,
    { byOutcome: { answered: 2, voicemail: 1, busy: 1 }, attempts: 4, answerRate: 0.5, voicemailRate: 0.25 },
    `the report: ${JSON.stringify(report.body)}`,
  );
  const events = (type: string): Array<Record<string, unknown>> =>
    rx.received
      .filter((r) => r.headers['x-appliance-event'] === type)
      .map((r) => (JSON.parse(r.body) as { data: Record<string, unknown> }).data);
  await until('webhook events', () => events('campaign.completed').length > 0, 10_000).catch(() => undefined);
  t.equal(events('campaign.started').length, 1, 'campaign.started delivered');
  t.equal(events('campaign.number.completed').length, 4, 'campaign.number.completed for each dialed number');
  t.equal(events('campaign.completed').length, 1, 'campaign.completed delivered');
});
