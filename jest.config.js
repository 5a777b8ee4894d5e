const transform = {
  '^.+\\.tsx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};

/** The fast suites: pure domain logic, storage layout, API clients, the job runner and the docs' checks (`npm run test:unit`). */
const UNIT_DIRS = ['domain', 'store', 'atlassian', 'jobs', 'docs'];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: UNIT_DIRS.map((dir) => `<rootDir>/test/${dir}/**/*.test.ts`),
      transform,
    },
    {
      displayName: 'app',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: UNIT_DIRS.map((dir) => `<rootDir>/test/${dir}/`),
      transform,
    },
  ],
};
