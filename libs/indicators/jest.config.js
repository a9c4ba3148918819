module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'indicators',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
