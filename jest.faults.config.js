/**
 * `npm run test:faults`: the fault suite (test/faults), on a live stack it starts itself. It
 * needs no shared database: the suite brings its own PostgreSQL cluster and Redis.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 300_000,
};
