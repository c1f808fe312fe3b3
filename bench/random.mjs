// The seeded generator the tests use too (mulberry32), from the build: the same on every machine,
// so two runs measure the same thing.
export { seeded } from '../dist/compiler/generate/random.js';
