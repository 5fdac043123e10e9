/** Three tiers: unit specs beside the code, workflow specs on the time-skipping server, e2e under test/. */
const { SOURCE_CONDITION } = require('./scripts/conditions');

const swc = ['@swc/jest', require('./scripts/swc-options')];
module.exports = {
  testEnvironment: 'node',
  // The workspaces' TypeScript sources (their "rol-source" export), not their build.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', SOURCE_CONDITION] },
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/', '/.tools/'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
};
