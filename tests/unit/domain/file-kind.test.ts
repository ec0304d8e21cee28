import { describe, expect, it } from 'vitest';
import { dropKind } from '../../../renderer/domain/file-kind';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('dropKind', () => {
  it('goes by the extension for tables, workbooks, boundaries and GeoPackages', () => {
    expect(dropKind('spend 2024-25.CSV', bytes('a,b'))).toBe('spend');
    expect(dropKind('q1.xlsx', new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('spend');
    expect(dropKind('wards.zip', new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('wards');
    expect(dropKind('wards.kml', bytes('<kml>'))).toBe('wards');
    expect(dropKind('project.gpkg', bytes('SQLite format 3\0'))).toBe('wards');
    expect(dropKind('no-extension', bytes('SQLite format 3\0more'))).toBe('wards');
  });
  it('tells GeoJSON boundaries from OCDS contracts by what the JSON holds', () => {
    expect(dropKind('wards.json', bytes('{"type": "FeatureCollection", "features": []}'))).toBe('wards');
    expect(dropKind('contracts.json', bytes('{"uri": "x", "publisher": {}, "releases": [{"ocid": "ocds-1"}]}'))).toBe('spend');
    expect(dropKind('records.json', bytes('{"records": []}'))).toBe('spend');
    expect(dropKind('release.json', bytes('{\n "ocid": "ocds-b5fd17-1"}'))).toBe('spend');
  });
  it('says it cannot tell rather than guessing', () => {
    expect(dropKind('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(dropKind('settings.json', bytes('{"theme": "dark"}'))).toBeNull();
  });
});
