import { spawnSync } from 'node:child_process';
import t from 'tap';
import type { CallEvent } from '../call-control.js';
import { canUnshare, runInNetns } from './helpers/netns.js';
import { repoRoot } from './helpers/paths.js';

const haveBaresip = spawnSync('baresip', ['-h'], { timeout: 5000 }).error === undefined;
const skip = !haveBaresip
  ? 'baresip is not installed'
  : !canUnshare()
    ? 'unshare -rn is not available'
    : false;

t.test('baresip softphone calls the stack and hangs up', { skip }, async (t) => {
  const run = await runInNetns(
    'ip link add v0 type veth peer name v1 && ip addr add 10.77.0.1/24 dev v0 && ip link set v0 up && ip link set v1 up && exec node --import tsx sip/test/helpers/baresip-runner.ts',
    { cwd: repoRoot, timeoutMs: 40_000 },
  );
  t.equal(run.code, 0, `runner ok: ${run.stderr.slice(-1500)}`);
  const out = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
    dialed: string;
    events: CallEvent[];
    rtpPackets: number;
    log: string;
  };
  t.equal(out.dialed, '1000', 'dialed number from the Request-URI');
  const kinds = out.events.map((e) => e.kind);
  t.same(kinds, ['answered', 'confirmed', 'hangup'], `events (baresip log tail: ${out.log.slice(-800)})`);
  t.same(out.events.at(-1), { kind: 'hangup', by: 'remote', reason: 'bye' });
  t.ok(out.rtpPackets > 20, `baresip sent RTP to the port from our SDP answer (${out.rtpPackets} packets)`);
});
