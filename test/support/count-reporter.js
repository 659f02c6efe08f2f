// Writes Jest's own totals to a file so .ci/run can print "tests: N passed, N failed" from them.
const fs = require('fs');
const path = require('path');
class CountReporter {
  onRunComplete(_contexts, results) {
    const out = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.mkdirSync(path.join(__dirname, '../../.jest'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, '../../.jest/totals.json'), JSON.stringify(out));
  }
}
module.exports = CountReporter;
