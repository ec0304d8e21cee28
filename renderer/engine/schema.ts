// The project database's tables: an OGC GeoPackage (1.4) whose feature tables are wards, places and spend_lines,
// beside PlaceLens's own tables. The working copy has exactly the file's layout, so saving is a page copy.

/**
 * 1: plain SQLite tables (before projects were saved). 2: the GeoPackage layout. 3: spend_lines.cpv, for every line
 * (spend files can carry a CPV column; contract awards' codes were only in contract_awards). 4: wards.population
 * (residents, when the boundaries file gives them). 5: story_slides (workshop stories) and the annotations feature table (what was heard in workshops). 6: spend_lines.supplier_postcode and
 * located_from, place_match_decisions. 7: spend_line_wards (spend at places that cross ward boundaries, divided by area).
 * 8: spend_lines becomes a view over spend_line_rows, whose repeated words (suppliers, purposes, codes) are numbers
 * into spend_texts. Raise it with every change to the tables, and teach project-file.ts to migrate the one before.
 */
export const SCHEMA_VERSION = 8;

/** PRAGMA application_id for a GeoPackage: 'GPKG' as a big-endian 32-bit integer. */
export const GPKG_APPLICATION_ID = 0x47504b47;
/** PRAGMA user_version for GeoPackage 1.3.0: the newest GDAL 3.6 (Debian 12's, QGIS 3.28's) reads without a warning. */
export const GPKG_USER_VERSION = 10300;
export const WGS84_SRS_ID = 4326;

/** The feature tables, as QGIS and ogrinfo list them. */
export const FEATURE_TABLES = [
  { table: 'wards', geometryType: 'MULTIPOLYGON', description: 'Ward boundaries the spend is placed in' },
  { table: 'places', geometryType: 'GEOMETRY', description: 'Named places (estates, parks, youth centres…) that spend lines were matched to' },
  { table: 'spend_lines', geometryType: 'POINT', description: 'Every spend line; located ones have a point, unlocated ones none (see unlocated_reason)' },
  { table: 'annotations', geometryType: 'GEOMETRY', description: 'Notes from workshops, pinned to a point or drawn round an area' },
] as const;

/**
 * Projects saved before format 7 had an index on spend_lines(ward_code, service_area, amount_pence) for ward totals in
 * SQL. Ward totals now come from the explorer's columns, which the map's points need anyway; the index cost a tenth
 * of the file, its rebuild after every large import, and its copy on every open. It is dropped when such a project opens.
 */
export const OLD_WARD_INDEX = 'spend_lines_ward';

/**
 * Workshop stories: one row per slide, in order within its story. The map view and the filters/layers are JSON (read
 * back through domain/story.ts's readSlide); title, caption and notes are plain columns, readable in any SQLite tool.
 */
export const STORY_SLIDES_TABLE = `CREATE TABLE story_slides (
  id TEXT PRIMARY KEY, story TEXT NOT NULL, position INTEGER NOT NULL, title TEXT NOT NULL, caption TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '', view TEXT NOT NULL, state TEXT NOT NULL
)`;

/** Workshop notes: a pin (POINT) or an area (POLYGON) each, with the slide they were made on and a service area. */
/**
 * A person's answers to the review list: is this phrase in a line's words this place? Keyed by the words and the
 * place's name and source, so they hold for lines imported later and when the register is loaded again.
 */
export const PLACE_DECISIONS_TABLE = `CREATE TABLE place_match_decisions (
  phrase TEXT NOT NULL, place_name TEXT NOT NULL, place_source TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject')), decided_at TEXT NOT NULL,
  PRIMARY KEY (phrase, place_name, place_source)
)`;

/**
 * A line placed at a place drawn as an area that crosses ward boundaries (an estate, a park): one row per ward it
 * crosses, with that ward's share of the place's area and of the line's pence (whole pence adding up to the line's
 * amount). The line's own ward_code stays the ward its point is in; ward totals take these parts instead.
 */
export const LINE_WARDS_TABLE = `CREATE TABLE spend_line_wards (
  line_id INTEGER NOT NULL REFERENCES spend_line_rows(id), ward_code TEXT NOT NULL, share REAL NOT NULL, pence INTEGER NOT NULL,
  place TEXT NOT NULL, PRIMARY KEY (line_id, ward_code)
) WITHOUT ROWID`;

export const ANNOTATIONS_TABLE = `CREATE TABLE annotations (
  fid INTEGER PRIMARY KEY, geom GEOMETRY NOT NULL, note TEXT NOT NULL, slide_id TEXT, service_area TEXT, created_at TEXT NOT NULL
)`;

/**
 * Columns of spend_lines whose values repeat across lines (a supplier, a purpose, a code): spend_line_rows holds a
 * number into spend_texts for each, and the spend_lines view gives the words back. A million lines' repeated words
 * were about a third of the file.
 */
export const CODED_LINE_COLUMNS = [
  'supplier', 'purpose', 'department', 'service_area', 'rule_id', 'missions', 'mission_rules', 'ward_code', 'locate_method',
  'unlocated_reason', 'line_kind', 'located_from',
] as const;
export type CodedLineColumn = (typeof CODED_LINE_COLUMNS)[number];

