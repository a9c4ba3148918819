module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'finess',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
