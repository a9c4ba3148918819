module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'reference',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
