import type { Backend } from "../src/backend.js";
import { main } from "../src/cli/main.js";
import type { Io } from "../src/cli/report.js";

/** The registered backends (`backends/index.ts`), imported when a command first needs them. */
export async function registeredBackends(): Promise<readonly Backend[]> {
  return (await import("../backends/index.js")).BACKENDS;
}

/**
 * The composition root: the CLI with the registered backends. `bin/foundation.js` runs it; the rest of
 * `src/` receives the backends from here and never imports `backends/`.
 */
export function foundation(argv: readonly string[], io?: Io): Promise<number> {
  return main(argv, { ...(io ? { io } : {}), backends: registeredBackends });
}
