// Shared jest settings: @swc/jest with decorator metadata (Nest DI and TypeORM need it).
const { pathsToModuleNameMapper } = require('./tools/scripts/paths-to-module-name-mapper');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // otplib's dependencies (@scure, @noble, @otplib) ship ES modules only: let swc compile them.
  transformIgnorePatterns: ['^(?!.*/node_modules/(@scure|@noble|@otplib|otplib)/).*/node_modules/'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
};
