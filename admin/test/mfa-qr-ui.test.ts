import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import t from 'tap';
import { base32Decode, totp } from '../../appliance/auth/totp.js';
import { startTestApi } from '../../appliance/test/helpers/app.js';
import { decodeQr } from './helpers/qr-decode.js';

/**
 * MFA set-up in real Chromium: the Security page draws the otpauth:// link as a QR code in the
 * browser, with nothing fetched from outside the box. The test reads the drawn modules back from
 * the SVG, decodes them with its own decoder (helpers/qr-decode.ts) to the same link, takes the
 * secret from that link (as a phone would) and completes the set-up with a code computed from it.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const adminDir = join(repoRoot, 'admin');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the bundle when it is missing or older than any source file (this test needs the QR). */
function ensureBuilt(): void {
  const index = join(adminDir, 'dist', 'index.html');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(adminDir, 'src'))) return;
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'vite'), ['build', 'admin', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

/** Dark modules from the SVG path of horizontal runs `M{x} {y}h{len}v1h-{len}z`. */
function modulesFromPath(d: string, size: number): boolean[][] {
  const m = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  for (const [, x, y, len] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g))
    for (let i = 0; i < Number(len); i++) (m[Number(y)] as boolean[])[Number(x) + i] = true;
  return m;
}

if (!existsSync(chromiumPath)) {
  t.plan(0, `no Chromium at ${chromiumPath}`);
} else {
  ensureBuilt();
  t.test('MFA set-up: QR code drawn locally, decoded back, set-up completed from it', async (t) => {
    const ms = Date.now();
    const api = await startTestApi(t, 'sqlite', {}, () => new Date(ms));
    const a = await api.register('Qr Code Co');

    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
    t.teardown(() => browser.close());
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    // Every request the page makes: nothing may leave the appliance (air-gapped sites).
    const origin = new URL(api.baseUrl).origin;
    const foreign: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.origin !== origin && u.protocol !== 'data:') foreign.push(r.url());
    });
    const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });

    await page.goto(`${api.baseUrl}/admin/`);
    await heading('Sign in').waitFor();
    await page.getByLabel('Email').fill(a.email);
    await page.getByLabel('Password').fill(a.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading('Overview').waitFor();
    await page.getByRole('link', { name: 'Security' }).click();
    await heading('Security').waitFor();
    await page.getByRole('button', { name: 'Set up' }).click();

    const qr = page.getByRole('img', { name: 'QR code of the authenticator key' });
    await qr.waitFor();
    const drawn = await qr.evaluate((svg) => ({
      viewBox: svg.getAttribute('viewBox') ?? '',
      d: svg.querySelector('path')?.getAttribute('d') ?? '',
      width: svg.getBoundingClientRect().width,
    }));
    const [, , full] = drawn.viewBox.split(' ').map(Number);
    const size = (full ?? 0) - 8;
    t.ok(drawn.width >= 150, `drawn ${drawn.width} px wide, big enough to scan`);
    const decoded = decodeQr(modulesFromPath(drawn.d, size));
    t.equal(decoded.level, 'M', 'error correction level M');
    const link = await page.getByRole('link', { name: 'open it in the app' }).getAttribute('href');
    t.match(decoded.text, /^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]+/, `decoded: version ${decoded.version}`);
    t.equal(decoded.text, link, 'the QR code holds the same otpauth:// link the page offers');
    const shownSecret = (await page.getByTestId('totp-secret').textContent())?.replace(/\s/g, '');
    const secret = new URL(decoded.text).searchParams.get('secret') ?? '';
    t.equal(secret, shownSecret, 'and the same secret as shown for typing in');

    // The phone's part: a code from the secret read out of the QR code.
    await page.getByLabel('Code from the app').fill(totp(base32Decode(secret), ms / 1000));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    t.pass('set-up confirmed with the code from the scanned secret');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('10 recovery codes left').waitFor();
    const status = await api.call<{ enabled: boolean }>('GET', '/auth/mfa', { token: a.token });
    t.equal(status.body.enabled, true, 'the server has MFA on for the account');
    t.same(foreign, [], 'the page fetched nothing from outside the appliance');
  });
}
