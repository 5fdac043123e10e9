import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { enginesProblems } = require('./engines.js') as { enginesProblems(root?: string): { range: string; problems: string[] } };

describe('Node versions', () => {
  it('every installed package supports every Node version package.json engines allows', () => {
    const { range, problems } = enginesProblems();
    expect(range).toBeTruthy();
    expect(problems).toEqual([]);
  });

  it("the README's requirements state that range", () => {
    const { range } = enginesProblems();
    expect(readFileSync(join(__dirname, '..', 'README.md'), 'utf8')).toContain(`Requirements: Node \`${range}\``);
  });

  it('names a package that wants a newer Node than the range allows', () => {
    const root = mkdtempSync(join(tmpdir(), 'engines-'));
    try {
      const write = (file: string, value: unknown) => {
        mkdirSync(join(root, file, '..'), { recursive: true });
        writeFileSync(join(root, file), JSON.stringify(value));
      };
      write('package.json', { engines: { node: '^20.19.0 || >=22.12.0' } });
      write('package-lock.json', { packages: { '': {}, 'node_modules/old': {}, 'node_modules/new': {}, 'node_modules/absent': {} } });
      write('node_modules/old/package.json', { version: '1.0.0', engines: { node: '>=18' } });
      write('node_modules/new/package.json', { version: '6.0.2', engines: { node: '^22 || ^24 || >=26' } });
      expect(enginesProblems(root).problems).toEqual(['node_modules/new@6.0.2 wants node "^22 || ^24 || >=26", not all of "^20.19.0 || >=22.12.0"']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
