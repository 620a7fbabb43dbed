/**
 * The cluster front door for real, in a network namespace this test makes (`unshare -rn`):
 * Kamailio 5.6 with the configuration `appliance cluster kamailio-config` generates, three
 * appliance processes on 127.0.0.2/.3/.4 sharing one PostgreSQL (by its Unix socket; each on its
 * own SQLite when PostgreSQL is not installed), SIPp as the PBX
 * (front-runner.ts does the work inside the namespace and reports JSON).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseWav, resample, wavHeader } from '../../../media/index.js';
import { createModelRuntime } from '../../../models/index.js';
import { festivalSpeech, haveFestival } from '../../calls/test/helpers/caller.js';
import t from 'tap';
import { canUnshare, runInNetns } from '../../../sip/test/helpers/netns.js';
import { postgresBinDir, startPostgres } from '../../test/helpers/postgres.js';
import { repoRoot, sharedModelsDir } from '../../test/helpers/shared.js';
import { loudS, phrase } from '../../test/helpers/heard.js';

const PROBE_MS = 2000;
/** The recorded speech the talking call plays (shared/speech/transcripts.tsv, jfk). */
const REFERENCE =
  'and so my fellow americans ask not what your country can do for you ask what you can do for your country';
const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const skip = !has('kamailio')
  ? 'kamailio is not installed (apt-get install kamailio)'
  : !has('sipp')
    ? 'sipp is not installed'
    : !canUnshare()
      ? 'unshare -rn is not available'
      : false;

/** The softphone's call: silence while the greeting plays, the question, room for the answer (s). */
const LEAD_S = 5;
const ANSWER_S = 9;
const QUESTION = 'What are your opening hours?';
const canBaresip = has('baresip') && existsSync('/usr/lib/baresip/modules/sndfile.so') && haveFestival();

/** The softphone's microphone (8 kHz mono WAV) and the second the question ends. */
function writeMic(file: string): { questionEndS: number; totalS: number } {
  const q = resample(festivalSpeech(QUESTION), 16000, 8000);
  const pcm = new Int16Array(LEAD_S * 8000 + q.length + ANSWER_S * 8000);
  pcm.set(q, LEAD_S * 8000);
  const bytes = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  writeFileSync(file, Buffer.concat([wavHeader(8000, 1, bytes.length), bytes]));
  return { questionEndS: LEAD_S + q.length / 8000, totalS: pcm.length / 8000 };
}

interface Sipp {
  code: number | null;
  successful: number;
  failed: number;
}

