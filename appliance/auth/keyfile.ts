import { randomBytes, hkdfSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The appliance's master key: 32 random bytes in `<dataDir>/keys/appliance.key` (mode 0600),
 * created on first start. Never stored in the database, so a database dump alone cannot forge
 * tokens or decrypt recordings and credentials. Purpose-specific subkeys come from HKDF.
 */
export class MasterKey {
  private constructor(private readonly key: Buffer) {}

  static loadOrCreate(dataDir: string): MasterKey {
    const dir = path.join(dataDir, 'keys');
    const file = path.join(dir, 'appliance.key');
    if (existsSync(file)) {
      const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
      if (key.length !== 32) throw new Error(`${file} must hold 32 base64-encoded bytes`);
      return new MasterKey(key);
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, key.toString('base64') + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
    return new MasterKey(key);
  }

  /** A 32-byte subkey for one purpose (e.g. 'jwt', 'recordings', 'credentials'). */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `appliance:${purpose}`, 32));
  }
}
