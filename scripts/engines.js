// Every installed package's `engines.node` must accept every Node version the project's own `engines.node`
// (package.json, stated in the README's requirements) allows: otherwise `npm ci` warns EBADENGINE and a
// supported Node may not run it. Checked by scripts/engines.spec.ts (npm test); `node scripts/engines.js` prints it.
const fs = require('node:fs');
const path = require('node:path');
const semver = require('semver');

const ROOT = path.join(__dirname, '..');

/** The project's range, and each installed package (per package-lock.json) whose engines.node does not cover it. */
function enginesProblems(root = ROOT) {
  const range = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node;
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const problems = [];
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (!where || entry.link) continue;
    const file = path.join(root, where, 'package.json');
    if (!fs.existsSync(file)) continue; // an optional package for another platform
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    const wanted = pkg.engines && typeof pkg.engines === 'object' ? pkg.engines.node : undefined;
    if (!wanted) continue;
    if (!semver.validRange(wanted)) problems.push(`${where}@${pkg.version}: engines.node "${wanted}" is not a range`);
    else if (!semver.subset(range, wanted)) problems.push(`${where}@${pkg.version} wants node "${wanted}", not all of "${range}"`);
  }
  return { range, problems };
}

module.exports = { enginesProblems };

if (require.main === module) {
  const { range, problems } = enginesProblems();
  console.log(problems.length ? problems.join('\n') : `every installed package supports node "${range}"`);
  process.exitCode = problems.length ? 1 : 0;
}
