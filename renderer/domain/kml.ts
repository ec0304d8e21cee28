// KML and KMZ ward boundaries (Google Earth, My Maps, QGIS exports): Placemark polygons to GeoJSON features.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { InputProblem } from './problems';
import { decodeText } from './text';

/**
 * What reading a KML or KMZ gives: polygon Placemarks as features (properties from `<name>`, `<description>`
 * and `<ExtendedData>`) ready for `wardsFromGeoJson`, and every problem met on the way.
 * Placemarks that cannot be wards are left out of the collection, so its feature numbers count polygon
 * Placemarks only; problems raised here carry the Placemark's own number in the file, and its name.
 */
export interface KmlResult {
  collection: FeatureCollection<Polygon | MultiPolygon> | null;
  problems: InputProblem[];
}

/** One XML element, reduced to what KML reading needs; namespaces are dropped (`kml:Placemark` is `Placemark`). */
interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, joined (child elements' text excluded). */
  text: string;
}

const ATTR = '@_';

/*
 * A real XML parser rather than regular expressions: KML arrives with CDATA descriptions holding HTML,
 * entities (&amp;), comments, namespace prefixes and attributes in any order, which patterns misread.
 * DOMParser would do, but the engine runs in a Web Worker (no DOM) and tests run under Node, so the parser
 * must be pure JavaScript. preserveOrder keeps Placemarks in document order so their numbers match the file.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  removeNSPrefix: true,
  // Values stay strings: ward codes such as "00AGGA" or "012" must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // Trimmed after joining, so "a &amp; <![CDATA[b]]>" keeps its inner spaces.
  trimValues: false,
  // Deeply nested Folders are legitimate; the library's default (100) is a guard against hostile input.
  maxNestedTags: 500,
});

type Ordered = Record<string, unknown>;

function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const out: XmlElement[] = [];
  for (const node of nodes as Ordered[]) {
    if (typeof node !== 'object' || node === null) continue;
    const tag = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
    if (!tag || tag.startsWith('?') || tag.startsWith('!')) continue;
    const attrs: Record<string, string> = {};
    const rawAttrs = node[':@'];
    if (typeof rawAttrs === 'object' && rawAttrs !== null) {
      for (const [k, v] of Object.entries(rawAttrs)) attrs[k.startsWith(ATTR) ? k.slice(ATTR.length) : k] = String(v);
    }
    const content = Array.isArray(node[tag]) ? (node[tag] as Ordered[]) : [];
    const text = content
      .filter((c) => typeof c === 'object' && c !== null && '#text' in c)
      .map((c) => String(c['#text']))
      .join('');
    out.push({ name: tag, attrs, children: toElements(content), text: text.trim() });
  }
  return out;
}

const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);
const childrenNamed = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);

/** Placemarks in document order, at any depth of Document and Folder (and anything else that holds them). */
function collectPlacemarks(elements: XmlElement[], out: XmlElement[]): XmlElement[] {
  for (const e of elements) {
    if (e.name === 'Placemark') out.push(e);
    else collectPlacemarks(e.children, out);
  }
  return out;
}

/** A Placemark's attributes: `<name>` and `<description>` first, then ExtendedData (which does not overwrite them). */
function propertiesOf(placemark: XmlElement): Record<string, string> {
  const props: Record<string, string> = {};
  const name = child(placemark, 'name');
  if (name) props.name = name.text;
  const description = child(placemark, 'description');
  if (description) props.description = description.text;
  const set = (key: string | undefined, value: string) => {
    if (key && !(key in props)) props[key] = value;
  };
  const extended = child(placemark, 'ExtendedData');
  if (extended) {
    for (const data of childrenNamed(extended, 'Data')) set(data.attrs.name, child(data, 'value')?.text ?? '');
    for (const schema of childrenNamed(extended, 'SchemaData')) for (const simple of childrenNamed(schema, 'SimpleData')) set(simple.attrs.name, simple.text);
  }
  return props;
}

