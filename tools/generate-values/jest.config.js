module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'generate-values',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
