// ESM-only packages (NestJS 12 and a few others) must pass through @swc/jest to run under Jest's CommonJS runtime.
const esm = ['@nestjs', '@noble', 'bs58check', 'base-x', 'canonicalize', 'csv-parse', 'uint8array-tools'];
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
  },
];
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@scamintel/(audit|exchange|policing|actions|webhooks|feeds|campaigns)-core$': '<rootDir>/libs/$1/src/core',
    '^@scamintel/(.*)$': '<rootDir>/libs/$1/src',
  },
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esm.join('|')})/)`],
  testTimeout: 60000,
  reporters: ['default', ['<rootDir>/test/support/count-reporter.js', {}]],
};
