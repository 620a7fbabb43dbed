/**
 * Issue 18 (WebRTC) end to end in real headless Chromium: a business page on its own origin
 * carries the embeddable call button; Chromium's fake microphone plays recorded questions
 * (festival's voice; the appliance speaks flite); the call goes browser -> appliance signalling ->
 * Janus (ICE, DTLS-SRTP) -> Janus's SIP plugin -> the appliance's SIP port, through the same call
 * path as a phone call. The page records what it hears (WebAudio); the test transcribes the reply
 * with pocketsphinx (grammar of right and plausible wrong answers) and finds the expected fact;
 * the conversation is stored with channel `webrtc`; a question spoken over the agent's answer
 * interrupts it; a page on another origin, a spent and an expired token are refused.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import t, { type Test } from 'tap';
import { resample, wavHeader } from '../../../media/index.js';
import { createModelRuntime } from '../../../models/index.js';
import { startCallsApi } from '../../calls/test/helpers/calls-api.js';
import { festivalSpeech, haveFestival } from '../../calls/test/helpers/caller.js';
import { freePort } from '../../test/helpers/postgres.js';
import { sharedModelsDir } from '../../test/helpers/shared.js';
import { haveJanus, startJanus } from './helpers/janus.js';
import { phrase } from '../../test/helpers/heard.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip =
  (!existsSync(chromiumPath) && `no Chromium at ${chromiumPath}`) ||
  (!haveJanus() && 'janus (Janus Gateway) is not installed') ||
  (!haveFestival() && 'festival (text2wave) is not installed: no caller voice');

const RATE_HZ = 16000;
const GREETING = 'Hello, Harbour Bakery.';
/** What the agent says for the opening hours (from its facts). */
const HOURS_ANSWER = "We're open Monday to Sunday from 7 AM to 3 PM.";
/** Silence before the first question, s: the greeting plays out. */
const LEAD_S = 7;
/** Silence after a question that is answered in full, s. */
const ANSWER_S = 9;
/** From the end of question 2 to the interrupting question 3, s: inside the answer to question 2. */
const BARGE_S = 7.5;
/**
 * Question 2's answer: long (~12 s in flite), so that question 3, spoken BARGE_S after question 2,
 * falls inside it whatever the agent's answer latency on a loaded box (0 to ~7 s).
 */
const DELIVERY_FAQ =
  'Yes, we deliver on Sundays between noon and six in the evening, anywhere in the harbour district, and delivery is free for orders over twenty dollars, while smaller orders pay a flat fee of four dollars, and everything comes in insulated boxes so that it arrives fresh and warm.';
/** Token lifetime for this test, s (the smallest the config allows): the expiry check waits it out. */
const TOKEN_TTL_S = 10;

/**
 * Page script (browser context, plain JS): records what the page hears, the agent's stream
 * through WebAudio at 16 kHz, with the times the microphone (the fake file) and the recording
 * started (performance.now(), ms).
 */
const RECORDER_JS = `
window.__rec = { chunks: [], startMs: 0, micMs: 0 };
const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (c) => {
  const s = await gum(c);
  window.__rec.micMs = performance.now();
  return s;
};
document.addEventListener('appliance-web-call', (e) => {
  const ctx = new AudioContext({ sampleRate: 16000 });
  const src = ctx.createMediaStreamSource(e.detail.remoteStream);
  const proc = ctx.createScriptProcessor(4096, 1, 1);
  proc.onaudioprocess = (ev) => {
    const d = ev.inputBuffer.getChannelData(0);
    if (!window.__rec.startMs) window.__rec.startMs = performance.now() - ev.inputBuffer.duration * 1000;
    window.__rec.chunks.push(Array.from(d, (x) => Math.round(Math.max(-1, Math.min(1, x)) * 32767)));
  };
  src.connect(proc);
  proc.connect(ctx.destination);
  window.__rec.ctx = ctx;
  window.__rec.pc = e.detail.pc;
});
`;

/** An offer that passes the form check (refusals happen before the gateway is asked). */
const STAND_IN_SDP = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=ice-ufrag:abcd\r\n';

/** Page script: POSTs a call with `token` and a stand-in offer; resolves with status and message. */
const spendJs = (base: string, token: string, sdp = STAND_IN_SDP): string => `(async () => {
  const r = await fetch(${JSON.stringify(base)} + '/api/v1/web-call/calls', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: ${JSON.stringify(token)}, sdp: ${JSON.stringify(sdp)} }),
  });
  const b = await r.json();
  return { status: r.status, message: (b.error && b.error.message) || '' };
})()`;

