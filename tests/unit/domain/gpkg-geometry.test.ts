import { describe, expect, it } from 'vitest';
import { decodeGpkgGeometry, encodeGpkgGeometry, type GpkgWritableGeometry } from '../../../renderer/domain/gpkg-geometry';

/** Builds a blob byte by byte, as the spec lays it out, so the decoder is checked against the spec and not against our encoder. */
class Bytes {
  private readonly out: number[] = [];
  u8(...vs: number[]): this {
    this.out.push(...vs);
    return this;
  }
  u32(v: number, little: boolean): this {
    const b = new DataView(new ArrayBuffer(4));
    b.setUint32(0, v, little);
    return this.u8(...new Uint8Array(b.buffer));
  }
  f64(little: boolean, ...vs: number[]): this {
    for (const v of vs) {
      const b = new DataView(new ArrayBuffer(8));
      b.setFloat64(0, v, little);
      this.u8(...new Uint8Array(b.buffer));
    }
    return this;
  }
  done(): Uint8Array {
    return new Uint8Array(this.out);
  }
}

const BE = false, LE = true;
const GP = [0x47, 0x50, 0x00];

describe('GeoPackage geometry blobs: round trips', () => {
  const cases: GpkgWritableGeometry[] = [
    { type: 'Point', coordinates: [-0.1269, 51.5194] },
    { type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 0.5]] },
    { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]] },
    { type: 'MultiPoint', coordinates: [[1, 2], [-3, 4.25]] },
    { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[5, 5], [6, 7], [8, 9]]] },
    { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[10, 10], [11, 10], [11, 12], [10, 10]]]] },
    {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [7, 8] },
        { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
        { type: 'GeometryCollection', geometries: [{ type: 'LineString', coordinates: [[-1, -2], [3, 4]] }] },
      ],
    },
  ];
  for (const g of cases) {
    it(`${g.type} comes back as it went in, with its srs_id and envelope`, () => {
      const blob = encodeGpkgGeometry(g, 27700);
      expect([...blob.subarray(0, 3)]).toEqual(GP);
      const d = decodeGpkgGeometry(blob);
      expect(d.error).toBeUndefined();
      expect(d.srsId).toBe(27700);
      expect(d.geometry).toEqual(g);
      expect(d.empty).toBe(false);
      if (g.type === 'Point') {
        expect(blob[3]).toBe(0b0000_0001); // standard, not empty, no envelope, little-endian
        expect(d.envelope).toBeUndefined();
        expect(blob.length).toBe(8 + 21);
      } else {
        expect(blob[3]).toBe(0b0000_0011); // envelope indicator 1
        expect(d.envelope).toHaveLength(4);
      }
    });
  }

  it('writes the envelope as [minx, maxx, miny, maxy]', () => {
    const d = decodeGpkgGeometry(encodeGpkgGeometry(cases[6]!, 4326));
    expect(d.envelope).toEqual([-1, 7, -2, 8]);
  });

  it('writes an empty point as NaN coordinates with the empty flag, and reads it back as empty', () => {
    const blob = encodeGpkgGeometry({ type: 'Point', coordinates: [] }, 4326);
    expect(blob[3]).toBe(0b0001_0001);
    const view = new DataView(blob.buffer, blob.byteOffset);
    expect(Number.isNaN(view.getFloat64(8 + 5, true))).toBe(true);
    expect(Number.isNaN(view.getFloat64(8 + 13, true))).toBe(true);
    expect(decodeGpkgGeometry(blob)).toEqual({ srsId: 4326, geometry: { type: 'Point', coordinates: [] }, empty: true });
    const emptyPolygon = decodeGpkgGeometry(encodeGpkgGeometry({ type: 'Polygon', coordinates: [] }, 4326));
    expect(emptyPolygon).toEqual({ srsId: 4326, geometry: { type: 'Polygon', coordinates: [] }, empty: true });
  });
});