/** Geometry elements KML defines that are not polygons: counted and reported, never silently dropped. */
const NOT_POLYGONS = new Set(['Point', 'LineString', 'LinearRing', 'Model', 'Track', 'MultiTrack']);

interface Gathered {
  polygons: Position[][][];
  /** Kinds of non-polygon geometry met, e.g. "Point". */
  skipped: string[];
  /** The first coordinates that were not numbers, quoted for the person. */
  badCoordinates: string | null;
  /** A Polygon with no outer boundary. */
  noOuter: boolean;
}

/** "lon,lat[,alt] lon,lat[,alt] …" to positions, dropping the altitude; or the first tuple that is not numbers. */
function parseCoordinates(text: string): { ring: Position[] } | { bad: string } {
  // Some writers put spaces after the commas; tuples are the whitespace-separated runs once those are closed up.
  const tuples = text.replace(/\s*,\s*/g, ',').trim().split(/\s+/).filter((t) => t.length > 0);
  const ring: Position[] = [];
  for (const tuple of tuples) {
    const parts = tuple.split(',');
    // Number('') is 0, so empty parts are refused before converting.
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return { bad: tuple };
    const lon = Number(parts[0]), lat = Number(parts[1]);
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || (parts[2] !== undefined && !Number.isFinite(Number(parts[2])))) return { bad: tuple };
    ring.push([lon, lat]);
  }
  return { ring };
}

function ringOf(linearRing: XmlElement | undefined, into: Gathered): Position[] | null {
  const coordinates = linearRing && child(linearRing, 'coordinates');
  if (!coordinates) return null;
  const parsed = parseCoordinates(coordinates.text);
  if ('bad' in parsed) {
    into.badCoordinates ??= parsed.bad;
    return null;
  }
  return parsed.ring;
}

