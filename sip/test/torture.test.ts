import { existsSync } from 'node:fs';
import t from 'tap';
import { canUnshare, runInNetns } from './helpers/netns.js';
import { repoRoot, tortureDir } from './helpers/paths.js';

/**
 * RFC 4475 / RFC 5118 torture replay (expectations from the data set's README.md, endpoint role).
 * `silence` = no response at all; otherwise some final response must be one of the listed codes.
 */
type Expect = readonly number[] | 'silence' | 'silence-or-400';
const UDP: Readonly<Record<string, Expect>> = {
  'rfc4475/wsinv.dat': [404, 480, 481], // To carries a tag and no such dialog exists: RFC 3261 §12.2.2 says 481
  'rfc4475/intmeth.dat': [501],
  'rfc4475/esc01.dat': [404],
  'rfc4475/escnull.dat': [405],
  'rfc4475/esc02.dat': [501],
  'rfc4475/lwsdisp.dat': [200],
  'rfc4475/longreq.dat': [404],
  'rfc4475/dblreq.dat': [405],
  'rfc4475/semiuri.dat': [200],
  'rfc4475/transports.dat': [200],
  'rfc4475/mpart01.dat': [405, 415, 501],
  'rfc4475/unreason.dat': 'silence',
  'rfc4475/noreason.dat': 'silence',
  'rfc4475/badinv01.dat': [400],
  'rfc4475/clerr.dat': [400],
  'rfc4475/ncl.dat': [400],
  'rfc4475/scalar02.dat': [400],
  'rfc4475/scalarlg.dat': 'silence',
  'rfc4475/quotbal.dat': [400],
  'rfc4475/ltgtruri.dat': [400],
  'rfc4475/lwsruri.dat': [400],
  'rfc4475/lwsstart.dat': [400],
  'rfc4475/trws.dat': [400],
  'rfc4475/escruri.dat': [400, 404],
  'rfc4475/baddate.dat': [400, 404],
  'rfc4475/regbadct.dat': [400, 405],
  'rfc4475/badaspec.dat': [200, 400],
  'rfc4475/baddn.dat': [400],
  'rfc4475/badvers.dat': [505],
  'rfc4475/mismatch01.dat': [400],
  'rfc4475/mismatch02.dat': [400, 501],
  'rfc4475/bigcode.dat': 'silence',
  'rfc4475/badbranch.dat': [200, 400],
  'rfc4475/insuf.dat': [400],
  'rfc4475/unkscm.dat': [416],
  'rfc4475/novelsc.dat': [404, 416],
  'rfc4475/unksm2.dat': [405],
  'rfc4475/bext01.dat': [420],
  'rfc4475/invut.dat': [415],
  'rfc4475/regaut01.dat': [405],
  'rfc4475/multi01.dat': [400],
  'rfc4475/mcl01.dat': [400],
  'rfc4475/bcast.dat': 'silence',
  'rfc4475/zeromf.dat': [200],
  'rfc4475/cparam01.dat': [405],
  'rfc4475/cparam02.dat': [405],
  'rfc4475/regescrt.dat': [405],
  'rfc4475/sdp01.dat': [400, 406],
  'rfc4475/inv2543.dat': [404],
  'rfc4475/test.dat': 'silence-or-400',
  'rfc5118/crlf/ipv6-good': [405],
  'rfc5118/crlf/ipv6-bad': [400],
  'rfc5118/crlf/port-ambiguous': [405],
  'rfc5118/crlf/port-unambiguous': [405],
  'rfc5118/crlf/via-received-param-with-delim': [481],
  'rfc5118/crlf/via-received-param-no-delim': [200],
  'rfc5118/crlf/ipv6-in-sdp': [404, 488], // only G.726 offered: 488
  'rfc5118/crlf/mult-ip-in-header': [481],
  'rfc5118/crlf/mult-ip-in-sdp': [404, 488],
  'rfc5118/crlf/ipv4-mapped-ipv6': [404, 488],
  'rfc5118/crlf/ipv6-bug-abnf-3-colons': [200],
  'rfc5118/crlf/ipv6-correct-abnf-2-colons': [200],
};

interface Result {
  file: string;
  transport: 'udp' | 'tcp';
  statuses: number[];
  closed?: boolean;
  alive: boolean;
}

const skip = !existsSync(tortureDir)
  ? `torture data not found at ${tortureDir} (set APPLIANCE_SHARED_DIR)`
  : !canUnshare()
    ? 'unshare -rn (user+network namespaces) is not available here'
    : false;

t.test('torture messages over UDP and TCP inside a loopback-only namespace', { skip }, async (t) => {
  const run = await runInNetns(`exec node --import tsx sip/test/helpers/torture-runner.ts '${tortureDir}'`, {
    cwd: repoRoot,
    timeoutMs: 120_000,
  });
  t.equal(run.code, 0, `runner exited cleanly: ${run.stderr.slice(-2000)}`);
  const last = run.stdout.trim().split('\n').pop() ?? '{}';
  const { results, fuzzAlive } = JSON.parse(last) as { results: Result[]; fuzzAlive: boolean };
  t.ok(fuzzAlive, 'after 3,000 mutated datagrams and 70 KB of random bytes over TCP, OPTIONS still gets 200');
  const udp = results.filter((r) => r.transport === 'udp');
  t.equal(
    udp.length,
    Object.keys(UDP).length,
    'every file in the set was replayed (and the table covers it)',
  );
  for (const r of udp) {
    const exp = UDP[r.file];
    const finals = r.statuses.filter((s) => s >= 200);
    t.ok(r.alive, `${r.file}: OPTIONS still answered 200 afterwards`);
    if (exp === undefined) t.fail(`${r.file}: no expectation in the table`);
    else if (exp === 'silence') t.same(r.statuses, [], `${r.file}: silently discarded`);
    else if (exp === 'silence-or-400')
      t.ok(
        finals.every((s) => s === 400),
        `${r.file}: dropped or 400 (got ${r.statuses})`,
      );
    else
      t.ok(
        finals.some((s) => exp.includes(s)),
        `${r.file}: got ${r.statuses}, expected one of ${exp}`,
      );
  }
  const tcp = new Map(results.filter((r) => r.transport === 'tcp').map((r) => [r.file, r]));
  for (const f of ['clerr.dat', 'ncl.dat', 'mcl01.dat']) {
    const r = tcp.get(`rfc4475/${f}`);
    t.ok(r?.closed, `TCP ${f}: connection closed by the stack`);
    t.same(r?.statuses, [], `TCP ${f}: nothing processed`);
    t.ok(r?.alive, `TCP ${f}: still alive`);
  }
  const dbl = tcp.get('rfc4475/dblreq.dat');
  t.ok(dbl?.statuses.includes(405), 'TCP dblreq: the REGISTER got 405');
  t.ok(dbl?.statuses.includes(100), 'TCP dblreq: the pipelined INVITE was processed too (100 Trying)');
});
