// Prints the one line CI reads: "tests: N passed, N failed", from vitest's JSON report.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  // npm test stops before vitest when typecheck or lint fails; that is a failure, never "no tests".
  console.log('ci: no test report (typecheck, lint or build failed before the tests ran)');
  console.log('tests: 0 passed, 1 failed');
} else {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
  console.log(`tests: ${r.numPassedTests} passed, ${failed} failed`);
}
