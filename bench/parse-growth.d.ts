/** Types of parse-growth.js, for the TypeScript tests that import it. */

/** A valid spec (the minimal fixture under `root`) whose one service has `keys` config entries. */
export function specWithConfigKeys(root: string, keys: number): string;

/** Best-of-`runs` CPU milliseconds to load and validate a spec with `keys` keys in one mapping. */
export function parseMs(root: string, keys: number, runs?: number): number;
