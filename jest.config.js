/**
 * One Jest run for all three tiers. Files: `*.spec.ts` (unit, no I/O), `*.int-spec.ts`
 * (integration, real Postgres), `*.e2e-spec.ts` (apps booted in-process, driven over HTTP).
 * The global setup provides the Postgres server: DATABASE_URL's when set, else an embedded one.
 */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: {
    '^@threadline/(canonical|gateway-auth|messaging|platform|demo-world)$': '<rootDir>/libs/$1/src',
    '^@threadline/(canonical|gateway-auth|messaging|platform|demo-world)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60_000,
  // pg-boss and keep-alive sockets may outlive a suite by a moment; the suites close what they open.
  forceExit: true,
};
