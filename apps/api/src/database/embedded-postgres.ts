/**
 * The zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) run in-process and served on a
 * local TCP port by pglite-socket, so that TypeORM and `pg` talk to it like to any server
 * (ADR 0002). One process at a time may own a data folder: a lock file says which.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { PGliteInterface } from '@electric-sql/pglite';

export interface EmbeddedPostgres {
  /** postgres:// URL of the local socket server. */
  readonly url: string;
  readonly dataDir: string | null;
  /**
   * The database itself, for what only PGlite's own API does: COPY … TO '/dev/blob' (the export
   * to a server), PGlite having no COPY over the wire protocol.
   */
  readonly pglite: PGliteInterface;
  /**
   * A tarball of the data folder (gzip-compressed with 'gzip'), to start another instance from:
   * the tests' migrated template, the backups.
   */
  dumpDataDir(compression?: 'none' | 'gzip'): Promise<Blob>;
  stop(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${pid}), ` +
        `probably the running platform. Stop it first, or import through the API (POST /api/imports/finess).`,
    );
  }
}

const LOCK_FILE = 'tdb.lock';
/** The folder of DATA_DIR that PGlite keeps its PostgreSQL data folder in. */
export const PGDATA = 'pgdata';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data folder's lock, or throws DataDirLockedError when a live process holds it. */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isProcessAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      fs.unlinkSync(lockPath); // stale lock of a process that died
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts PGlite on `dataDir` (or in memory when null) and serves it on 127.0.0.1.
 * `maxConnections` must cover the TypeORM pool plus any job worker pool. `loadDataDir` (a tarball
 * of `dumpDataDir`) starts from a copy of another data folder instead of running initdb.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string | null;
  maxConnections?: number;
  loadDataDir?: Blob;
}): Promise<EmbeddedPostgres> {
  const releaseLock = options.dataDir ? acquireDataDirLock(options.dataDir) : () => undefined;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create({
      dataDir: options.dataDir ? path.join(options.dataDir, PGDATA) : undefined,
      extensions: { pg_trgm },
      loadDataDir: options.loadDataDir,
    });
    const port = await freePort();
    const server = new PGLiteSocketServer({
      db,
      port,
      host: '127.0.0.1',
      maxConnections: options.maxConnections ?? 10,
    });
    await server.start();
    let stopped = false;
    return {
      url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
      dataDir: options.dataDir,
      pglite: db,
      dumpDataDir: (compression = 'none') => db.dumpDataDir(compression),
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await db.close(); // flushes the data folder
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
