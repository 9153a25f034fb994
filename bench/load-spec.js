/** Command-line handling shared by the comparison programs: `--spec FILE --out DIR`, then the model. */
import { modelFromFile } from "../dist/src/compile/load-model.js";

/**
 * Reads `--spec` and `--out` from argv and lowers the spec, exiting on a usage or spec error.
 * @param {string[]} argv
 * @returns {{ model: import("../src/model/model.js").Model, spec: string, out: string }}
 */
export function loadFromArgs(argv) {
  const flag = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const spec = flag("spec");
  const out = flag("out");
  if (!spec || !out) {
    process.stderr.write("usage: --spec FILE --out DIR\n");
    process.exit(2);
  }
  const result = modelFromFile(spec);
  if (!result.ok) {
    process.stderr.write(`${spec} does not validate: ${result.errors.map((e) => e.message).join("; ")}\n`);
    process.exit(1);
  }
  return { model: result.model, spec, out };
}