/** Polygons from a geometry element, looking inside MultiGeometry at any depth. */
function gather(geometry: XmlElement, into: Gathered): void {
  if (geometry.name === 'MultiGeometry') {
    for (const g of geometry.children) gather(g, into);
    return;
  }
  if (geometry.name === 'Polygon') {
    const boundary = child(geometry, 'outerBoundaryIs');
    const outer = ringOf(boundary && child(boundary, 'LinearRing'), into);
    if (!outer) {
      if (!into.badCoordinates) into.noOuter = true;
      return;
    }
    const rings: Position[][] = [outer];
    for (const inner of childrenNamed(geometry, 'innerBoundaryIs')) {
      // KML 2.2 has one LinearRing per innerBoundaryIs, but some writers put several in one; take them all.
      for (const ring of childrenNamed(inner, 'LinearRing')) {
        const hole = ringOf(ring, into);
        if (hole) rings.push(hole);
      }
    }
    into.polygons.push(rings);
    return;
  }
  if (NOT_POLYGONS.has(geometry.name)) into.skipped.push(geometry.name);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Read ward boundaries from KML text. Never throws for bad input: problems say what was wrong and where.
 * @param file the name shown to the person in problems
 * @example wardsFromGeoJson(readKml(text, 'wards.kml').collection, 'wards.kml')
 */
export function readKml(text: string, file: string): KmlResult {
  const problems: InputProblem[] = [];
  const fail = (reason: string): KmlResult => ({ collection: null, problems: [...problems, { file, reason, severity: 'error' }] });
  const source = text.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    const { msg, line } = valid.err;
    return fail(`not a readable KML file: the XML is broken${line ? ` at line ${line}` : ''} (${msg})`);
  }
  let roots: XmlElement[];
  try {
    roots = toElements(parser.parse(source));
  } catch (e) {
    // The validator accepted it, so this is a limit such as nesting depth; still the file's problem, not a bug.
    return fail(`not a readable KML file (${(e as Error).message})`);
  }
  const root = roots[0];
  if (!root) return fail('not a readable KML file: it holds no XML elements');
  const placemarks = collectPlacemarks(roots, []);
  if (root.name !== 'kml' && placemarks.length === 0) return fail(`not a KML file: it is XML whose top element is <${root.name}>, not <kml>`);

  const features: Feature<Polygon | MultiPolygon>[] = [];
  const skipped: string[] = [];
  placemarks.forEach((placemark, i) => {
    const number = i + 1;
    const properties = propertiesOf(placemark);
    const label = properties.name ? `placemark ${number} "${properties.name}"` : `placemark ${number}`;
    const found: Gathered = { polygons: [], skipped: [], badCoordinates: null, noOuter: false };
    for (const g of placemark.children) gather(g, found);
    if (found.badCoordinates !== null) {
      problems.push({ file, feature: number, reason: `${label}: coordinates "${found.badCoordinates.slice(0, 60)}" are not numbers (KML expects longitude,latitude[,altitude]); the placemark was not used`, severity: 'error' });
      return;
    }
    if (found.polygons.length === 0) {
      if (found.noOuter) problems.push({ file, feature: number, reason: `${label}: a Polygon has no outer boundary; the placemark was not used`, severity: 'error' });
      else skipped.push(`${properties.name ? `"${properties.name}"` : `placemark ${number}`} (${found.skipped.length > 0 ? [...new Set(found.skipped)].join(', ') : 'no geometry'})`);
      return;
    }
    if (found.skipped.length > 0) {
      const one = found.skipped.length === 1;
      const parts = one ? 'a part that is not a polygon' : `${found.skipped.length} parts that are not polygons`;
      problems.push({ file, feature: number, reason: `${label}: ${parts} (${[...new Set(found.skipped)].join(', ')}) ${one ? 'was' : 'were'} left out`, severity: 'warning' });
    }
    const geometry: Polygon | MultiPolygon = found.polygons.length === 1 ? { type: 'Polygon', coordinates: found.polygons[0]! } : { type: 'MultiPolygon', coordinates: found.polygons };
    features.push({ type: 'Feature', properties, geometry });
  });
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).join(', ') + (skipped.length > 5 ? `, and ${skipped.length - 5} more` : '');
    const one = skipped.length === 1;
    problems.push({ file, reason: `${plural(skipped.length, 'placemark')} ${one ? 'holds' : 'hold'} no polygon and ${one ? 'was' : 'were'} skipped: ${shown}`, severity: 'warning' });
  }
  if (features.length === 0) {
    return fail(placemarks.length === 0 ? 'the KML holds no Placemarks' : 'the KML holds no Placemark polygons that could be read, so there are no ward boundaries');
  }
  return { collection: { type: 'FeatureCollection', features }, problems };
}

/**
 * Read ward boundaries from a KMZ: a zip holding doc.kml (or, failing that, another .kml) and perhaps images.
 * Never throws for bad input.
 */
export function readKmz(bytes: Uint8Array, file: string): KmlResult {
  const fail = (reason: string): KmlResult => ({ collection: null, problems: [{ file, reason, severity: 'error' }] });
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    return fail(`not a readable KMZ (zip) file (${(e as Error).message})`);
  }
  const names = Object.keys(entries).filter((n) => !n.startsWith('__MACOSX/') && !n.endsWith('/'));
  if (names.length === 0) return fail('the KMZ is empty: it holds no files');
  const kmls = names.filter((n) => /\.kml$/i.test(n));
  if (kmls.length === 0) return fail(`the KMZ holds no .kml file (it holds: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''})`);
  // Google Earth reads the first .kml at the top level, by convention doc.kml; prefer that, then the shallowest.
  const chosen = kmls.find((n) => n.toLowerCase() === 'doc.kml') ?? [...kmls].sort((a, b) => a.split('/').length - b.split('/').length)[0]!;
  const result = readKml(decodeText(entries[chosen]!).text, `${file} › ${chosen}`);
  if (kmls.length > 1) result.problems.unshift({ file, reason: `the KMZ holds ${kmls.length} .kml files; ${chosen} was read`, severity: 'warning' });
  return result;
}
