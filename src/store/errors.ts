import { UserFacingError } from '../domain/errors.ts';
import { t } from '../messages/index.ts';

/** Another process holds DATA_DIR. */
export class StoreLockedError extends UserFacingError {
  constructor(message: string) {
    super('store_locked', message);
    this.name = 'StoreLockedError';
  }
}

/** A data file cannot be read back as it was written. Start-up stops; the file is untouched. */
export class StoreCorruptError extends UserFacingError {
  constructor(
    readonly file: string,
    readonly backup: string | undefined,
    why: string,
  ) {
    super('store_corrupt', t('store.corrupt', { file, why, backup: backup ?? t('store.corrupt.nobackup') }));
    this.name = 'StoreCorruptError';
  }
}

/** A write did not happen (disk full, read-only). Nothing half-written was left behind. */
export class StoreWriteError extends UserFacingError {
  constructor(readonly errno: string, cause: unknown) {
    const key =
      errno === 'ENOSPC' || errno === 'EDQUOT'
        ? 'store.write_failed.nospace'
        : errno === 'EROFS' || errno === 'EACCES' || errno === 'EPERM'
          ? 'store.write_failed.readonly'
          : 'store.write_failed.other';
    super('store_write_failed', t(key, { code: errno }), { cause });
    this.name = 'StoreWriteError';
  }
}

/** DATA_DIR cannot be opened for writing at start-up (disk full, read-only): one Spanish line. */
export class StoreStartError extends UserFacingError {
  static handles(code: string): boolean {
    return ['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM'].includes(code);
  }

  constructor(
    readonly dir: string,
    readonly errno: string,
    cause: unknown,
  ) {
    super('store_start_failed', t(errno === 'ENOSPC' || errno === 'EDQUOT' ? 'store.start_failed.nospace' : 'store.start_failed.readonly', { dir, code: errno }), { cause });
    this.name = 'StoreStartError';
  }
}
