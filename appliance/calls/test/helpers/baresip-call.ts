/**
 * The test side of a baresip call: writes the microphone WAV and the scenario, runs
 * baresip-runner.ts inside `unshare -rn` with a veth pair (baresip needs a non-loopback
 * interface; the appliance and baresip share that private namespace) and reads back what the
 * runner wrote: result.json, heard.wav (what baresip heard) and recording.wav.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseWav, wavHeader, type WavData } from '../../../../media/index.js';
import { repoRoot, sharedModelsDir } from '../../../test/helpers/shared.js';
import { readPcapUdp, type UdpRecord } from '../../../../media/test/pcap.js';
import type { BaresipResult, BaresipScenario, TappedSttStream } from './baresip-scenario.js';

export type { BaresipCodec, BaresipResult, BaresipTurn } from './baresip-scenario.js';
export { codecRateHz } from './baresip-scenario.js';

/** Why baresip calls cannot run here, or false when they can. */
export function baresipSkipReason(): string | false {
  if (spawnSync('baresip', ['-h'], { timeout: 5000 }).error !== undefined) return 'baresip is not installed';
  if (spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up'], { timeout: 5000 }).status !== 0)
    return 'unshare -rn is not available';
  return false;
}

/** Whether a baresip module (e.g. g722.so) is installed. */
export function haveBaresipModule(file: string): boolean {
  return existsSync(path.join('/usr/lib/baresip/modules', file));
}

export interface BaresipCallOutcome {
  result: BaresipResult;
  /** What baresip heard (its sndfile dump of the decoded audio), from the start of the audio stream. */
  heard: WavData | undefined;
  /** The appliance's recording as downloaded (stereo, caller left). */
  recording: WavData | undefined;
  /** tapStt: the call's STT streams as the engine received them, with their samples. */
  sttStreams: Array<TappedSttStream & { audio: WavData | undefined }>;
  /** The runner's stderr tail, for failure messages. */
  stderr: string;
  /** The runner's exit status. */
  code: number | null;
  /** `secure` calls: every UDP datagram tshark captured in the namespace during the call. */
  capture: UdpRecord[] | undefined;
}

/** Runs one call; `mic` is mono PCM at micRateHz. Throws when the runner wrote no result. */
export async function runBaresipCall(
  s: Omit<BaresipScenario, 'micWav' | 'outDir'> & { mic: Int16Array; micRateHz: number },
  timeoutMs: number,
): Promise<BaresipCallOutcome> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'baresip-test-'));
  try {
    const micWav = path.join(work, 'mic.wav');
    const bytes = Buffer.from(s.mic.buffer, s.mic.byteOffset, s.mic.byteLength);
    writeFileSync(micWav, Buffer.concat([wavHeader(s.micRateHz, 1, bytes.length), bytes]));
    const outDir = path.join(work, 'out');
    const scenario: BaresipScenario = {
      micWav,
      codec: s.codec,
      agent: s.agent,
      ...(s.knowledge ? { knowledge: s.knowledge } : {}),
      ...(s.files ? { files: s.files } : {}),
      callS: s.callS,
      outDir,
      ...(s.secure ? { secure: true } : {}),
      ...(s.tapStt ? { tapStt: true } : {}),
    };
    const scenarioFile = path.join(work, 'scenario.json');
    writeFileSync(scenarioFile, JSON.stringify(scenario));
    const child = spawn(
      'unshare',
      [
        '-rn',
        'sh',
        '-c',
        'ip link set lo up; ip link add v0 type veth peer name v1 && ip addr add 10.77.0.1/24 dev v0 && ' +
          'ip link set v0 up && ip link set v1 up && exec node --import tsx "$0" "$1"',
        path.join('appliance', 'calls', 'test', 'helpers', 'baresip-runner.ts'),
        scenarioFile,
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, APPLIANCE_MODELS_DIR: sharedModelsDir() },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    clearTimeout(timer);
    const resultFile = path.join(outDir, 'result.json');
    if (!existsSync(resultFile))
      throw new Error(`the baresip runner wrote no result (exit ${code}): ${stderr}`);
    const read = (f: string): WavData | undefined =>
      existsSync(path.join(outDir, f)) ? parseWav(readFileSync(path.join(outDir, f))) : undefined;
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as BaresipResult;
    return {
      result,
      sttStreams: (result.sttStreams ?? []).map((x) => ({ ...x, audio: read(x.file) })),
      heard: read('heard.wav'),
      recording: read('recording.wav'),
      stderr,
      code,
      capture: existsSync(path.join(outDir, 'capture.pcap'))
        ? readPcapUdp(path.join(outDir, 'capture.pcap'))
        : undefined,
    };
  } finally {
    if (!process.env.BARESIP_TEST_KEEP) rmSync(work, { recursive: true, force: true });
  }
}
