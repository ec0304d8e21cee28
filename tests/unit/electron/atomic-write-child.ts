// Run by files.test.ts in its own process: writeFileAtomic, killed outright at the stage named on the command line.
// Usage: atomic-write-child.ts <target> <payload file> <afterWrite|afterFlush|afterRename|none>

import { readFileSync } from 'node:fs';
import { writeFileAtomic, type AtomicWriteHooks } from '../../../electron/files';

const [target, payload, stage] = process.argv.slice(2);
if (!target || !payload || !stage) throw new Error('usage: atomic-write-child.ts <target> <payload file> <stage>');

// SIGKILL, not exit: no finally blocks, no flushing, exactly what a crash or a killed process leaves.
const die = () => {
  process.kill(process.pid, 'SIGKILL');
};
const stages = ['afterWrite', 'afterFlush', 'afterRename'] as const;
const at = stages.find((s) => s === stage);
if (!at && stage !== 'none') throw new Error(`unknown stage ${stage}`);
const hooks: AtomicWriteHooks = at ? { [at]: die } : {};
await writeFileAtomic(target, new Uint8Array(readFileSync(payload)), hooks);
