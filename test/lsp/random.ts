export { seeded } from '../../compiler/generate/random.js';

export function random<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}
