import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeCommonJsGlobals = {
  module: 'writable',
  require: 'readonly',
  console: 'readonly',
  __dirname: 'readonly',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'static/admin/build/**',
      'test/fixtures/**/build/**',
      '.sandbox-data/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ignores: ['sandbox/forge/bridge-client.js'],
    languageOptions: { sourceType: 'commonjs', globals: nodeCommonJsGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['sandbox/forge/bridge-client.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    // ADR 13: the page takes backend types only from src/contract.ts, and runtime values only from pure domain modules.
    files: ['static/admin/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '/src/(?!(contract|domain/auditActions|domain/template|domain/reversibleActions|domain/warning|domain/runLimits|domain/measures)$)',
              message:
                'The admin page imports backend types only from src/contract.ts, and values only from the pure modules ADR 13 lists.',
            },
          ],
        },
      ],
    },
  },
);
