// A Jest reporter: after a run of the whole e2e suite, every operation in openapi.json must
// have been called successfully (2xx) by some test. Responses are recorded by
// openapi-responses.ts into a file named here, before the workers start.
const { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');

function e2eFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return e2eFiles(path);
    return name.endsWith('.e2e-spec.ts') ? [path] : [];
  });
}

class OperationCoverageReporter {
  constructor(globalConfig) {
    this.root = globalConfig.rootDir;
    this.file = join(mkdtempSync(join(tmpdir(), 'stockroom-exercised-')), 'operations.txt');
    process.env.STOCKROOM_EXERCISED_FILE = this.file;
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    const ran = new Set(results.testResults.map((r) => relative(this.root, r.testFilePath)));
    const all = e2eFiles(join(this.root, 'test')).map((path) => relative(this.root, path));
    // Only a run of every e2e file can tell which operations no test calls.
    if (!all.every((path) => ran.has(path))) return;
    const called = new Set(existsSync(this.file) ? readFileSync(this.file, 'utf8').split('\n').filter(Boolean) : []);
    const document = JSON.parse(readFileSync(join(this.root, 'openapi.json'), 'utf8'));
    const missing = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) {
        const operation = `${method.toUpperCase()} ${path}`;
        if (!called.has(operation)) missing.push(operation);
      }
    }
    if (missing.length > 0) {
      this.error = new Error(`Operations in openapi.json that no e2e test calls successfully:\n  ${missing.join('\n  ')}`);
      console.error(`\n${this.error.message}\n`);
    }
  }

  getLastError() {
    return this.error;
  }
}

module.exports = OperationCoverageReporter;
