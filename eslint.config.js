// @ts-check
import eslint from '@eslint/js'
import tseslint from 'typescript-eslint'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

/** What core must never import: it defines ports, and stores and wire fronts bring the drivers. */
const DRIVERS_AND_PROTOCOLS = [
  'better-sqlite3',
  'kysely',
  'mysql2',
  'mysql2/*',
  'pg',
  'pg-*',
  'thrift',
  'hive-driver',
  'express',
  'fastify',
  'hono',
  'undici',
  'find-my-way',
  'raw-body',
  'content-type',
  '@batchgate/kyuubi-rest',
  '@batchgate/hive-thrift',
  '@batchgate/store-*',
  '@batchgate/sql-store',
  '@batchgate/sql-store/*',
  '@batchgate/testkit',
  '@batchgate/opentelemetry',
  '@opentelemetry/*',
  'pino',
  'pino-*',
]

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/*.tsbuildinfo',
      'coverage/**',
      // A scratch npm project's sources: check-packages.mjs compiles them there, with its own strict tsconfig.
      'scripts/package-consumer/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.check.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-extraneous-class': 'off',
      // Leaving a field out of an object by destructuring it away is the point of such a binding.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // No import circle between source files (tests and their helpers included): a circle makes load
    // order decide what is undefined at import time, and says two modules are really one.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // import-x parses each imported module to follow its imports: TypeScript files need the parser.
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.check.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: DRIVERS_AND_PROTOCOLS,
              message: 'core is driver-free and protocol-free: this belongs in a store or front package',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      // Plain JavaScript here runs on Node (configs, child-process fixtures).
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    files: ['**/test/**/*.ts', 'packages/testkit/src/suites/**/*.ts'],
    rules: {
      // vitest's asymmetric matchers (expect.stringContaining, …) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
)
