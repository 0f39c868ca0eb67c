/**
 * Three tiers, one Jest project each (`npm run test:unit`, `test:integration`, `test:e2e`; `npm test`
 * runs all three):
 * - unit: `*.spec.ts`, pure code, no I/O;
 * - integration: `*.int-spec.ts`, against a real PostgreSQL;
 * - e2e: `*.e2e-spec.ts` under test/, apps booted in-process and driven over HTTP.
 *
 * The tiers that use PostgreSQL name the global setup that provides its server (DATABASE_URL's when
 * set, else an embedded one). Jest runs a project's global setup only when a test of that project
 * runs, and runs one module path once however many projects name it, so a unit run starts no
 * database and a full run starts one.
 */
const shared = {
  rootDir: __dirname,
  moduleFileExtensions: ['js', 'json', 'ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: {
    '^@threadline/(canonical|gateway-auth|messaging|platform|demo-world)$': '<rootDir>/libs/$1/src',
    '^@threadline/(canonical|gateway-auth|messaging|platform|demo-world)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testEnvironment: 'node',
};

const withPostgres = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testRegex: '.*\\.spec\\.ts$' },
    { ...shared, ...withPostgres, displayName: 'integration', testRegex: '.*\\.int-spec\\.ts$' },
    { ...shared, ...withPostgres, displayName: 'e2e', testRegex: '.*\\.e2e-spec\\.ts$' },
  ],
};
