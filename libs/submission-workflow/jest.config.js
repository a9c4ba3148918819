module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'submission-workflow',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
