/**
 * Outbound calls with answering-machine detection against real SIP callees (SIPp UAS playing
 * RTP from a pcap): a person who says "Hello?" once and then listens gets the agent's greeting;
 * an answering machine's greeting with a beep gets the voicemail message after the beep, then a
 * BYE; a number that answers 486 is busy. The callee voices are festival's (the appliance speaks
 * flite), the audio G.711 µ-law.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { startCallsApi } from './helpers/calls-api.js';
import { festivalSpeech, haveFestival, sleep } from './helpers/caller.js';
import { concat, haveSipp, silence, startCallee, to8k, tone } from '../../test/helpers/sipp-callee.js';

const skip = !haveFestival() || !haveSipp ? 'needs festival (text2wave) and SIPp' : false;

/** Loud 20 ms frames of one channel of a 16-bit stereo WAV: their times, ms. */
function loudFrames(wav: Buffer, channel: 0 | 1, dbfs = -40): { times: number[]; rateHz: number } {
  const rateHz = wav.readUInt32LE(24);
  let off = 12;
  while (off + 8 <= wav.length && wav.toString('ascii', off, off + 4) !== 'data')
    off += 8 + wav.readUInt32LE(off + 4);
  const data = wav.subarray(off + 8, off + 8 + wav.readUInt32LE(off + 4));
  const n = (rateHz * 20) / 1000;
  const frames = Math.floor(data.length / 4 / n);
  const times: number[] = [];
  for (let f = 0; f < frames; f++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += data.readInt16LE(((f * n + i) * 2 + channel) * 2) ** 2;
    if (10 * Math.log10(s / n / 32768 ** 2 + 1e-12) > dbfs) times.push(f * 20);
  }
  return { times, rateHz };
}

