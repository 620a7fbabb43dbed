import { spawn, spawnSync } from 'node:child_process';

/** True when unprivileged user+network namespaces work here (`unshare -rn`). */
export function canUnshare(): boolean {
  const r = spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up'], { timeout: 5000 });
  return r.status === 0;
}

/** Run a shell script in a fresh loopback-only namespace; resolves with stdout/stderr/exit code. */
export function runInNetns(
  script: string,
  opts: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('unshare', ['-rn', 'sh', '-c', `ip link set lo up; ${script}`], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
