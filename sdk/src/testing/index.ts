/**
 * `@pathfinder/sdk/testing`: run a source offline against recorded pages and check the contract.
 */
export { FakeClock } from './fake-clock.js';
export {
  serveFixtures,
  pickRoute,
  containsSubset,
  type FixtureRoute,
  type FixtureRequest,
  type FixtureServer,
} from './fixture-server.js';
export { runSource, type RunSourceOptions, type RunSourceResult } from './run-source.js';
export { assertSourceContract, type SourceContractOptions } from './assert-contract.js';
export { checkPoliteness } from './politeness-check.js';
export { checkGolden, describeDifference, replaceInStrings, toGoldenJson } from './golden.js';