t.test(
  'outbound calls: a person gets the agent, a machine gets the message after its beep',
  { skip },
  async (t) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'outbound-amd-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const { api, calls } = await startCallsApi(t, {
      rtpPortMin: 45000,
      config: { outbound: { allowNetworks: ['127.0.0.2'] } },
    });
    const b = await api.register('Outbound Co');
    await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: 'enterprise' } });
    const agent = await api.call<{ id: string }>('POST', '/agents', {
      token: b.token,
      body: {
        name: 'Caller agent',
        greeting: 'Hello, this is the Outbound Company calling about your order.',
        numbers: ['6100'],
        // After its greeting the agent waits 2 s for the person, then says goodbye and hangs up.
        behaviour: { silenceTimeoutMs: 2000, silenceReprompts: 0 },
      },
    });
    t.equal(agent.status, 201);
    /** The stereo recording of a call (callee left, agent right). */
    const recordingOf = async (callId: string | undefined): Promise<Buffer> => {
      let recId: string | undefined;
      for (let i = 0; i < 100 && !recId; i++) {
        const rl = await api.call<{ items: Array<{ id: string; callId: string }> }>(
          'GET',
          '/voice/recordings',
          { token: b.token },
        );
        recId = rl.body.items.find((r) => r.callId === callId)?.id;
        if (!recId) await sleep(100);
      }
      t.ok(recId, `call ${callId} was recorded`);
      const res = await fetch(`${api.baseUrl}/api/v1/voice/recordings/${recId}/audio`, {
        headers: { authorization: `Bearer ${b.token}` },
      });
      return Buffer.from(await res.arrayBuffer());
    };
    const manager = calls.manager;
    if (!manager) throw new Error('telephony did not start');
    const message = 'Hello, this is the Outbound Company. Please call us back about your order. Goodbye.';

    // A person: "Hello?" once, then listening (silence on the line).
    const hello = to8k(festivalSpeech('Hello?'));
    const person = await startCallee(t, dir, 'person', concat([silence(400), hello, silence(15_000)]));
    const human = await manager.placeOutboundCall({
      businessId: b.businessId,
      agentId: agent.body.id,
      number: person.uri,
      voicemailMessage: message,
      amd: true,
    });
    t.equal(human.outcome, 'answered', `a person answered: ${JSON.stringify(human)}`);
    t.equal(
      await person.exited,
      0,
      `the person's SIPp saw the whole dialog:\n${person.output().slice(-600)}`,
    );
    const conv = await api.call<{ items: Array<{ id: string }> }>('GET', '/conversations', {
      token: b.token,
    });
    const talk = await api.call<{ turns: Array<{ speaker: string; text: string }> }>(
      'GET',
      `/conversations/${conv.body.items[0]?.id}`,
      { token: b.token },
    );
    t.match(talk.body.turns[0]?.text ?? '', /Outbound Company calling/, 'the agent greeted the person');

    // A machine: a long greeting, a pause, a 1 kHz beep, then silence while it records.
    const greeting = to8k(
      festivalSpeech(
        "Hi, you've reached the Miller family. We can't come to the phone right now. Please leave your name and number after the tone.",
      ),
    );
    const beepAtMs = ((400 + greeting.length / 8) | 0) + 600;
    const machine = await startCallee(
      t,
      dir,
      'machine',
      concat([silence(400), greeting, silence(600), tone(1000, 500), silence(20_000)]),
    );
    const vm = await manager.placeOutboundCall({
      businessId: b.businessId,
      agentId: agent.body.id,
      number: machine.uri,
      voicemailMessage: message,
      amd: true,
    });
    t.equal(vm.outcome, 'voicemail', `a machine answered: ${JSON.stringify(vm)}`);
    t.equal(await machine.exited, 0, `the machine's SIPp got our BYE:\n${machine.output().slice(-600)}`);

    // The message started after the beep: in the recording (callee left, agent right).
    const wav = await recordingOf(vm.callId);
    const callee = loudFrames(wav, 0).times;
    const agentAudio = loudFrames(wav, 1).times;
    const beepEnd = callee.at(-1) ?? 0;
    t.ok(agentAudio.length > 50, `the message was played (${agentAudio.length * 20} ms of agent audio)`);
    t.ok(
      (agentAudio[0] ?? 0) >= beepEnd - 100,
      `the message began after the beep (message at ${agentAudio[0]} ms, beep ended at ${beepEnd} ms; beep sent at ${beepAtMs} ms of the machine's audio)`,
    );

    // Busy: 486, no agent, the admission given back.
    const busyCallee = await startCallee(t, dir, 'busy', undefined);
    const busy = await manager.placeOutboundCall({
      businessId: b.businessId,
      agentId: agent.body.id,
      number: busyCallee.uri,
      voicemailMessage: message,
      amd: true,
    });
    t.equal(busy.outcome, 'busy', `busy: ${JSON.stringify(busy)}`);

    // No voicemail message set: a machine is hung up on after its beep, nothing said.
    const machine2 = await startCallee(
      t,
      dir,
      'machine2',
      concat([silence(400), greeting, silence(600), tone(1000, 500), silence(20_000)]),
    );
    const silent = await manager.placeOutboundCall({
      businessId: b.businessId,
      agentId: agent.body.id,
      number: machine2.uri,
      voicemailMessage: null,
      amd: true,
    });
    t.match(
      silent,
      { outcome: 'voicemail', reason: /message on beep/ },
      `no message: ${JSON.stringify(silent)}`,
    );
    t.equal(await machine2.exited, 0, 'the machine got our BYE');
    const silentAudio = await recordingOf(silent.callId);
    t.ok(loudFrames(silentAudio, 1).times.length < 5, 'the agent said nothing to the machine');

    // Detection off: the agent greets as soon as the call is answered, before the person speaks.
    const person2 = await startCallee(t, dir, 'person2', concat([silence(3000), hello, silence(15_000)]));
    const direct = await manager.placeOutboundCall({
      businessId: b.businessId,
      agentId: agent.body.id,
      number: person2.uri,
      voicemailMessage: message,
      amd: false,
    });
    t.equal(direct.outcome, 'answered', `detection off: ${JSON.stringify(direct)}`);
    t.notMatch(direct.reason ?? '', /greeting|silence-first|short/, 'no detector verdict');
    const directAudio = await recordingOf(direct.callId);
    const firstAgent = loudFrames(directAudio, 1).times[0] ?? Infinity;
    t.ok(firstAgent < 2500, `the greeting began at ${firstAgent} ms, before the person's "Hello?" (3 s)`);
  },
);
