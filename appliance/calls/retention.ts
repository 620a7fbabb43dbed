/**
 * Retention sweep: deletes recordings older than their business's `retentionDays` (file first,
 * then row, so a crash in between leaves a row whose download answers 404, never an orphan file).
 */
import { sharedFilesDir } from '../config/index.js';
import type { AppContext } from '../context.js';
import { deleteRecordingFile } from './recordings.js';
import { deleteRecordingRow, expiredRecordings } from './store.js';

export async function sweepRecordings(app: AppContext, now: Date = app.now()): Promise<number> {
  const due = await expiredRecordings(app.db.kysely, now);
  for (const r of due) {
    await deleteRecordingFile(sharedFilesDir(app.config), r.file);
    await deleteRecordingRow(app.db.kysely, r.business_id, r.id);
  }
  if (due.length) app.log.info({ deleted: due.length }, 'expired recordings deleted');
  return due.length;
}