/** A tiny web server: the business's own site (another origin than the appliance). */
async function site(t: Test, html: () => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  const port = (server.address() as { port: number }).port;
  return { origin: `http://localhost:${port}`, server };
}

t.test(
  'a browser calls the agent through Janus: answer heard, barge-in, channel webrtc',
  { skip },
  async (t) => {
    const janusWsPort = await freePort();
    const { api } = await startCallsApi(t, {
      rtpPortMin: 41000,
      config: {
        webcall: {
          enabled: true,
          janusWsPort,
          iceInterfaces: 'lo',
          iceRtpPortRange: '42000-42099',
          sipRtpPortRange: '42100-42199',
          tokenTtlS: TOKEN_TTL_S,
        },
      },
    });
    const janus = await startJanus(t, api.app.modules.webcall.janusConfigDir, janusWsPort);
    const sttReady = createModelRuntime({
      modelsDir: sharedModelsDir(),
      prefer: { stt: 'pocketsphinx', tts: 'espeak-ng' },
    });
    t.teardown(async () => (await sttReady.catch(() => undefined))?.close());

    const owner = await api.register('Harbour Bakery');
    const auth = { token: owner.token };
    await api.call('POST', '/api/v1/business/subscribe', { ...auth, body: { planId: 'enterprise' } });
    const agent = await api.call<{ id: string }>('POST', '/api/v1/agents', {
      ...auth,
      body: {
        name: 'Harbour Bakery desk',
        greeting: GREETING,
        voice: { engine: 'flite' },
        facts: {
          hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '07:00', close: '15:00' }],
          address: '12 Main Street',
        },
        faqs: [{ question: 'Do you deliver on Sundays?', answer: DELIVERY_FAQ }],
        behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120 },
      },
    });
    t.equal(agent.status, 201, 'agent created');
    const agentId = agent.body.id;
    const applianceOrigin = `http://127.0.0.1:${new URL(api.baseUrl).port}`;

    // The business's site (allowed) and a stranger's (not allowed), both with the embed tag.
    const page = (): string =>
      `<!doctype html><html><body><h1>Harbour Bakery</h1>` +
      `<script src="${applianceOrigin}/web-call/embed.js" data-agent="${agentId}" data-label="Call us"></script>` +
      `</body></html>`;
    const shop = await site(t, page);
    const stranger = await site(t, page);
    const strangerOrigin = stranger.origin.replace('localhost', '127.0.0.1');
    const put = await api.call('PUT', '/api/v1/business/web-call-origins', {
      ...auth,
      body: { origins: [shop.origin + '/'] },
    });
    t.same(put.body, { origins: [shop.origin] }, 'the allow-list holds the normalized origin');
    t.equal(
      (
        await api.call('PUT', '/api/v1/business/web-call-origins', {
          ...auth,
          body: { origins: ['javascript:alert(1)'] },
        })
      ).status,
      400,
      'a non-origin is refused',
    );
    // A token minted before the call, spent after it has expired (the call lasts longer than its TTL).
    const early = await api.call<{ token: string }>('POST', `/api/v1/agents/${agentId}/web-call-token`, auth);
    t.equal(early.status, 201, 'the admin route mints a token');

    // The microphone: greeting, question 1 (answered in full), question 2, question 3 over its answer.
    const q1 = festivalSpeech('What are your opening hours?');
    const q2 = festivalSpeech('Do you deliver on Sundays?');
    const q3 = festivalSpeech('What are your opening hours?');
    const silence = (s: number): Int16Array => new Int16Array(Math.round(s * RATE_HZ));
    const parts = [silence(LEAD_S), q1, silence(ANSWER_S), q2, silence(BARGE_S), q3, silence(ANSWER_S + 2)];
    const mic = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    const ends: number[] = [];
    parts.reduce((at, p) => {
      mic.set(p, at);
      ends.push((at + p.length) / RATE_HZ);
      return at + p.length;
    }, 0);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const wav = path.join(dir, 'mic.wav');
    writeFileSync(wav, Buffer.concat([wavHeader(RATE_HZ, 1, mic.byteLength), Buffer.from(mic.buffer)]));

    const browser: Browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${wav}%noloop`,
        '--autoplay-policy=no-user-gesture-required',
        // ICE on loopback only (Janus listens on lo): no mDNS names, loopback candidates allowed.
        '--allow-loopback-in-peer-connection',
        '--disable-features=WebRtcHideLocalIpsWithMdns',
      ],
    });
    t.teardown(() => browser.close());
    const context = await browser.newContext();
    // What the page hears: the agent's stream through WebAudio at 16 kHz, with the times the
    // microphone (the fake file) and the recording started (performance.now(), ms).
    await context.addInitScript(RECORDER_JS);
    const tab = await context.newPage();
    // The token the embed minted and spent for the call (replayed below).
    let callToken = '';
    tab.on('request', (req) => {
      if (req.url().endsWith('/api/v1/web-call/calls') && req.method() === 'POST')
        callToken = (JSON.parse(req.postData() ?? '{}') as { token?: string }).token ?? '';
    });
    const consoleLines: string[] = [];
    tab.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    await tab.goto(shop.origin);
    const callStarted = Date.now();
    await tab.click('button.appliance-web-call');
    const answered = await tab
      .waitForFunction(
        "document.querySelector('button.appliance-web-call').textContent === 'Hang up'",
        null,
        {
          timeout: 20_000,
        },
      )
      .then(
        () => true,
        () => false,
      );
    t.ok(
      answered,
      `the call was answered (${consoleLines.slice(-5).join(' | ')}) ${answered ? '' : janus.log().slice(-1500)}`,
    );
    if (!answered) return;
    // The codec the appliance chose from the browser's offer (Opus first, then G.722, PCMU, ...).
    const codec = await tab.evaluate<string>(
      "(window.__rec.pc.remoteDescription.sdp.match(/a=rtpmap:(\\d+ [^\\r\\n]+)/) || [])[1] || ''",
    );
    t.match(codec, /^(9 G722|0 PCMU)\//, `negotiated ${codec}`);
    const replay = await tab.evaluate<{ status: number; message: string }>(
      spendJs(applianceOrigin, callToken),
    );
    t.equal(replay.status, 401, `the spent token is refused: ${replay.message}`);
    t.match(replay.message, /already used/);

    // The whole microphone file plays, plus room for the last answer.
    const micS = mic.length / RATE_HZ;
    const janusCpu0 = janus.cpuMs();
    const callT0 = performance.now();
    await new Promise((r) => setTimeout(r, (micS + 3) * 1000));
    // Janus's cost of one call (ICE, DTLS-SRTP both ways, RTP relay to the SIP leg), for ARCHITECTURE.md.
    const callS = (performance.now() - callT0) / 1000;
    t.comment(
      `janus CPU during the call: ${(janus.cpuMs() - janusCpu0).toFixed(0)} ms over ${callS.toFixed(1)} s ` +
        `(${((100 * (janus.cpuMs() - janusCpu0)) / (callS * 1000)).toFixed(2)} % of one core)`,
    );
    const rec = await tab.evaluate<{ samples: number[]; startMs: number; micMs: number }>(
      '({ samples: window.__rec.chunks.flat(), startMs: window.__rec.startMs, micMs: window.__rec.micMs })',
    );
    await tab.click('button.appliance-web-call'); // hang up
    t.comment(
      `call ran ${((Date.now() - callStarted) / 1000).toFixed(1)} s; heard ${(rec.samples.length / RATE_HZ).toFixed(1)} s`,
    );
    const heard = Int16Array.from(rec.samples);
    if (process.env.WEBCALL_DEBUG_DIR) {
      writeFileSync(
        path.join(process.env.WEBCALL_DEBUG_DIR, 'heard.wav'),
        Buffer.concat([wavHeader(RATE_HZ, 1, heard.byteLength), Buffer.from(heard.buffer)]),
      );
      writeFileSync(
        path.join(process.env.WEBCALL_DEBUG_DIR, 'mic.wav'),
        Buffer.concat([wavHeader(RATE_HZ, 1, mic.byteLength), Buffer.from(mic.buffer)]),
      );
      t.comment(
        `offset mic->heard ${((rec.micMs - rec.startMs) / 1000).toFixed(2)} s; mic part ends ${ends.map((e) => e.toFixed(2)).join(' ')}`,
      );
    }
    /** Where mic time `s` falls in the recording, samples. */
    const at = (s: number): number =>
      Math.max(0, Math.round((s + (rec.micMs - rec.startMs) / 1000) * RATE_HZ));

    // The stored conversation: channel webrtc, three caller turns, the answer to question 2 cut.
    const turnsOk = await (async () => {
      for (let i = 0; i < 50; i++) {
        const list = await api.call<{ items: { id: string; channel: string; status: string }[] }>(
          'GET',
          '/api/v1/conversations?channel=webrtc',
          auth,
        );
        const c = list.body.items[0];
        if (c && c.status !== 'active') return c;
        await new Promise((r) => setTimeout(r, 200));
      }
      return undefined;
    })();
    t.ok(turnsOk, 'a conversation was stored with channel webrtc and ended');
    if (!turnsOk) return;
    t.equal(turnsOk.channel, 'webrtc');
    const convo = await api.call<{
      turns: { speaker: string; text: string; interrupted: boolean; startedAt: string; latency: unknown }[];
    }>('GET', `/api/v1/conversations/${turnsOk.id}`, auth);
    const turns = convo.body.turns;
    t.comment(
      turns
        .map(
          (x) =>
            `${x.startedAt.slice(17, 23)} ${x.latency ? JSON.stringify(x.latency) : ''} ${x.speaker}${x.interrupted ? ' (cut)' : ''}: ${x.text}`,
        )
        .join(' | '),
    );
    t.equal(turns[0]?.text, GREETING, 'the greeting came first');
    const callerTurns = turns.filter((x) => x.speaker === 'caller');
    t.equal(callerTurns.length, 3, 'three caller turns');
    const answerTo = (i: number) => {
      const q = callerTurns[i];
      return q ? turns.slice(turns.indexOf(q) + 1).find((x) => x.speaker === 'agent') : undefined;
    };
    // Question 1 is the first speech through the browser's audio processing (its gain control is
    // still adapting) on a loaded box: what the agent heard varies, so its answer is checked against
    // what the page heard (below), and the fact is checked on question 3's answer.
    t.comment(`answer 1: ${answerTo(0)?.text}`);
    t.match(answerTo(1)?.text ?? '', /noon/, `answer 2 is the delivery FAQ: ${answerTo(1)?.text}`);
    t.ok(answerTo(1)?.interrupted, 'answer 2 was interrupted by question 3 (barge-in)');
    t.equal(answerTo(2)?.text, HOURS_ANSWER, 'question 3 was answered after the barge-in');

    // What the browser heard after question 1, transcribed: the hours.
    const stt = await sttReady;
    const candidates = [
      HOURS_ANSWER,
      ...(answerTo(0) && answerTo(0)?.text !== HOURS_ANSWER ? [answerTo(0)?.text ?? ''] : []),
      DELIVERY_FAQ,
      GREETING,
      "We're at 12 Main Street.",
      "I'm sorry, I don't have information about that. Would you like to leave a message?",
      'Thank you for calling. Goodbye!',
    ]
      .filter(Boolean)
      .map(phrase);
    // Answer 1 is found in what the page heard as its second loud stretch (the greeting is the
    // first), not at question 1's mic time: on a loaded box the recorder's start time and the
    // page's playout drift by seconds from the mic file's clock, and a window cut by the clock
    // once held the greeting instead (two CI runs).
    const stretches = loudStretches(heard);
    t.ok(
      stretches.length >= 2,
      `the page heard the greeting and answer 1 (${stretches.length} loud stretches)`,
    );
    const [from1, to1] = stretches[1] ?? [at(ends[1] ?? 0), at(ends[2] ?? 0)];
    const window1 = heard.subarray(from1, to1);
    const r1 = await stt.stt.transcribe(
      { pcm: resample(window1, RATE_HZ, 16000), sampleRateHz: 16000 },
      { bias: { phrases: candidates, mode: 'grammar' } },
    );
    // What the page heard after question 1 is answer 1 (all of it, or its start when question 2 cut it).
    const words = (s: string): string[] => phrase(s).match(/[a-z']+/g) ?? [];
    const said = new Set(words(answerTo(0)?.text ?? ''));
    // Numbers are digits in the stored text and words in the transcript: compared without them.
    const numberWords =
      /^(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred)$/;
    const got = words(r1.text).filter((w) => !numberWords.test(w));
    const precision = got.filter((w) => said.has(w)).length / Math.max(1, got.length);
    t.ok(
      got.length >= 3 && precision >= 0.8,
      `the browser heard answer 1 after question 1: "${r1.text}" (${precision.toFixed(2)} of its words are answer 1's)`,
    );
    if (answerTo(0)?.text === HOURS_ANSWER) t.match(r1.text, /\bseven\b.*\bthree\b/, 'with the hours');
    // From the end of question 3: the delivery answer was cut at its start, so only the new answer.
    const window3 = heard.subarray(at(ends[5] ?? 0));
    const r3 = await stt.stt.transcribe(
      { pcm: window3, sampleRateHz: 16000 },
      { bias: { phrases: candidates, mode: 'grammar' } },
    );
    t.match(r3.text, /\bseven\b.*\bthree\b/, `the browser heard the hours after the barge-in: "${r3.text}"`);
    // The delivery answer was audible before question 3 and stopped while question 3 was spoken:
    // the last second of question 3 and the decision time after it are quiet in what the page heard.
    const loudS = (pcm: Int16Array): number => loudFrames(pcm).filter(Boolean).length * FRAME_S;
    const before = loudS(heard.subarray(at(ends[3] ?? 0), at(ends[4] ?? 0)));
    const after = loudS(heard.subarray(at((ends[5] ?? 0) - 0.6), at((ends[5] ?? 0) + 0.4)));
    t.ok(before > 0.5, `the delivery answer was heard before question 3 (${before.toFixed(1)} s loud)`);
    t.ok(
      after < 0.3,
      `and had stopped by the end of question 3 (${after.toFixed(2)} s loud in the last 0.6 s of it and 0.4 s after)`,
    );
    // Refusals. A page on another origin cannot mint a token nor use the admin's.
    const other = await context.newPage();
    await other.goto(stranger.origin.replace('localhost', '127.0.0.1'));
    const refused = await other.evaluate<number>(`(async () => {
    try {
      await window.ApplianceWebCall.call({ agentId: ${JSON.stringify(agentId)}, base: ${JSON.stringify(applianceOrigin)} });
      return 0;
    } catch (err) {
      return err.status || -1;
    }
  })()`);
    t.equal(refused, 403, `a page on ${strangerOrigin} gets 403 for a token`);
    const fresh = await api.call<{ token: string }>('POST', `/api/v1/agents/${agentId}/web-call-token`, auth);
    const foreign = (await other.evaluate<{ status: number }>(spendJs(applianceOrigin, fresh.body.token)))
      .status;
    t.equal(foreign, 403, "the admin UI's token is refused from another origin");
    // The expired token (minted before the call), and a spent one, from the allowed page.
    const spend = (token: string): Promise<{ status: number; message: string }> =>
      tab.evaluate<{ status: number; message: string }>(spendJs(applianceOrigin, token));
    const expired = await spend(early.body.token);
    t.equal(expired.status, 401, `an expired token is refused: ${expired.message}`);
    t.match(expired.message, /expired/);
    const minted = await tab.evaluate<string>(`(async () => {
    const r = await fetch(${JSON.stringify(`${applianceOrigin}/api/v1/web-call/agents/${agentId}/token`)}, { method: 'POST' });
    return (await r.json()).token;
  })()`);
    const bad = await tab.evaluate<{ status: number; message: string }>(
      spendJs(applianceOrigin, minted, 'hello'),
    );
    t.equal(bad.status, 400, `an offer that is not WebRTC SDP is refused: ${bad.message}`);
    t.equal(
      (await api.call<{ items: unknown[] }>('GET', '/api/v1/conversations?channel=webrtc', auth)).body.items
        .length,
      1,
      'no call was placed by the refused requests',
    );
  },
);

