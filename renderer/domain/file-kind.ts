// What a file dropped on the window is for: ward boundaries or spend, from its name and its first bytes.

export type DroppedFileKind = 'wards' | 'spend';

const WARD_EXTENSIONS = /\.(geojson|kml|kmz|gpkg|zip)$/i;
const SPEND_EXTENSIONS = /\.(csv|tsv|txt|xlsx)$/i;

/**
 * Wards or spend, or null when the file is neither. JSON is told apart by its content: GeoJSON (a
 * FeatureCollection) is boundaries, OCDS (releases or records) is contracts, which are imported as spend.
 * @example dropKind('wards.geojson', bytes) // 'wards'
 */
export function dropKind(name: string, head: Uint8Array): DroppedFileKind | null {
  if (SPEND_EXTENSIONS.test(name)) return 'spend';
  if (WARD_EXTENSIONS.test(name)) return 'wards';
  // A GeoPackage saved without its extension still starts as an SQLite file.
  if (new TextDecoder().decode(head.subarray(0, 15)) === 'SQLite format 3') return 'wards';
  if (/\.json$/i.test(name) || head[0] === 0x7b || head[0] === 0x5b) {
    const text = new TextDecoder().decode(head);
    if (/"type"\s*:\s*"FeatureCollection"/.test(text)) return 'wards';
    if (/"(releases|records|ocid)"\s*:/.test(text)) return 'spend';
    if (/"features"\s*:/.test(text)) return 'wards';
  }
  return null;
}

/** How many leading bytes dropKind needs to read: JSON keys can follow a long preamble of metadata. */
export const DROP_HEAD_BYTES = 64 * 1024;
