/** Unit tests sit beside the code; process tests live under test/ and start the built CLI (dist/). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/common', '<rootDir>/gateway', '<rootDir>/subgraphs', '<rootDir>/cli', '<rootDir>/test', '<rootDir>/bench'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose 6 and fhir-kit-client ship ES modules only; Node 20 requires them natively, jest's module system does not.
    '^.+/node_modules/(jose|fhir-kit-client)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/|fhir-kit-client/)'],
  // fhir-kit-client (the FHIR tests' client library) exports only an `import` entry
  moduleNameMapper: { '^fhir-kit-client$': '<rootDir>/node_modules/fhir-kit-client/dist/index.js' },
  setupFiles: ['reflect-metadata'],
  // probes the MySQL/MariaDB server once: its tests run, are reported skipped, or (MEDALLIANCE_REQUIRE_MYSQL=true) fail the run
  globalSetup: '<rootDir>/test/support/mysql-global-setup.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
