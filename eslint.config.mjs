// ESLint over apps, libs and test (`npm run lint`). typescript-eslint's type-checked recommended
// set (one TypeScript program from tsconfig.json, under a minute on two cores) plus the rules below.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Files where test code lives: tests, their support and set-up, benches and tools. */
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'];

/**
 * The "No SQL string outside repository files": an app's SQL, query builders and
 * EntityManager reads and writes live in `*.repository.ts` (and migrations); services, workers,
 * consumers and controllers call a repository.
 */
const SQL_OUTSIDE_REPOSITORY = 'No SQL outside repository files (issue 9): move this into the feature\'s *.repository.ts.';
// EntityManager reads and writes: insert, update, save, find..., count..., exists..., delete, upsert.
const EM_CALL = '/^(insert|update|save|find\\w*|count\\w*|exists\\w*|delete|upsert)$/';

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'openapi/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
      // `{}` is what an `unknown` input (query parameter, database value) narrows to after a null
      // check; converting it with String() is deliberate. Real object types are still reported.
      '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', '{}'] }],
    },
  },
  {
    // Apps' source: SQL only in repositories and migrations.
    files: ['apps/**/src/**/*.ts'],
    ignores: ['**/*.repository.ts', '**/migrations/**', ...TEST_FILES],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='query']", message: SQL_OUTSIDE_REPOSITORY },
        { selector: "CallExpression[callee.property.name='createQueryBuilder']", message: SQL_OUTSIDE_REPOSITORY },
        { selector: "CallExpression[callee.name='getRepository'], CallExpression[callee.property.name='getRepository']", message: SQL_OUTSIDE_REPOSITORY },
        {
          selector: `CallExpression[callee.object.name=/^(em|manager|entityManager)$/][callee.property.name=${EM_CALL}]`,
          message: SQL_OUTSIDE_REPOSITORY,
        },
        {
          selector: `CallExpression[callee.object.property.name=/^(em|manager|entityManager)$/][callee.property.name=${EM_CALL}]`,
          message: SQL_OUTSIDE_REPOSITORY,
        },
      ],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      // Tests, benches and tools print their results and progress.
      'no-console': 'off',
      // Tests read JSON bodies (supertest's `res.body`, fetch's `json()`) that are `any` by type and
      // assert on their shape with expect(): typing every body would restate the OpenAPI documents
      // that the contract tests already check. The no-unsafe-* rules stay on for apps and libs.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Test doubles implement async ports with `async` methods that answer at once.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
