/**
 * The ISO's first-boot set-up (systemd/appliance-firstboot.sh) on a scratch root (ROOT=dir: the
 * account tools run with --root): data directory, a key file the service itself reads, a
 * certificate, the console admin with a one-time password shown until it is changed, settings
 * from the hypervisor; and repeating it (every boot) changes nothing. npm run verify:iso runs it
 * for real in a booted VM.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { MasterKey } from '../../appliance/auth/keyfile.js';
import { loadTls } from '../../appliance/http/tls.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'systemd', 'appliance-firstboot.sh');
const DATA = '/var/lib/appliance';

const tools = ['useradd', 'usermod', 'chage', 'openssl'].filter(
  (c) => spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status !== 0,
);
const skip =
  process.getuid?.() !== 0
    ? 'useradd --root needs root'
    : tools.length > 0
      ? `missing ${tools.join(', ')}`
      : false;

/** A minimal /etc as debootstrap leaves it (root, the sudo and systemd-journal groups). */
function scratchRoot(t: Test): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'firstboot-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'etc'));
  const w = (f: string, s: string) => writeFileSync(path.join(dir, 'etc', f), s);
  w('passwd', 'root:x:0:0:root:/root:/bin/bash\n');
  w('shadow', 'root:*:19000:0:99999:7:::\n');
  w('group', 'root:x:0:\nsudo:x:27:\nsystemd-journal:x:999:\n');
  w('gshadow', 'root:*::\nsudo:*::\nsystemd-journal:!::\n');
  w('hostname', 'clinic-box\n');
  return dir;
}

