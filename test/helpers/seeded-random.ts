/** A small seeded generator (mulberry32), so every fuzzed case can be replayed from its seed. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)] as (typeof items)[number] };
}

/** How many fuzz cases to run: `fallback` in `npm test`, FOUNDATION_FUZZ_CASES for a longer run. */
export function fuzzCases(fallback: number): number {
  const n = Number(process.env.FOUNDATION_FUZZ_CASES);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The seed of the first case: FOUNDATION_FUZZ_SEED to replay or explore, else fixed. */
export function fuzzSeed(fallback = 1): number {
  const n = Number(process.env.FOUNDATION_FUZZ_SEED);
  return Number.isInteger(n) ? n : fallback;
}
