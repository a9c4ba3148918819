module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // A test is a few HTTP calls (seconds on a busy machine); starting the API on a fresh database
  // in beforeAll gets longer (test/setup/timeouts.ts). Each test file has its own database, a copy
  // of a migrated template (test/setup/migrated-template.ts).
  testTimeout: 30000,
  setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'],
  maxWorkers: 2,
  // ES modules only: otplib's dependencies (the preset's list) and openid-client's.
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@scure|@noble|@otplib|otplib|openid-client|oauth4webapi|jose)/).*/node_modules/',
  ],
};
