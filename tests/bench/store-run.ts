// The floor under the import figure: N spend lines stored through sql.js with nothing else done (no parsing,
// locating or classifying), by the same statements and binding path as the engine's import (spend-writer.ts): 64
// lines to an INSERT, numbered parameters, the columns a file leaves blank written in as ''.
// Usage: tsx tests/bench/store-run.ts N → prints {"lines", "ms"} as JSON.

import { startSqlNode } from '../../electron/sql-node';
import { workingDatabase } from '../../renderer/engine/project-file';
import { RowInserter } from '../../renderer/engine/row-inserter';
import { schemaSql } from '../../renderer/engine/schema';

const n = Number(process.argv[2] ?? 100000);
const PER_INSERT = 64;
const PARAMETERS = 28;
const SQL = await startSqlNode();
const db = workingDatabase(SQL);
db.run(schemaSql('temp'));
db.run("INSERT INTO sources(id, kind, file, rows, encoding, header_row, loaded_at, refused) VALUES (1, 'spend', 'spend.csv', 0, 'utf-8', 1, '', 0)");
db.run("INSERT INTO spend_texts(id, text) VALUES (1, 'payment')");
// Postcode, place, ward name and code, UPRN, merchant category, CPV and supplier's postcode: blank in this file.
const blank = new Set([8, 9, 10, 11, 23, 24, 25, 26]);
const statement = (rows: number) => `INSERT INTO spend_line_rows(source_row, payment_date, supplier, purpose, department,
  amount_pence, transaction_id, postcode, place_name, ward_name_given, ward_code_given, lon_given, lat_given,
  service_area, rule_id, missions, mission_rules, ward_code, locate_method, unlocated_reason, lon, lat, uprn, merchant_category, cpv, supplier_postcode, located_from, geom, source_id, line_kind)
  VALUES ${Array.from({ length: rows }, (_, j) => `(${Array.from({ length: PARAMETERS }, (_, k) => (blank.has(k + 1) ? "''" : `?${j * PARAMETERS + k + 1}`)).join(', ')}, 1, 1)`).join(', ')}`;
const t0 = performance.now();
db.run('BEGIN');
const grouped = new RowInserter(SQL, db, statement(PER_INSERT));
const single = new RowInserter(SQL, db, statement(1));
const inGroups = n - (n % PER_INSERT);
const dates = Array.from({ length: 365 }, (_, d) => new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10));
for (let i = 0; i < n; i++) {
  const lon = -0.215 + ((i * 7919) % 10007) / 10007 * 0.11;
  const lat = 51.51 + ((i * 104729) % 10009) / 10009 * 0.065;
  const stmt = i < inGroups ? grouped : single;
  const o = i < inGroups ? (i % PER_INSERT) * PARAMETERS : 0;
  // Bound as the engine binds a located line from a file with coordinates.
  stmt.int(1 + o, i + 2);
  stmt.sharedWord(2 + o, i % 365, dates[i % 365]!);
  stmt.int(3 + o, 2 + (i % 2000));
  stmt.int(4 + o, 2002 + (i % 6));
  stmt.int(5 + o, 2008 + (i % 6));
  stmt.int(6 + o, 50000 + ((i * 31) % 5000000));
  stmt.text(7 + o, `T${i}`);
  stmt.real(12 + o, lon);
  stmt.real(13 + o, lat);
  stmt.int(14 + o, 2014 + (i % 5));
  stmt.int(15 + o, 2019 + (i % 5));
  stmt.int(16 + o, 2024);
  stmt.int(17 + o, 2025);
  stmt.int(18 + o, 2026 + (i % 20));
  stmt.int(19 + o, 2046);
  stmt.real(21 + o, lon);
  stmt.real(22 + o, lat);
  stmt.int(27 + o, 2047);
  stmt.point(28 + o, lon, lat);
  if (i >= inGroups || i % PER_INSERT === PER_INSERT - 1) stmt.insert();
}
grouped.free();
single.free();
db.run('COMMIT');
const ms = performance.now() - t0;
const stored = Number(db.exec('SELECT COUNT(*) FROM spend_line_rows')[0]!.values[0]![0]);
if (stored !== n) throw new Error(`stored ${stored} of ${n} lines`);
console.log(JSON.stringify({ lines: n, ms }));
