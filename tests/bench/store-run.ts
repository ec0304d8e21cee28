// The floor under the import figure: N spend lines stored through sql.js with nothing else done (no parsing,
// locating or classifying), by the same statement and binding path as the engine's import.
// Usage: tsx tests/bench/store-run.ts N → prints {"lines", "ms"} as JSON.

import { startSqlNode } from '../../electron/sql-node';
import { workingDatabase } from '../../renderer/engine/project-file';
import { RowInserter } from '../../renderer/engine/row-inserter';
import { schemaSql } from '../../renderer/engine/schema';

const n = Number(process.argv[2] ?? 100000);
const SQL = await startSqlNode();
const db = workingDatabase(SQL);
db.run(schemaSql('temp'));
db.run("INSERT INTO sources(id, kind, file, rows, encoding, header_row, loaded_at, refused) VALUES (1, 'spend', 'spend.csv', 0, 'utf-8', 1, '', 0)");
db.run("INSERT INTO spend_texts(id, text) VALUES (1, 'payment')");
const t0 = performance.now();
db.run('BEGIN');
const stmt = new RowInserter(SQL, db, `INSERT INTO spend_line_rows(source_id, source_row, payment_date, supplier, purpose, department,
  amount_pence, transaction_id, postcode, place_name, ward_name_given, ward_code_given, lon_given, lat_given,
  service_area, rule_id, missions, mission_rules, ward_code, locate_method, unlocated_reason, lon, lat, uprn, merchant_category, cpv, supplier_postcode, located_from, line_kind, geom)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`);
const dates = Array.from({ length: 365 }, (_, d) => new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10));
for (let i = 0; i < n; i++) {
  const lon = -0.215 + ((i * 7919) % 10007) / 10007 * 0.11;
  const lat = 51.51 + ((i * 104729) % 10009) / 10009 * 0.065;
  // Bound as the engine binds a located line from a file with coordinates.
  stmt.int(1, 1);
  stmt.int(2, i + 2);
  stmt.sharedText(3, dates[i % 365]!);
  stmt.int(4, 2 + (i % 2000));
  stmt.int(5, 2002 + (i % 6));
  stmt.int(6, 2008 + (i % 6));
  stmt.int(7, 50000 + ((i * 31) % 5000000));
  stmt.text(8, `T${i}`);
  for (const k of [9, 10, 11, 12]) stmt.sharedText(k, '');
  stmt.real(13, lon);
  stmt.real(14, lat);
  stmt.int(15, 2014 + (i % 5));
  stmt.int(16, 2019 + (i % 5));
  stmt.int(17, 2024);
  stmt.int(18, 2025);
  stmt.int(19, 2026 + (i % 20));
  stmt.int(20, 2046);
  stmt.real(22, lon);
  stmt.real(23, lat);
  for (const k of [24, 25, 26, 27]) stmt.sharedText(k, '');
  stmt.int(28, 2047);
  stmt.point(29, lon, lat);
  stmt.insert();
}
stmt.free();
db.run('COMMIT');
const ms = performance.now() - t0;
console.log(JSON.stringify({ lines: n, ms }));