/** Loudness frames of what the page heard: 20 ms at 16 kHz. */
const FRAME_S = 0.02;
const FRAME = Math.round(FRAME_S * RATE_HZ);

/** Per 20 ms frame, whether it is louder than -40 dBFS (the agent speaking; the line is silent otherwise). */
function loudFrames(pcm: Int16Array): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i + FRAME <= pcm.length; i += FRAME) {
    let acc = 0;
    for (let j = i; j < i + FRAME; j++) acc += (pcm[j] ?? 0) ** 2;
    out.push(10 * Math.log10(acc / FRAME / 32768 ** 2 + 1e-12) > -40);
  }
  return out;
}

/**
 * The agent's utterances in what the page heard, as [start, end) sample ranges: loud frames joined
 * across pauses under 1.2 s (the pause between two sentences of one answer), stretches under
 * 0.3 s dropped (a click).
 */
function loudStretches(pcm: Int16Array): [number, number][] {
  const out: [number, number][] = [];
  const gap = Math.round(1.2 / FRAME_S);
  let start = -1;
  let last = -1;
  loudFrames(pcm).forEach((loud, i) => {
    if (!loud) return;
    if (start >= 0 && i - last > gap) {
      out.push([start, last + 1]);
      start = -1;
    }
    if (start < 0) start = i;
    last = i;
  });
  if (start >= 0) out.push([start, last + 1]);
  return out.filter(([a, b]) => (b - a) * FRAME_S >= 0.3).map(([a, b]) => [a * FRAME, b * FRAME]);
}
