module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'atypia',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
