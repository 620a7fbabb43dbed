import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Original uploads live at `<dataDir>/knowledge/<businessId>/<documentId>`. Writes go to a temp
 * file that is fsync'ed, renamed into place, and the directory fsync'ed, so once the upload is
 * acknowledged the bytes survive a crash or power loss.
 */
export class DocumentFiles {
  constructor(private readonly dataDir: string) {}

  pathOf(businessId: string, documentId: string): string {
    return path.join(this.dataDir, 'knowledge', businessId, documentId);
  }

  async write(businessId: string, documentId: string, bytes: Buffer): Promise<void> {
    const file = this.pathOf(businessId, documentId);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.tmp`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }

  read(businessId: string, documentId: string): Promise<Buffer> {
    return readFile(this.pathOf(businessId, documentId));
  }

  async remove(businessId: string, documentId: string): Promise<void> {
    await rm(this.pathOf(businessId, documentId), { force: true });
  }
}
