import { ConfigError } from '../config/app-config';
import { DataDirLockedError } from '../database/embedded-postgres';

/**
 * Runs a command of `npm run …` and exits with its code; an error is printed in one line (78 for
 * a bad configuration, 1 otherwise), the embedded database held by the running platform with
 * `whenLocked` (what to do about it).
 */
export function runCli(main: () => Promise<number>, whenLocked = 'stop it first.'): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof DataDirLockedError) {
        console.error(
          `✖ The embedded database in ${error.dataDir} is in use by the platform (pid ${error.pid}): ${whenLocked}`,
        );
      } else {
        console.error(error instanceof Error ? `✖ ${error.message}` : error);
      }
      process.exit(error instanceof ConfigError ? 78 : 1);
    },
  );
}
