module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'dictionary',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