/** spend_lines's columns, in the order every format has had them (the view keeps it, so QGIS sees the same layer). */
export const LINE_COLUMNS = [
  'id', 'geom', 'source_id', 'source_row', 'payment_date', 'supplier', 'purpose', 'department', 'amount_pence', 'transaction_id',
  'merchant_category', 'postcode', 'uprn', 'place_name', 'ward_name_given', 'ward_code_given', 'lon_given', 'lat_given',
  'service_area', 'rule_id', 'missions', 'mission_rules', 'ward_code', 'locate_method', 'unlocated_reason', 'lon', 'lat',
  'line_kind', 'cpv', 'supplier_postcode', 'located_from',
] as const;

const coded = new Set<string>(CODED_LINE_COLUMNS);

/** The view QGIS and every reading query see: spend_lines as the table it was, words and all. */
export const SPEND_LINES_VIEW = `CREATE VIEW spend_lines AS SELECT ${LINE_COLUMNS.map((c) => (coded.has(c) ? `t_${c}.text AS ${c}` : `l.${c} AS ${c}`)).join(', ')}
  FROM spend_line_rows l ${CODED_LINE_COLUMNS.map((c) => `LEFT JOIN spend_texts t_${c} ON t_${c}.id = l.${c}`).join(' ')}`;

/**
 * The spend lines as stored: spend_lines's columns, with a number into spend_texts in each coded column. The view
 * joins each to its words; the joins are LEFT and on spend_texts' key, so SQLite looks up only the words a query reads.
 */
export const SPEND_LINE_ROWS_TABLES = `CREATE TABLE spend_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
CREATE TABLE spend_line_rows (
  id INTEGER PRIMARY KEY, geom POINT, source_id INTEGER NOT NULL REFERENCES sources(id), source_row INTEGER NOT NULL,
  payment_date TEXT, supplier INTEGER NOT NULL, purpose INTEGER NOT NULL, department INTEGER NOT NULL,
  amount_pence INTEGER NOT NULL, transaction_id TEXT NOT NULL, merchant_category TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL, uprn TEXT NOT NULL DEFAULT '', place_name TEXT NOT NULL, ward_name_given TEXT NOT NULL, ward_code_given TEXT NOT NULL,
  lon_given REAL, lat_given REAL,
  service_area INTEGER NOT NULL, rule_id INTEGER, missions INTEGER NOT NULL, mission_rules INTEGER NOT NULL,
  ward_code INTEGER, locate_method INTEGER, unlocated_reason INTEGER, lon REAL, lat REAL,
  -- 'payment' (a spend file) or 'contract award' (OCDS: the value awarded, which may be a framework's ceiling).
  line_kind INTEGER NOT NULL,
  cpv TEXT NOT NULL DEFAULT '',
  -- The supplier's own postcode, from its address: where the supplier is, which is not where the service was.
  supplier_postcode TEXT NOT NULL DEFAULT '',
  -- Which field placed the line, in words ("postcode column", "purpose: “regents park estate”"); NULL when unplaced.
  located_from INTEGER
)`;

const SPEND_LINE_TABLES = `${SPEND_LINE_ROWS_TABLES};\n${SPEND_LINES_VIEW}`;

/** spend_lines as formats 2 to 7 stored it: what an older project is read into before its words become numbers. */
export const FORMAT_7_SPEND_LINES = `CREATE TABLE spend_lines (
  id INTEGER PRIMARY KEY, geom POINT, source_id INTEGER NOT NULL REFERENCES sources(id), source_row INTEGER NOT NULL,
  payment_date TEXT, supplier TEXT NOT NULL, purpose TEXT NOT NULL, department TEXT NOT NULL,
  amount_pence INTEGER NOT NULL, transaction_id TEXT NOT NULL, merchant_category TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL, uprn TEXT NOT NULL DEFAULT '', place_name TEXT NOT NULL, ward_name_given TEXT NOT NULL, ward_code_given TEXT NOT NULL,
  lon_given REAL, lat_given REAL,
  service_area TEXT NOT NULL, rule_id TEXT,
  missions TEXT NOT NULL DEFAULT '', mission_rules TEXT NOT NULL DEFAULT '',
  ward_code TEXT, locate_method TEXT, unlocated_reason TEXT, lon REAL, lat REAL,
  -- 'payment' (a spend file) or 'contract award' (OCDS: the value awarded, which may be a framework's ceiling).
  line_kind TEXT NOT NULL DEFAULT 'payment',
  -- Last, where format 2's and 5's ALTER TABLEs put them, so a migrated table and a new one are alike.
  cpv TEXT NOT NULL DEFAULT '',
  -- The supplier's own postcode, from its address: where the supplier is, which is not where the service was.
  supplier_postcode TEXT NOT NULL DEFAULT '',
  -- Which field placed the line, in words ("postcode column", "purpose: “regents park estate”"); NULL when unplaced.
  located_from TEXT
)`;

