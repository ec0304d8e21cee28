// The project database's tables. Later the same tables become GeoPackage feature tables.

export const SCHEMA_VERSION = 1;

/** Dropped and built again around large inserts; see Engine.insertSpend. */
export const SPEND_LINES_WARD_INDEX = 'CREATE INDEX spend_lines_ward ON spend_lines(ward_code, service_area)';

/** The tables, in an order in which each is created after those it refers to. */
export const TABLES = ['meta', 'sources', 'wards', 'spend_lines', 'contract_awards', 'ledger_groups', 'excluded_rows', 'postcodes', 'uprns', 'places', 'column_profiles', 'problems'] as const;

/**
 * The schema in one SQLite schema: 'temp' for the working project, which lives in SQLite's own memory (sql.js grows
 * its in-memory file by an eighth at a time, copying it whole each time, which cost seconds per million lines);
 * 'main' when a copy is written out as a file.
 */
export function schemaSql(schema: 'temp' | 'main'): string {
  return SCHEMA.replace(/CREATE (TABLE|INDEX) /g, `CREATE $1 ${schema}.`);
}

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL, rows INTEGER NOT NULL,
  encoding TEXT NOT NULL, header_row INTEGER, loaded_at TEXT NOT NULL, refused INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE wards (
  code TEXT PRIMARY KEY, name TEXT NOT NULL, geometry TEXT NOT NULL,
  min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL, max_y REAL NOT NULL,
  label_x REAL NOT NULL, label_y REAL NOT NULL
);
CREATE TABLE spend_lines (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id), source_row INTEGER NOT NULL,
  payment_date TEXT, supplier TEXT NOT NULL, purpose TEXT NOT NULL, department TEXT NOT NULL,
  amount_pence INTEGER NOT NULL, transaction_id TEXT NOT NULL, merchant_category TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL, uprn TEXT NOT NULL DEFAULT '', place_name TEXT NOT NULL, ward_name_given TEXT NOT NULL, ward_code_given TEXT NOT NULL,
  lon_given REAL, lat_given REAL,
  service_area TEXT NOT NULL, rule_id TEXT,
  missions TEXT NOT NULL DEFAULT '', mission_rules TEXT NOT NULL DEFAULT '',
  ward_code TEXT, locate_method TEXT, unlocated_reason TEXT, lon REAL, lat REAL,
  -- 'payment' (a spend file) or 'contract award' (OCDS: the value awarded, which may be a framework's ceiling).
  line_kind TEXT NOT NULL DEFAULT 'payment'
);
-- What a contracts file (OCDS) says about each award, beside its spend line.
CREATE TABLE contract_awards (
  line_id INTEGER PRIMARY KEY REFERENCES spend_lines(id), ocid TEXT NOT NULL, award_id TEXT NOT NULL, buyer TEXT NOT NULL,
  title TEXT NOT NULL, cpv TEXT NOT NULL, cpv_description TEXT NOT NULL,
  suitable_for_sme INTEGER, suitable_for_vcse INTEGER, supplier_sme INTEGER, supplier_vcse INTEGER,
  award_date TEXT, contract_start TEXT, contract_end TEXT
);
${SPEND_LINES_WARD_INDEX};
-- Each source's lines counted by how they were placed and classified, kept in step with spend_lines so the ledger
-- is read without scanning every line (grouping 20,000 lines took longer than storing them).
CREATE TABLE ledger_groups (
  source_id INTEGER NOT NULL REFERENCES sources(id), placed INTEGER NOT NULL, locate_method TEXT, unlocated_reason TEXT,
  rule_id TEXT, service_area TEXT NOT NULL, lines INTEGER NOT NULL, pence INTEGER NOT NULL, first_date TEXT, last_date TEXT
);
CREATE TABLE excluded_rows (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id), source_row INTEGER NOT NULL,
  reason TEXT NOT NULL, detail TEXT NOT NULL, raw TEXT NOT NULL, amount_pence INTEGER
);
CREATE TABLE postcodes (postcode TEXT PRIMARY KEY, lon REAL NOT NULL, lat REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE uprns (uprn INTEGER PRIMARY KEY, lon REAL NOT NULL, lat REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL, geometry TEXT NOT NULL,
  lon REAL NOT NULL, lat REAL NOT NULL, source TEXT NOT NULL
);
CREATE TABLE column_profiles (
  header_key TEXT PRIMARY KEY, name TEXT NOT NULL, header TEXT NOT NULL DEFAULT '[]', columns TEXT NOT NULL, saved_at TEXT NOT NULL
);
CREATE TABLE problems (
  id INTEGER PRIMARY KEY, file TEXT NOT NULL, row INTEGER, feature INTEGER, column_name TEXT,
  severity TEXT NOT NULL, reason TEXT NOT NULL
);
`;
