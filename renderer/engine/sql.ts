// Small sql.js helpers shared by the engine's modules: statements always freed, rows as plain objects.

import type { Database, SqlValue } from 'sql.js';

export type Row = Record<string, SqlValue>;

/** Every row of a query, each as { column: value }; the statement is freed even when a step throws. */
export function queryAll(db: Database, sql: string, params: SqlValue[] = []): Row[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: Row[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject());
    return rows;
  } finally {
    stmt.free();
  }
}
