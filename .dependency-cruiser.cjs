/**
 * The layer rules (`npm run lint`, after ESLint): `depcruise apps libs test` must report no
 * violation. Paths are relative to the repository; `@threadline/<lib>` resolves through
 * tsconfig.json's paths to libs/<lib>/src.
 */

/** Tests and benches drive apps in-process and may import any of them. */
const TESTS = ['\\.(spec|int-spec|e2e-spec)\\.ts$', '^test/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-app-to-app',
      comment:
        'Apps are separate deployables that talk over HTTP and events; importing another app couples ' +
        'their releases. Only the launcher composes them, and only through each app\'s bootstrap ' +
        '(<app>.app.ts) and its config (<app>.config.ts).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: ['^apps/launcher/', ...TESTS] },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'launcher-only-to-bootstraps',
      comment: 'The launcher starts apps; reaching past an app\'s bootstrap and config into its modules would couple it to their insides.',
      severity: 'error',
      from: { path: '^apps/launcher/' },
      to: { path: '^apps/(?!launcher/)([^/]+)/', pathNot: '^apps/([^/]+)/src/[^/]+\\.(app|config)\\.ts$' },
    },
    {
      name: 'no-lib-to-app',
      comment:
        'Libs are shared by every app; a lib that imports an app would drag that app into all the others. ' +
        'A lib\'s tests may start an app (gateway-auth\'s against the simulated IdP), as every test may.',
      severity: 'error',
      from: { path: '^libs/', pathNot: TESTS },
      to: { path: '^apps/' },
    },
    {
      name: 'system-api-not-to-upper-layers',
      comment:
        'System APIs sit below the process and experience layers (API-led layering): they know their ' +
        'system of record and canonical objects, never the flows or read models built on top of them.',
      severity: 'error',
      from: { path: '^apps/[^/]+-system-api/', pathNot: TESTS },
      to: { path: '^apps/(process-api|experience-api)/' },
    },
    {
      name: 'canonical-stands-alone',
      comment: 'libs/canonical is the shared language (DTOs, event types, rules on them); it depends on no other lib so every app and lib can use it.',
      severity: 'error',
      from: { path: '^libs/canonical/' },
      to: { path: '^libs/(?!canonical/)' },
    },
    {
      name: 'no-mock-code',
      comment:
        'The *-mock apps simulate systems of record (PLM, ERP, schedulers, the IdP) that are reached over ' +
        'HTTP in production; importing their code would make a real deployment depend on a simulator. ' +
        'Only the launcher (which starts them) and tests may.',
      severity: 'error',
      from: { path: '^(apps/[^/]+/|libs/)', pathNot: ['^apps/launcher/', ...TESTS] },
      to: { path: '^apps/[^/]+-mock/', pathNot: '^$1' },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle makes load order matter (an import is undefined while its module is still loading, ' +
        'which Nest reports only at run time) and makes the two files one unit in disguise: move what both need into a third file.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage|openapi)/' },
    // Type-only imports count: a cycle through types is still two files that cannot be read apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