function run(dir: string, env: Record<string, string> = {}) {
  const r = spawnSync('sh', [script], {
    env: { ...process.env, ROOT: dir, APPLIANCE_FWCFG_ENV: path.join(dir, 'no-fw-cfg'), ...env },
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const line = (dir: string, file: string, user: string): string[] =>
  (
    readFileSync(path.join(dir, 'etc', file), 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${user}:`)) ?? ''
  ).split(':');

t.test(
  'a fresh box: data directory, key, certificate, admin with a one-time password',
  { skip },
  async (t) => {
    const dir = scratchRoot(t);
    const r = run(dir);
    t.equal(r.status, 0, r.err);
    const data = path.join(dir, DATA);
    const svc = line(dir, 'passwd', 'appliance');
    t.equal(svc[6], '/usr/sbin/nologin', 'the service user is created, without a login shell');
    t.equal(statSync(data).mode & 0o777, 0o750);
    t.equal(statSync(data).uid, Number(svc[2]), 'owned by the service user');

    const keyFile = path.join(data, 'keys', 'appliance.key');
    t.equal(statSync(keyFile).mode & 0o777, 0o600);
    t.equal(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64').length, 32, '32 random bytes');
    // The service reads exactly this file (and would refuse a malformed one).
    const a = MasterKey.loadOrCreate(data).derive('jwt');
    t.equal(a.length, 32);

    // The certificate is the one the service's HTTPS listener serves (tls.mode self-signed, the
    // default): it keeps these files instead of making its own, so the fingerprint shown on the
    // console is the one a browser sees.
    const tlsDir = path.join(data, 'tls');
    const served = loadTls({ mode: 'self-signed', certFile: '', keyFile: '', hostnames: [] }, data);
    t.equal(served?.certFile, path.join(tlsDir, 'self-signed.crt'));
    t.same(
      readdirSync(tlsDir).sort(),
      ['self-signed.crt', 'self-signed.key'],
      'the service made none of its own',
    );
    t.match(served?.subjectAltNames ?? '', /DNS:clinic-box/, 'named after the host');
    t.equal(statSync(path.join(tlsDir, 'self-signed.key')).mode & 0o777, 0o600, 'its key is private');
    t.ok(
      new X509Certificate(served?.cert ?? '').checkPrivateKey(createPrivateKey(served?.key ?? '')),
      "the key is the certificate's",
    );
    t.match(
      r.out,
      `certificate SHA-256 ${served?.fingerprint256 ?? '?'}`,
      'the fingerprint shown is the one served',
    );

    const shown = /log in as 'admin' with the initial password\s+(\S+)/.exec(r.out);
    t.ok(shown, 'the password is shown');
    const pw = shown?.[1] ?? '';
    t.equal(pw.length, 12);
    const admin = line(dir, 'shadow', 'admin');
    t.equal(admin[2], '0', 'the password must be changed at the first login');
    const hash = admin[1] ?? '';
    const salt = hash.split('$')[2] ?? '';
    const again = spawnSync('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], {
      input: `${pw}\n`,
      encoding: 'utf8',
    });
    t.equal(again.stdout.trim(), hash, 'the password shown is the one set');
    t.match(line(dir, 'group', 'sudo')[3] ?? '', /admin/, 'admin may use sudo');
    t.match(
      readFileSync(path.join(dir, 'etc', 'issue.d', 'appliance.issue'), 'utf8'),
      pw,
      'and on the login screen',
    );
  },
);

t.test('every later boot: nothing changes; the password disappears once changed', { skip }, async (t) => {
  const dir = scratchRoot(t);
  t.equal(run(dir).status, 0);
  const data = path.join(dir, DATA);
  const snap = () => [
    readFileSync(path.join(data, 'keys', 'appliance.key'), 'utf8'),
    readFileSync(path.join(data, 'tls', 'self-signed.crt'), 'utf8'),
    readFileSync(path.join(dir, 'etc', 'shadow'), 'utf8'),
    readFileSync(path.join(dir, 'etc', 'passwd'), 'utf8'),
  ];
  const before = snap();
  const r = run(dir);
  t.equal(r.status, 0, r.err);
  t.same(snap(), before, 'key, certificate and accounts kept');
  t.match(r.out, /initial password/, 'still shown while unchanged');

  // The admin changed the password: shadow's "last change" field is no longer 0.
  const shadow = path.join(dir, 'etc', 'shadow');
  writeFileSync(shadow, readFileSync(shadow, 'utf8').replace(/^(admin:[^:]*):0:/m, '$1:20000:'));
  const r2 = run(dir);
  t.equal(r2.status, 0, r2.err);
  t.notMatch(r2.out, /initial password/);
  t.notOk(existsSync(path.join(dir, 'etc', 'issue.d', 'appliance.issue')), 'gone from the login screen');
});

t.test('an existing key (restored data) is kept', { skip }, async (t) => {
  const dir = scratchRoot(t);
  const keys = path.join(dir, DATA, 'keys');
  mkdirSync(keys, { recursive: true });
  const key = `${Buffer.alloc(32, 7).toString('base64')}\n`;
  writeFileSync(path.join(keys, 'appliance.key'), key, { mode: 0o644 });
  t.equal(run(dir).status, 0);
  t.equal(readFileSync(path.join(keys, 'appliance.key'), 'utf8'), key);
  t.equal(statSync(path.join(keys, 'appliance.key')).mode & 0o777, 0o600, 'made private');
});

t.test(
  'settings from the hypervisor: APPLIANCE_* lines only, others named and dropped',
  { skip },
  async (t) => {
    const dir = scratchRoot(t);
    const fw = path.join(dir, 'fw-env');
    writeFileSync(
      fw,
      'APPLIANCE_RTP_PORT_MIN=46000\nPATH=/evil\n\nAPPLIANCE_SIP_PUBLIC_ADDRESS=10.0.0.5\nrm -rf /\n',
    );
    const r = run(dir, { APPLIANCE_FWCFG_ENV: fw });
    t.equal(r.status, 0, r.err);
    t.equal(
      readFileSync(path.join(dir, 'etc', 'appliance', 'env'), 'utf8'),
      'APPLIANCE_RTP_PORT_MIN=46000\nAPPLIANCE_SIP_PUBLIC_ADDRESS=10.0.0.5\n',
    );
    t.match(r.err, /ignored fw_cfg line: PATH=\/evil/);
    t.match(r.err, /ignored fw_cfg line: rm -rf \//);
  },
);
