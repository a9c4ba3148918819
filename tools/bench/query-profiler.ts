import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

export interface QueryPhase {
  label: string;
  calls: number;
  seconds: number;
}

/** "INSERT structure_indicators", "SELECT submissions", "COMMIT"… from the statement text. */
export function statementLabel(sql: string): string {
  const write = /^\s*(DELETE\s+FROM|INSERT\s+INTO|UPDATE)\s+(\w+)/i.exec(sql);
  if (write) return `${write[1]!.split(/\s+/)[0]!.toUpperCase()} ${write[2]}`;
  const read = /^\s*SELECT[\s\S]*?\bFROM\s+(\w+)/i.exec(sql);
  if (read) return `SELECT ${read[1]}`;
  return sql.trim().split(/\s+/)[0]!.toUpperCase();
}

/**
 * Times every statement TypeORM sends (PostgresQueryRunner.query, which also parses the rows, JSONB
 * included), grouped by statement kind and table, while `stop` is not called. Statements of other
 * clients (pg-boss has its own pool) are not seen.
 */
export function profileQueries(): { stop(): QueryPhase[] } {
  const prototype = PostgresQueryRunner.prototype as unknown as {
    query: (this: unknown, sql: string, ...rest: unknown[]) => Promise<unknown>;
  };
  const original = prototype.query;
  const phases = new Map<string, QueryPhase>();
  prototype.query = async function (this: unknown, sql: string, ...rest: unknown[]) {
    const started = performance.now();
    try {
      return await original.call(this, sql, ...rest);
    } finally {
      const label = statementLabel(sql);
      const phase = phases.get(label) ?? { label, calls: 0, seconds: 0 };
      phase.calls += 1;
      phase.seconds += (performance.now() - started) / 1000;
      phases.set(label, phase);
    }
  };
  return {
    stop() {
      prototype.query = original;
      return [...phases.values()].sort((a, b) => b.seconds - a.seconds);
    },
  };
}