/** The GeoPackage's record of a feature table: its contents row, geometry column and GDAL's feature count. */
export function featureTableRegistration(f: (typeof FEATURE_TABLES)[number]): string {
  return `INSERT INTO gpkg_contents(table_name, data_type, identifier, description, srs_id) VALUES ('${f.table}', 'features', '${f.table}', '${f.description.replace(/'/g, "''")}', ${WGS84_SRS_ID});
INSERT INTO gpkg_geometry_columns VALUES ('${f.table}', 'geom', '${f.geometryType}', ${WGS84_SRS_ID}, 0, 0);
INSERT INTO gpkg_ogr_contents(table_name, feature_count) VALUES ('${f.table}', 0);`;
}

/** The tables, in an order in which each is created after those it refers to. */
export const TABLES = [
  'gpkg_spatial_ref_sys', 'gpkg_contents', 'gpkg_geometry_columns', 'gpkg_ogr_contents',
  'meta', 'sources', 'wards', 'spend_texts', 'spend_line_rows', 'contract_awards', 'ledger_groups', 'excluded_rows', 'postcodes', 'uprns', 'places', 'column_profiles', 'problems', 'story_slides', 'annotations', 'place_match_decisions', 'spend_line_wards',
] as const;

/**
 * The schema in one SQLite schema: 'temp' for the working project, which lives in SQLite's own memory (sql.js grows
 * its in-memory file by an eighth at a time, copying it whole each time, which cost seconds per million lines);
 * 'main' when a copy is written out as a file.
 */
export function schemaSql(schema: 'temp' | 'main'): string {
  return `PRAGMA ${schema}.application_id = ${GPKG_APPLICATION_ID}; PRAGMA ${schema}.user_version = ${GPKG_USER_VERSION};\n`
    + SCHEMA.replace(/CREATE (TABLE|INDEX|VIEW) /g, `CREATE $1 ${schema}.`).replace(/INSERT INTO /g, `INSERT INTO ${schema}.`);
}

// WKT for EPSG:4326 as the GeoPackage standard's own example row gives it.
const WGS84_WKT = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const featureTableRows = FEATURE_TABLES.map(featureTableRegistration).join('\n');

const SCHEMA = `
-- The GeoPackage core (OGC 12-128r18 §1.1.2, §1.1.3, §2.1.5), as the standard defines them.
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL, description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
-- GDAL's own table: feature counts, so QGIS and ogrinfo list a million lines without counting them.
CREATE TABLE gpkg_ogr_contents (table_name TEXT NOT NULL PRIMARY KEY, feature_count INTEGER DEFAULT NULL);
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', ${WGS84_SRS_ID}, 'EPSG', 4326, '${WGS84_WKT}', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
${featureTableRows}
-- One attributes table, the files the project was built from. Its being there also tells GDAL (and so QGIS) this is a
-- GeoPackage 1.2+ whose unregistered tables are private: without it they list all of PlaceLens's tables as layers.
INSERT INTO gpkg_contents(table_name, data_type, identifier, description) VALUES ('sources', 'attributes', 'sources', 'The files this project was built from, with how many rows each held');

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL, rows INTEGER NOT NULL,
  encoding TEXT NOT NULL, header_row INTEGER, loaded_at TEXT NOT NULL, refused INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE wards (
  fid INTEGER PRIMARY KEY, geom MULTIPOLYGON, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL, max_y REAL NOT NULL,
  label_x REAL NOT NULL, label_y REAL NOT NULL,
  -- Last, where the migration from format 3 (ALTER TABLE) puts it. Null when the boundaries file gives none.
  population INTEGER
);
${SPEND_LINE_TABLES};
-- What a contracts file (OCDS) says about each award, beside its spend line.
CREATE TABLE contract_awards (
  line_id INTEGER PRIMARY KEY REFERENCES spend_line_rows(id), ocid TEXT NOT NULL, award_id TEXT NOT NULL, buyer TEXT NOT NULL,
  title TEXT NOT NULL, cpv TEXT NOT NULL, cpv_description TEXT NOT NULL,
  suitable_for_sme INTEGER, suitable_for_vcse INTEGER, supplier_sme INTEGER, supplier_vcse INTEGER,
  award_date TEXT, contract_start TEXT, contract_end TEXT
);
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
  id INTEGER PRIMARY KEY, geom GEOMETRY, name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL,
  lon REAL NOT NULL, lat REAL NOT NULL, source TEXT NOT NULL
);
CREATE TABLE column_profiles (
  header_key TEXT PRIMARY KEY, name TEXT NOT NULL, header TEXT NOT NULL DEFAULT '[]', columns TEXT NOT NULL, saved_at TEXT NOT NULL
);
CREATE TABLE problems (
  id INTEGER PRIMARY KEY, file TEXT NOT NULL, row INTEGER, feature INTEGER, column_name TEXT,
  severity TEXT NOT NULL, reason TEXT NOT NULL
);
${STORY_SLIDES_TABLE};
${ANNOTATIONS_TABLE};
${PLACE_DECISIONS_TABLE};
${LINE_WARDS_TABLE};
`;
