import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { Engine } from '../../renderer/engine/engine';
import { hereReader, readInWorker, readSpendText, type ReadingWorker, type ReadMessage, type ReadRequest, type SpendTextReader } from '../../renderer/engine/spend-reading';
import { nodeSpendReader } from '../../electron/spend-reader-node';
import { syntheticSpendCsv } from '../bench/synthetic-spend';
import { demoInput } from '../demo-input';
import { CAMDEN_WARDS, readBytes } from '../paths';

const SQL = await initSqlJs();

/** A worker in this thread: it reads when asked, posting each message a little later, as a real one would. */
function fakeWorker(log: string[]): ReadingWorker {
  const worker: ReadingWorker = {
    onmessage: null,
    onerror: null,
    postMessage(request: ReadRequest) {
      log.push(`read ${request.name}`);
      if (request.name === 'crash.csv') {
        setTimeout(() => worker.onerror?.('out of memory'), 1);
        return;
      }
      const messages: ReadMessage[] = [];
      readSpendText(request, (m) => messages.push(m));
      messages.forEach((m, i) => setTimeout(() => worker.onmessage?.(m), i));
    },
    terminate: () => log.push('terminate'),
  };
  setTimeout(() => worker.onmessage?.({ kind: 'ready' }), 5);
  return worker;
}

const csv = (n: number) => new TextEncoder().encode(syntheticSpendCsv(n));

async function drain(reading: AsyncIterable<ReadMessage>): Promise<ReadMessage[]> {
  const all: ReadMessage[] = [];
  for await (const m of reading) all.push(m);
  return all;
}