t.test(
  'Kamailio + 3 nodes: spread, Record-Route, drain, kill -9 failover',
  { skip, timeout: 300_000 },
  async (t) => {
    // The nodes share one PostgreSQL, reached by its Unix socket from inside the namespace.
    let dbEnv = '';
    let tcpUrl: string | undefined;
    if (postgresBinDir()) {
      const cluster = await startPostgres();
      t.teardown(() => cluster.stop());
      tcpUrl = await cluster.createDatabase('cluster_front');
      dbEnv = `CLUSTER_LAB_DATABASE_URL='${cluster.socketUrl(tcpUrl)}' `;
    } else t.comment('PostgreSQL is not installed: the nodes run on their own SQLite databases');
    // A softphone (baresip) asks a question through the front door; what it heard comes back here.
    const out = mkdtempSync(path.join(os.tmpdir(), 'cluster-front-out-'));
    t.teardown(() => rmSync(out, { recursive: true, force: true }));
    const mic = canBaresip ? writeMic(path.join(out, 'mic.wav')) : undefined;
    if (mic)
      dbEnv += `CLUSTER_LAB_MIC='${path.join(out, 'mic.wav')}' CLUSTER_LAB_MIC_S=${Math.ceil(mic.totalS)} CLUSTER_LAB_OUT='${out}' `;
    else t.comment('baresip (with its sndfile module) or festival is missing: no softphone call');
    // The test's own transcriber loads while the cluster runs.
    const sttReady = mic
      ? createModelRuntime({
          modelsDir: sharedModelsDir(),
          prefer: { stt: 'pocketsphinx', tts: 'espeak-ng' },
        })
      : undefined;
    t.teardown(async () => {
      await (await sttReady?.catch(() => undefined))?.close();
    });
    const run = await runInNetns(`${dbEnv}node --import tsx appliance/cluster/test/helpers/front-runner.ts`, {
      cwd: repoRoot,
      timeoutMs: 260_000,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) {
      t.fail(`no result (exit ${run.code}): ${run.stderr.slice(-3000)} ${run.stdout.slice(-2000)}`);
      return;
    }
    const r = JSON.parse(line.slice(7)) as {
      error?: string;
      sharedDatabase: boolean;
      deadNodeCalls?: { nodeId: string | null; live: number; nodeLost: number };
      frontOptionsUp: number | null;
      talking: { sipp: Sipp; perNode: number[]; heard: string[] | null } | null;
      baresip?: { heard: boolean; perNode: number[]; askedFrom: string; log?: string };
      frontOptionsAllDown: number | null;
      spread: { sipp: Sipp; perNode: number[] };
      drain: {
        frontDownMs: number | null;
        sipp: Sipp;
        perNode: number[];
        liveCall: { code: number | null; successful: number };
        cli: { code: number | null; output: string };
      };
      undrain: { code: number | null; frontUpMs: number | null };
      failoverOn503: { sipp: Sipp; perNode: number[]; failovers: number };
      kill: {
        load: Sipp;
        late: Sipp;
        perNode: number[];
        frontDownMs: number | null;
        lastInviteToDeadMs: number | null;
        invitesToDeadAfterLateStart: number;
      };
    };
    t.comment(JSON.stringify(r));
    t.notOk(r.error, 'the scenario ran to its end');
    if (r.error) return;

    // Spread: every call through Kamailio completed (ACK and BYE along Record-Route: a BYE routed
    // to another node would get 481 and fail the call), round-robin over all three nodes.
    t.same(
      r.spread.sipp,
      { code: 0, successful: 18, failed: 0 },
      '18 calls through the front door, 0 failed',
    );
    // Round-robin gives 6/6/6; a probe lost on a very busy machine may skip a node for a moment.
    t.equal(
      r.spread.perNode.reduce((a, b) => a + b, 0),
      18,
      'every call answered by exactly one node',
    );
    t.ok(
      r.spread.perNode.every((n) => n >= 3),
      `spread over all three nodes: ${r.spread.perNode.join('/')}`,
    );

    // A talking call: media goes straight to the node that took the call; it heard the caller.
    const talking = r.talking;
    if (talking === null) {
      t.comment(`skipped the talking call: ../shared/speech/pcap is missing`);
    } else {
      t.same(talking.sipp, { code: 0, successful: 1, failed: 0 }, 'a talking call through the front door');
      t.equal(
        talking.perNode.reduce((a, b) => a + b, 0),
        1,
        'one node answered it',
      );
      if (talking.heard !== null) {
        // Media reached the node and was decoded as this speech: words of the reference transcript
        // (pocketsphinx on an 8 kHz 1961 recording gets some, not all; the figure is printed).
        const said = new Set(REFERENCE.split(' '));
        const got = new Set(
          talking.heard
            .join(' ')
            .toLowerCase()
            .split(/\W+/)
            .filter((w) => said.has(w)),
        );
        t.ok(
          got.size >= 4,
          `the node heard the caller (${got.size} of ${said.size} reference words), stored on the shared database: ${talking.heard.join(' | ')}`,
        );
      }
    }

    // The softphone asked through the front door and heard the agent's answer.
    if (mic && sttReady) {
      t.ok(r.baresip?.heard, `baresip recorded what it heard ${r.baresip?.log ?? ''}`);
      t.equal(
        r.baresip?.perNode.reduce((a, b) => a + b, 0),
        1,
        'one node answered the softphone',
      );
      const heardFile = path.join(out, 'heard.wav');
      if (r.baresip?.heard && tcpUrl && existsSync(heardFile)) {
        const client = new pg.Client({ connectionString: tcpUrl });
        await client.connect();
        const turns = await client
          .query<{ speaker: string; text: string }>(
            'select speaker, text from conversation_turns where started_at >= $1 order by started_at, seq',
            [r.baresip.askedFrom],
          )
          .finally(() => client.end());
        const asked = turns.rows.findIndex((x) => x.speaker === 'caller');
        const answer = turns.rows.slice(asked + 1).find((x) => x.speaker === 'agent');
        t.ok(asked >= 0, `the node heard the question: "${turns.rows[asked]?.text}"`);
        t.match(answer?.text ?? '', /\b9\b.*\b5\b/, `and answered the hours: "${answer?.text}"`);
        // What the softphone heard after its question, transcribed with pocketsphinx constrained to
        // the stored answer and the agent's other lines.
        const heard = parseWav(readFileSync(heardFile));
        const pcm = heard.channelData[0] ?? new Int16Array();
        const window = pcm.subarray(Math.floor(mic.questionEndS * heard.sampleRateHz));
        // Grammar search always picks some phrase: the agent must have spoken there at all.
        t.ok(
          loudS(window, heard.sampleRateHz) > 1,
          `the agent spoke after the question (${loudS(window, heard.sampleRateHz).toFixed(1)} s)`,
        );
        const stt = await sttReady;
        const candidates = [
          answer?.text ?? '',
          turns.rows[0]?.speaker === 'agent' ? turns.rows[0].text : '',
          'Hello, thank you for calling. How can I help you today?',
          "I'm sorry, I don't have information about that. Would you like to leave a message?",
          'Thank you for calling. Goodbye!',
        ]
          .filter(Boolean)
          .map(phrase);
        const got = await stt.stt.transcribe(
          { pcm: resample(window, heard.sampleRateHz, 16000), sampleRateHz: 16000 },
          { bias: { phrases: [...new Set(candidates)], mode: 'grammar' } },
        );
        // The transcript spells the numbers: 9 AM to 5 PM.
        t.match(
          got.text,
          /\bnine\b.*\bfive\b/,
          `the softphone heard the answer through the front door: "${got.text}"`,
        );
      }
    }

    // Drain: the node answers OPTIONS 503 and Kamailio drops it within one probe interval.
    t.ok(
      r.drain.frontDownMs !== null && r.drain.frontDownMs <= PROBE_MS + 1000,
      `draining node out of the set ${r.drain.frontDownMs} ms after the drain (probe ${PROBE_MS} ms)`,
    );
    t.same(r.drain.sipp, { code: 0, successful: 9, failed: 0 }, 'calls while draining all succeed');
    t.equal(r.drain.perNode[1], 0, 'the draining node got no new call');
    t.same(
      r.drain.liveCall,
      { code: 0, successful: 1 },
      'the live call on the draining node went on to its BYE',
    );
    t.equal(r.drain.cli.code, 0, '`appliance node drain` exits 0 once drained');
    t.match(
      r.drain.cli.output,
      /1 live call\n[\s\S]*0 live calls\ndrained/,
      'it printed the live calls while waiting',
    );
    t.equal(r.undrain.code, 0, '`appliance node undrain` exits 0');
    // Up to two probe intervals: a probe already in flight when the node undrained may still
    // have been answered 503, and Kamailio sends the next one a full interval later.
    t.ok(
      r.undrain.frontUpMs !== null && r.undrain.frontUpMs <= 2 * PROBE_MS + 1500,
      `undrained node back in the set ${r.undrain.frontUpMs} ms after the undrain (probe ${PROBE_MS} ms)`,
    );

    // An INVITE answered 503 (the dispatcher has not probed yet) goes to the next node.
    t.same(
      r.failoverOn503.sipp,
      { code: 0, successful: 6, failed: 0 },
      'calls while Kamailio still lists the draining node',
    );
    t.equal(r.failoverOn503.perNode[0], 0, 'the draining node answered none');
    t.ok(r.failoverOn503.failovers >= 1, `${r.failoverOn503.failovers} INVITEs failed over on 503`);

    // kill -9 under load: only calls live on the dead node fail; from 5 s on, all calls succeed.
    t.ok(
      r.kill.load.failed <= 3,
      `load across the kill: ${r.kill.load.failed} failed (calls live on the killed node)`,
    );
    t.equal(r.kill.load.successful + r.kill.load.failed, 30, 'every call of the load ended');
    t.same(r.kill.late, { code: 0, successful: 12, failed: 0 }, 'calls from kill + 5 s: all succeed');
    t.ok(
      r.kill.frontDownMs !== null && r.kill.frontDownMs <= 5000,
      `dead node out of the set after ${r.kill.frontDownMs} ms`,
    );
    t.ok(
      r.kill.lastInviteToDeadMs === null || r.kill.lastInviteToDeadMs <= 5000,
      `last INVITE tried on the dead node ${r.kill.lastInviteToDeadMs} ms after the kill`,
    );
    t.equal(r.kill.invitesToDeadAfterLateStart, 0, 'no INVITE tried on the dead node after 5 s');
    t.ok((r.kill.perNode[0] ?? 0) > 0 && (r.kill.perNode[1] ?? 0) > 0, 'the other nodes took the calls');

    // On the shared database the killed node's live calls were ended by the others.
    if (r.sharedDatabase) {
      t.ok(r.deadNodeCalls?.nodeId, 'the killed node had its row in the shared nodes table');
      t.equal(r.deadNodeCalls?.live, 0, 'no call of the killed node is left live');
      t.ok(
        (r.deadNodeCalls?.nodeLost ?? 0) >= Math.min(1, r.kill.load.failed),
        `its calls live at the kill ended node_lost by the others (${r.deadNodeCalls?.nodeLost})`,
      );
    }

    // The PBX's trunk keepalive to the front door says whether any node can take a call.
    t.equal(r.frontOptionsUp, 200, 'OPTIONS to the front door: 200 while nodes are up');
    t.equal(r.frontOptionsAllDown, 503, 'OPTIONS to the front door: 503 once every node is down');
  },
);
