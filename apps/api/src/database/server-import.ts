/**
 * npm run database:import: loads an export of the embedded database (embedded-export.ts) into the
 * PostgreSQL server of a URL, after migrating it. The file is read line by line: statements one per
 * line, and each COPY … FROM stdin block sent as COPY data — what psql does, without needing psql
 * on the machine (the API's image has none).
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { Client } from 'pg';
import { runMigrations } from './database';

/** What of `pg`'s protocol connection a submittable query uses. */
interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * A COPY … FROM STDIN for `pg`'s Client (which has no COPY of its own): submitted like a query,
 * it sends its data when the server asks for it.
 */
class CopyIn {
  readonly done: Promise<void>;
  private settle!: (error?: unknown) => void;
  private error: unknown = null;

  constructor(
    readonly text: string,
    private readonly data: Buffer,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
  }

  handleCommandComplete(): void {
    // The rows are counted by the export's final check.
  }

  handleError(error: unknown): void {
    this.error = error;
  }

  handleReadyForQuery(): void {
    this.settle(this.error ?? undefined);
  }
}

export interface ImportSummary {
  copies: number;
  rows: number;
}

/** Loads `file` into the database `url` (migrated first); all or nothing (the file is one transaction). */
export async function importIntoServer(file: string, url: string): Promise<ImportSummary> {
  await runMigrations(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  const summary: ImportSummary = { copies: 0, rows: 0 };
  try {
    const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    let copy: { statement: string; rows: string[] } | null = null;
    for await (const line of lines) {
      if (copy) {
        if (line !== '\\.') {
          copy.rows.push(line);
          continue;
        }
        const copyIn = new CopyIn(copy.statement, Buffer.from(`${copy.rows.join('\n')}\n`));
        void client.query(copyIn as never);
        await copyIn.done;
        summary.copies++;
        summary.rows += copy.rows.length;
        copy = null;
      } else if (line.startsWith('COPY ') && line.endsWith(' FROM stdin;')) {
        copy = { statement: line.slice(0, -1), rows: [] };
      } else if (line.trim() !== '' && !line.startsWith('--')) {
        await client.query(line);
      }
    }
    if (copy) throw new Error(`${file} ends inside the data of ${copy.statement}: truncated file?`);
    return summary;
  } catch (error) {
    // The transaction the file opened, if any: nothing of it stays.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