describe('GeoPackage geometry blobs built by hand from the spec', () => {
  it('reads a big-endian header with an XY envelope and a big-endian WKB polygon', () => {
    const blob = new Bytes()
      .u8(...GP, 0b0000_0010) // flags: standard, not empty, envelope 1, big-endian
      .u32(27700, BE)
      .f64(BE, 528000, 529000, 182000, 183000)
      .u8(0) // WKB big-endian
      .u32(3, BE) // Polygon
      .u32(1, BE)
      .u32(5, BE)
      .f64(BE, 528000, 182000, 529000, 182000, 529000, 183000, 528000, 183000, 528000, 182000)
      .done();
    expect(decodeGpkgGeometry(blob)).toEqual({
      srsId: 27700,
      envelope: [528000, 529000, 182000, 183000],
      empty: false,
      geometry: { type: 'Polygon', coordinates: [[[528000, 182000], [529000, 182000], [529000, 183000], [528000, 183000], [528000, 182000]]] },
    });
  });

  it('reads every envelope kind, in either byte order, and skips past it', () => {
    const point = (little: boolean) => new Bytes().u8(little ? 1 : 0).u32(1, little).f64(little, 3, 4).done();
    for (const [indicator, doubles] of [[0, 0], [1, 4], [2, 6], [3, 6], [4, 8]] as const) {
      for (const little of [true, false]) {
        const env = Array.from({ length: doubles }, (_, i) => i + 0.5);
        const blob = new Bytes()
          .u8(...GP, (indicator << 1) | (little ? 1 : 0))
          .u32(4326, little)
          .f64(little, ...env)
          .u8(...point(!little)) // the WKB's byte order is its own, independent of the header's
          .done();
        const d = decodeGpkgGeometry(blob);
        expect(d.error, `indicator ${indicator}`).toBeUndefined();
        expect(d.srsId).toBe(4326);
        expect(d.envelope).toEqual(indicator === 0 ? undefined : env);
        expect(d.geometry).toEqual({ type: 'Point', coordinates: [3, 4] });
      }
    }
  });

  it('drops Z and M from ISO (1000/2000/3000) and EWKB (high-bit) types', () => {
    const header = new Bytes().u8(...GP, 0b0000_0101).u32(27700, LE).f64(LE, 0, 1, 0, 1, 10, 20).done(); // envelope 2: XYZ
    const wkb = new Bytes()
      .u8(1).u32(1003, LE).u32(1, LE).u32(4, LE) // Polygon Z, one ring of four points
      .f64(LE, 0, 0, 10, 1, 0, 11, 1, 1, 12, 0, 0, 10)
      .done();
    expect(decodeGpkgGeometry(new Uint8Array([...header, ...wkb])).geometry).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });

    const head = new Bytes().u8(...GP, 0b0000_0001).u32(4326, LE).done();
    const pointZM = new Bytes().u8(1).u32(3001, LE).f64(LE, 5, 6, 7, 8).done();
    expect(decodeGpkgGeometry(new Uint8Array([...head, ...pointZM])).geometry).toEqual({ type: 'Point', coordinates: [5, 6] });
    const lineM = new Bytes().u8(0).u32(2002, BE).u32(2, BE).f64(BE, 1, 2, 99, 3, 4, 99).done();
    expect(decodeGpkgGeometry(new Uint8Array([...head, ...lineM])).geometry).toEqual({ type: 'LineString', coordinates: [[1, 2], [3, 4]] });
    // EWKB: MultiPoint with the Z flag and an embedded SRID, holding one EWKB Point Z.
    const ewkb = new Bytes()
      .u8(1).u32(0x80000000 | 0x20000000 | 4, LE).u32(4326, LE).u32(1, LE)
      .u8(1).u32(0x80000000 | 1, LE).f64(LE, 9, 10, 11)
      .done();
    expect(decodeGpkgGeometry(new Uint8Array([...head, ...ewkb])).geometry).toEqual({ type: 'MultiPoint', coordinates: [[9, 10]] });
    // EWKB M flag on a LineString: three numbers a point.
    const ewkbM = new Bytes().u8(1).u32(0x40000000 | 2, LE).u32(1, LE).f64(LE, 1, 2, 3).done();
    expect(decodeGpkgGeometry(new Uint8Array([...head, ...ewkbM])).geometry).toEqual({ type: 'LineString', coordinates: [[1, 2]] });
  });

  it('reads a GeometryCollection holding a point and a multipolygon, each in its own byte order', () => {
    const head = new Bytes().u8(...GP, 0b0000_0000).u32(4326, BE).done();
    const gc = new Bytes()
      .u8(0).u32(7, BE).u32(2, BE)
      .u8(1).u32(1, LE).f64(LE, 1, 2)
      .u8(0).u32(6, BE).u32(1, BE)
      .u8(1).u32(3, LE).u32(1, LE).u32(4, LE).f64(LE, 0, 0, 1, 0, 1, 1, 0, 0)
      .done();
    expect(decodeGpkgGeometry(new Uint8Array([...head, ...gc]))).toEqual({
      srsId: 4326,
      empty: false,
      geometry: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [1, 2] },
          { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] },
        ],
      },
    });
  });
});

describe('GeoPackage geometry blobs that cannot be read', () => {
  const good = encodeGpkgGeometry({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 0]]] }, 27700);
  const error = (blob: Uint8Array) => {
    const d = decodeGpkgGeometry(blob);
    expect(d.geometry).toBeNull();
    return d.error;
  };

  it('says the magic is wrong, for WKB without a header or for text', () => {
    expect(error(good.subarray(8 + 32))).toMatch(/magic bytes 'GP'/);
    expect(error(new TextEncoder().encode('POLYGON((0 0,1 0,1 1,0 0))'))).toMatch(/magic bytes 'GP'/);
    expect(error(new Uint8Array())).toMatch(/magic bytes 'GP'/);
  });

  it('says where a truncated blob ends, at every length', () => {
    for (let n = 2; n < good.length; n++) expect(error(good.subarray(0, n)), `length ${n}`).toMatch(/ends early|ends before/);
  });

  it('refuses an unknown version, extended binary, bad envelope indicator, bad byte order and unknown WKB types', () => {
    const changed = (at: number, v: number) => {
      const b = good.slice();
      b[at] = v;
      return b;
    };
    expect(error(changed(2, 1))).toMatch(/version 1 is not one PlaceLens reads/);
    expect(error(changed(3, good[3]! | 0x20))).toMatch(/extended/);
    expect(error(changed(3, 0b0000_1011))).toMatch(/envelope indicator is 5/);
    expect(error(changed(40, 7))).toMatch(/byte order is 7/);
    expect(error(changed(41, 8))).toMatch(/WKB geometry type 8 is not one PlaceLens reads/); // CircularString
    expect(error(changed(41, 17))).toMatch(/WKB geometry type 17/); // Triangle
  });

  it('refuses a count larger than the blob could hold, rather than allocating for it', () => {
    const b = good.slice();
    new DataView(b.buffer).setUint32(45, 0xffffffff, true); // the ring count
    expect(error(b)).toMatch(/holds 4294967295 rings but ends before them/);
  });

  it('refuses a multi-geometry whose part is the wrong type', () => {
    const head = new Bytes().u8(...GP, 0b0000_0001).u32(4326, LE).done();
    const wrong = new Bytes().u8(1).u32(6, LE).u32(1, LE).u8(1).u32(1, LE).f64(LE, 1, 2).done();
    expect(error(new Uint8Array([...head, ...wrong]))).toMatch(/a Polygon part holds a Point/);
  });
});
