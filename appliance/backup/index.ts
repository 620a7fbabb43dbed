export { createBackup, applianceVersion, type BackupOptions, type BackupReport } from './backup.js';
export { restoreBackup, type RestoreOptions, type RestoreReport } from './restore.js';
export { BackupError, manifestSchema, type BackupManifest } from './archive.js';
