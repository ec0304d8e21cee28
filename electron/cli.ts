// The command line: the same domain and engine as the app, under plain Node (no Electron, no browser).
// npm run placelens -- import --wards FILE --spend FILE [--spend FILE…] [--postcodes FILE] [--uprns FILE] [--places FILE…] [--json]

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import initSqlJs from 'sql.js';
import { Engine } from '../renderer/engine/engine';
import type { FileInput, ProjectSummary } from '../renderer/engine/contract';
import { describeProblem } from '../renderer/domain/problems';
import { formatPounds } from '../renderer/domain/money';

export const USAGE = `PlaceLens command line

  npm run placelens -- import --wards FILE --spend FILE [--spend FILE ...]
                              [--postcodes FILE] [--uprns FILE] [--places FILE ...] [--name NAME] [--json]

  Reads the files with the same code as the app, places and classifies every spend line,
  and prints the ledger: every row and every penny, placed or not and why.
  --json prints the project summary (ledger, sources, problems) as JSON.

Exit status: 0 imported; 1 an input file could not be used (file, row and reason on stderr); 2 usage.
Saving the project as a file (--out) comes with the project file (GeoPackage) work.`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Uint8Array;
}

const nodeIo: CliIo = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  readFile: (p) => new Uint8Array(readFileSync(p)),
};

function ledgerTable(s: ProjectSummary): string {
  const count = new Intl.NumberFormat('en-GB');
  const lines = [
    `${s.name}: ${s.wardCount} wards, ${count.format(s.lineCount)} spend lines, ${formatPounds(s.totalPence)}`,
    `placed ${count.format(s.placedLines)} lines, ${formatPounds(s.placedPence)}`,
    '',
    ...s.ledger.map((e) => `  ${e.status.padEnd(10)} ${e.reason.padEnd(28)} ${count.format(e.rows).padStart(8)} rows  ${e.pence === null ? '' : formatPounds(e.pence)}`),
    '',
    ...s.sources.map((x) => `  source ${x.kind.padEnd(9)} ${x.file} (${count.format(x.rows)} rows, ${x.encoding})${x.refused ? ' REFUSED' : ''}`),
  ];
  return lines.join('\n');
}

/** Runs one command; returns the exit status. */
export async function runCli(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'import') {
    io.err(`placelens: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  let values: { wards?: string; spend?: string[]; postcodes?: string; uprns?: string; places?: string[]; name?: string; json?: boolean; out?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        wards: { type: 'string' },
        spend: { type: 'string', multiple: true },
        postcodes: { type: 'string' },
        uprns: { type: 'string' },
        places: { type: 'string', multiple: true },
        name: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    io.err(`placelens: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.out) {
    io.err('placelens: --out is not available yet: saving a project file (GeoPackage) comes with the project file work. Use --json for the ledger.');
    return 2;
  }
  if (!values.wards || !values.spend?.length) {
    io.err(`placelens: import needs --wards and at least one --spend\n\n${USAGE}`);
    return 2;
  }
  const read = (path: string): FileInput | string => {
    try {
      return { name: basename(path), bytes: io.readFile(path) };
    } catch (e) {
      return `${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    }
  };
  const files = [values.wards, ...values.spend, ...(values.postcodes ? [values.postcodes] : []), ...(values.uprns ? [values.uprns] : []), ...(values.places ?? [])].map(read);
  const unreadable = files.filter((f): f is string => typeof f === 'string');
  if (unreadable.length) {
    for (const u of unreadable) io.err(`placelens: ${u}`);
    return 1;
  }
  const [wards, ...others] = files as FileInput[];
  const spend = others.slice(0, values.spend.length);
  let next = values.spend.length;
  const postcodes = values.postcodes ? others[next++] : undefined;
  const uprns = values.uprns ? others[next++] : undefined;
  const places = others.slice(next);

  const engine = new Engine(await initSqlJs());
  const summary = await engine.loadProject({ name: values.name ?? basename(values.wards), wards: wards!, spend, postcodes, uprns, places });
  const refused = summary.sources.filter((s) => s.refused);
  for (const p of summary.problems.filter((p) => p.severity === 'error')) io.err(describeProblem(p));
  if (summary.problemCount > summary.problems.length) io.err(`…and more problems: ${summary.problemCount} in all`);
  io.out(values.json ? JSON.stringify(summary, null, 2) : ledgerTable(summary));
  if (refused.length) {
    io.err(`placelens: could not use ${refused.map((s) => s.file).join(', ')}`);
    return 1;
  }
  return 0;
}

// Run when started as a program, not when imported by the tests.
if (process.argv[1] && /cli\.[cm]?[jt]s$/.test(process.argv[1])) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
