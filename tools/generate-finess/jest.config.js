module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'generate-finess',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
