/**
 * How spec parsing grows with the keys of one mapping: a service with 5,000 and with 20,000 config
 * keys, loaded and validated in-process (best of three each, in CPU time, so that other processes
 * on the machine do not count). Linear parsing gives about 4x; the target is within 5x (the
 * duplicate-key check of the YAML library alone was quadratic: 13x).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { modelFromText } from "../dist/src/compile/load-model.js";

/** A valid spec whose one service has `keys` config entries. */
export function specWithConfigKeys(root, keys) {
  const base = readFileSync(join(root, "test", "fixtures", "valid", "minimal.yaml"), "utf8");
  const config = Array.from({ length: keys }, (_, i) => `      KEY_${i}: "value-${i}"`).join("\n");
  return base.replace("    port: 8080\n", `    port: 8080\n    config:\n${config}\n`);
}

/** Best-of-`runs` CPU milliseconds to load and validate a spec with `keys` keys in one mapping. */
export function parseMs(root, keys, runs = 3) {
  const text = specWithConfigKeys(root, keys);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    const result = modelFromText("foundation.yaml", text);
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    if (!result.ok) throw new Error(`the ${keys}-key spec does not validate: ${result.errors[0]?.message}`);
    best = Math.min(best, ms);
  }
  return best;
}
