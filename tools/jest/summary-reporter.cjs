// Jest reporter that leaves one small JSON file per suite in tmp/test-results/, so
// `npm test` (tools/scripts/test.mjs) can print the counts of every suite at the end.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(_globalConfig, options = {}) {
    this.name = options.name ?? 'jest';
  }

  onRunComplete(_contexts, results) {
    const dir = path.resolve(__dirname, '../../tmp/test-results');
    fs.mkdirSync(dir, { recursive: true });
    const summary = {
      suite: this.name,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      files: results.numTotalTestSuites,
      seconds: Math.round((Date.now() - results.startTime) / 100) / 10,
    };
    fs.writeFileSync(path.join(dir, `${this.name}.json`), JSON.stringify(summary));
  }
}

module.exports = SummaryReporter;