describe('reading spend in a worker', () => {
  it('gives the batches in order, then the end, as reading here does', async () => {
    const log: string[] = [];
    const reader = readInWorker(() => fakeWorker(log), { eager: true });
    // Started at once, and ready when it says it has loaded.
    await reader.ready!();
    const request = { bytes: csv(30000), name: 'big.csv', options: {} };
    const there = await drain(reader(request));
    const here = await drain(hereReader()(request));
    expect(there.filter((m) => m.kind === 'piece').length).toBeGreaterThan(1);
    expect(there).toEqual(here);
    expect(there.at(-1)!.kind).toBe('end');
    // The same worker reads the next file.
    await drain(reader({ ...request, name: 'next.csv' }));
    expect(log).toEqual(['read big.csv', 'read next.csv']);
  });

  it('ends its worker when a reading is stopped, and starts another for the next file', async () => {
    const log: string[] = [];
    let started = 0;
    const reader = readInWorker(() => (started++, fakeWorker(log)));
    expect(started).toBe(0);
    const reading = reader({ bytes: csv(30000), name: 'big.csv', options: {} });
    for await (const m of reading) {
      expect(m.kind).toBe('piece');
      reading.stop();
      break;
    }
    expect(log).toEqual(['read big.csv', 'terminate']);
    await drain(reader({ bytes: csv(10), name: 'small.csv', options: {} }));
    expect(started).toBe(2);
  });

  it('says so when the worker itself fails', async () => {
    const reader = readInWorker(() => fakeWorker([]));
    const all = await drain(reader({ bytes: csv(10), name: 'crash.csv', options: {} }));
    expect(all).toEqual([{ kind: 'failed', message: 'out of memory' }]);
  });

  it('an engine reading in a Node worker thread stores exactly what one reading in its own thread stores', async () => {
    // A file with what reading in pieces must get right: a quoted newline, a blank row, a total row, an unreadable
    // amount, Windows-1252 bytes (£ as 0xA3), and enough lines for many pieces.
    const head = 'Payment Date,Beneficiary Name,Purpose,Organisational Unit,Amount GBP,Unique Identifier,Longitude,Latitude\r\n'
      + '01/04/2024,"Care\r\nLtd",Home care,Adult Social Care,"£1,200.00",A1,-0.1269,51.5194\r\n\r\n'
      + '02/04/2024,Youth Ltd,Youth club,Youth Services,n/a,A2,-0.14,51.54\r\n';
    const body = syntheticSpendCsv(40000).split('\n').slice(1).join('\r\n');
    const text = head + body + 'Total,,,,99.00,,,\r\n';
    const bytes = Uint8Array.from(text, (c) => (c === '£' ? 0xa3 : c.charCodeAt(0)));
    const input = { name: 'p', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [{ name: 'spend.csv', bytes }] };
    const threaded = new Engine(SQL, nodeSpendReader());
    const here = new Engine(SQL);
    const a = await threaded.loadProject(input);
    const b = await here.loadProject(input);
    expect(a.lineCount).toBe(40001);
    // The unreadable amount, and the total row, whose £99.00 is not what the lines above it add up to.
    expect(a.problems.filter((p) => p.file === 'spend.csv').map((p) => p.row)).toEqual([4, 40005]);
    expect(a.sources.find((s) => s.file === 'spend.csv')!.encoding).toBe('windows-1252');
    expect(a).toEqual(b);
    const table = (e: Engine, sql: string) => new SQL.Database(e.exportBytes()).exec(sql)[0]?.values;
    for (const sql of ['SELECT * FROM spend_lines ORDER BY id', 'SELECT * FROM excluded_rows ORDER BY id', 'SELECT * FROM problems ORDER BY id', 'SELECT file, rows, encoding, header_row, refused FROM sources']) {
      expect(table(threaded, sql)).toEqual(table(here, sql));
    }
    // And an import into it, through the same worker, cancelled part way, leaves nothing behind.
    let asked = false;
    const cancelled = await threaded.importSpend({ name: 'more.csv', bytes: csv(60000) }, undefined, (p) => {
      if (p.fraction > 0 && !asked) {
        asked = true;
        void threaded.cancel();
      }
    });
    expect(cancelled).toEqual({ ok: false, cancelled: true, problems: [] });
    expect((await threaded.summary()).lineCount).toBe(40001);
    const demo = await threaded.loadProject(demoInput());
    expect(demo).toEqual(await here.loadProject(demoInput()));
  });

  it('places a file of points by the points alone exactly as going down the whole ladder does', async () => {
    // Lines inside Camden's wards, outside them, and without coordinates at all.
    const text = syntheticSpendCsv(3000) + '05/04/2024,Far Ltd,Home care,Adult Social Care,5.00,F1,2.6,53.05\n06/04/2024,Nowhere Ltd,Youth club,Youth Services,6.00,F2,,\n';
    const wards = { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) };
    const spend = [{ name: 'spend.csv', bytes: new TextEncoder().encode(text) }];
    // A places register whose one place no line names: the ladder looks for it in every line's words and finds nothing.
    const place = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Zzyzx Hall', kind: 'library' }, geometry: { type: 'Point', coordinates: [-0.14, 51.54] } }] };
    const places = [{ name: 'places.geojson', bytes: new TextEncoder().encode(JSON.stringify(place)) }];
    const byPoint = new Engine(SQL);
    const byLadder = new Engine(SQL);
    const a = await byPoint.loadProject({ name: 'p', wards, spend });
    const b = await byLadder.loadProject({ name: 'p', wards, spend, places });
    expect(a.placedLines).toBeGreaterThan(500);
    expect(a.placedLines).toBe(b.placedLines);
    const table = (e: Engine, sql: string) => new SQL.Database(e.exportBytes()).exec(sql)[0]?.values;
    // Every column but the source's number: the places register is a source of its own.
    const columns = (t: string) => table(byPoint, `SELECT name FROM pragma_table_info('${t}') WHERE name <> 'source_id'`)!.map((r) => r[0]).join(', ');
    for (const t of ['spend_lines', 'ledger_groups']) {
      const sql = `SELECT ${columns(t)} FROM ${t} ORDER BY ${columns(t)}`;
      expect(table(byPoint, sql)).toEqual(table(byLadder, sql));
    }
    const reasons = table(byPoint, 'SELECT unlocated_reason, count(*) FROM spend_lines GROUP BY 1 ORDER BY 1')!;
    expect(reasons.map((r) => r[0])).toEqual([null, 'no-location', 'outside-wards']);
  });

  it('places lines by the wards the reading found exactly as the engine places them itself', async () => {
    const text = syntheticSpendCsv(20000) + '05/04/2024,Far Ltd,Home care,Adult Social Care,5.00,F1,2.6,53.05\n06/04/2024,Nowhere Ltd,Youth club,Youth Services,6.00,F2,,\n';
    const input = { name: 'p', wards: { name: 'wards-2022.geojson', bytes: readBytes(CAMDEN_WARDS) }, spend: [{ name: 'spend.csv', bytes: new TextEncoder().encode(text) }] };
    // The same reading without the wards: its batches carry no ward, and the engine looks each point up itself.
    const here = hereReader();
    const asked: boolean[] = [];
    const withoutWards: SpendTextReader = (request) => {
      asked.push(request.wards !== undefined);
      return here({ ...request, wards: undefined });
    };
    const byReading = new Engine(SQL, nodeSpendReader());
    const byEngine = new Engine(SQL, withoutWards);
    const a = await byReading.loadProject(input);
    const b = await byEngine.loadProject(input);
    expect(asked).toEqual([true]);
    expect(a.placedLines).toBeGreaterThan(5000);
    expect(a).toEqual(b);
    const table = (e: Engine, sql: string) => new SQL.Database(e.exportBytes()).exec(sql)[0]?.values;
    for (const sql of ['SELECT * FROM spend_lines ORDER BY id', 'SELECT * FROM ledger_groups ORDER BY 1, 2, 3, 4, 5']) expect(table(byReading, sql)).toEqual(table(byEngine, sql));
    // And an import into the project: the reading is given the project's wards, read back from it.
    const more = { name: 'more.csv', bytes: new TextEncoder().encode(syntheticSpendCsv(3000, 9)) };
    expect((await byReading.importSpend(more)).ok).toBe(true);
    expect((await byEngine.importSpend(more)).ok).toBe(true);
    expect(asked).toEqual([true, true]);
    expect(table(byReading, 'SELECT * FROM spend_lines ORDER BY id')).toEqual(table(byEngine, 'SELECT * FROM spend_lines ORDER BY id'));
  });
});
