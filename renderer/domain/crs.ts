// British National Grid (EPSG:27700) to WGS84 longitude/latitude, at the ingest boundary only.

/**
 * Airy 1830 ellipsoid and the National Grid's Transverse Mercator projection (Ordnance Survey,
 * "A guide to coordinate systems in Great Britain").
 */
const AIRY = { a: 6377563.396, b: 6356256.909 };
const GRS80 = { a: 6378137, b: 6356752.314245 };
const F0 = 0.9996012717;
const LAT0 = (49 * Math.PI) / 180;
const LON0 = (-2 * Math.PI) / 180;
const E0 = 400000;
const N0 = -100000;

/**
 * OSGB36 → WGS84 Helmert parameters (OS guide, Table 6, reversed). Good to about 5 m across Great Britain:
 * fine for assigning points to wards, not for surveying. (OSTN15 would give ~0.1 m but is a 16 MB grid.)
 */
const HELMERT = { tx: 446.448, ty: -125.157, tz: 542.06, s: -20.4894e-6, rx: 0.1502, ry: 0.247, rz: 0.8421 };

/** Inverse Transverse Mercator: easting/northing to OSGB36 latitude/longitude in radians. */
export function gridToOsgb36(easting: number, northing: number): [number, number] {
  const { a, b } = AIRY;
  const e2 = 1 - (b * b) / (a * a);
  const n = (a - b) / (a + b);
  const n2 = n * n, n3 = n * n * n;
  let lat = LAT0;
  let M = 0;
  do {
    lat = (northing - N0 - M) / (a * F0) + lat;
    const dl = lat - LAT0, sl = lat + LAT0;
    M = b * F0 * (
      (1 + n + (5 / 4) * n2 + (5 / 4) * n3) * dl -
      (3 * n + 3 * n2 + (21 / 8) * n3) * Math.sin(dl) * Math.cos(sl) +
      ((15 / 8) * n2 + (15 / 8) * n3) * Math.sin(2 * dl) * Math.cos(2 * sl) -
      (35 / 24) * n3 * Math.sin(3 * dl) * Math.cos(3 * sl)
    );
  } while (Math.abs(northing - N0 - M) >= 0.00001);
  const sin = Math.sin(lat), cos = Math.cos(lat), tan = Math.tan(lat);
  const nu = (a * F0) / Math.sqrt(1 - e2 * sin * sin);
  const rho = (a * F0 * (1 - e2)) / Math.pow(1 - e2 * sin * sin, 1.5);
  const eta2 = nu / rho - 1;
  const tan2 = tan * tan, tan4 = tan2 * tan2, tan6 = tan4 * tan2;
  const VII = tan / (2 * rho * nu);
  const VIII = (tan / (24 * rho * nu ** 3)) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2);
  const IX = (tan / (720 * rho * nu ** 5)) * (61 + 90 * tan2 + 45 * tan4);
  const sec = 1 / cos;
  const X = sec / nu;
  const XI = (sec / (6 * nu ** 3)) * (nu / rho + 2 * tan2);
  const XII = (sec / (120 * nu ** 5)) * (5 + 28 * tan2 + 24 * tan4);
  const XIIA = (sec / (5040 * nu ** 7)) * (61 + 662 * tan2 + 1320 * tan4 + 720 * tan6);
  const dE = easting - E0;
  return [
    lat - VII * dE ** 2 + VIII * dE ** 4 - IX * dE ** 6,
    LON0 + X * dE - XI * dE ** 3 + XII * dE ** 5 - XIIA * dE ** 7,
  ];
}

function toCartesian(lat: number, lon: number, ellipsoid: { a: number; b: number }): [number, number, number] {
  const e2 = 1 - (ellipsoid.b * ellipsoid.b) / (ellipsoid.a * ellipsoid.a);
  const nu = ellipsoid.a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  return [nu * Math.cos(lat) * Math.cos(lon), nu * Math.cos(lat) * Math.sin(lon), (1 - e2) * nu * Math.sin(lat)];
}

function toGeodetic(x: number, y: number, z: number, ellipsoid: { a: number; b: number }): [number, number] {
  const e2 = 1 - (ellipsoid.b * ellipsoid.b) / (ellipsoid.a * ellipsoid.a);
  const p = Math.sqrt(x * x + y * y);
  let lat = Math.atan2(z, p * (1 - e2));
  for (let i = 0; i < 10; i++) {
    const nu = ellipsoid.a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
    const next = Math.atan2(z + e2 * nu * Math.sin(lat), p);
    if (Math.abs(next - lat) < 1e-12) {
      lat = next;
      break;
    }
    lat = next;
  }
  return [lat, Math.atan2(y, x)];
}

/**
 * National Grid easting/northing (metres) to WGS84 [longitude, latitude] in degrees.
 * @example bngToWgs84(530050, 183321) // ≈ [-0.12638, 51.53383], Pancras Square
 */
export function bngToWgs84(easting: number, northing: number): [number, number] {
  const [lat36, lon36] = gridToOsgb36(easting, northing);
  const [x, y, z] = toCartesian(lat36, lon36, AIRY);
  const { tx, ty, tz, s } = HELMERT;
  const arc = Math.PI / (180 * 3600);
  const rx = HELMERT.rx * arc, ry = HELMERT.ry * arc, rz = HELMERT.rz * arc;
  const x2 = tx + (1 + s) * x - rz * y + ry * z;
  const y2 = ty + rz * x + (1 + s) * y - rx * z;
  const z2 = tz - ry * x + rx * y + (1 + s) * z;
  const [lat, lon] = toGeodetic(x2, y2, z2, GRS80);
  return [(lon * 180) / Math.PI, (lat * 180) / Math.PI];
}

/** Whether a coordinate pair reads as National Grid metres (inside Great Britain's grid) rather than degrees. */
export function looksLikeBng(x: number, y: number): boolean {
  return x >= 0 && x <= 700000 && y >= 0 && y <= 1300000 && (Math.abs(x) > 180 || Math.abs(y) > 90);
}
