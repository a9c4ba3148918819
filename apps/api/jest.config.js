module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // Each test file boots its own database (in-memory PGlite, or a fresh database on the server).
  testTimeout: 60000,
  maxWorkers: 2,
};
