import { compileKey, upToDate } from "../compile/compile-cache.js";
import { readSpec } from "../load/read-spec.js";
import { OutputFolderError } from "../write/output-folder-error.js";
import { processIo, reportUpToDate, type Io } from "./report.js";

/** `--spec` and `--out` of a command line that is exactly `compile [--spec F] [--out D]`, each at most once. */
function plainCompile(argv: readonly string[]): { spec: string; out: string } | undefined {
  if (argv[0] !== "compile" || argv.length % 2 === 0) return undefined;
  const values = new Map<string, string>();
  for (let i = 1; i < argv.length; i += 2) {
    const [option, value] = [argv[i] as string, argv[i + 1] as string];
    if ((option !== "--spec" && option !== "--out") || values.has(option) || value === "" || value.startsWith("-") || value.includes("\0")) return undefined;
    values.set(option, value);
  }
  return { spec: values.get("--spec") ?? "foundation.yaml", out: (values.get("--out") ?? "out").replace(/\/+$/, "") || "/" };
}

/**
 * The no-op recompile before the CLI loads: for `compile [--spec F] [--out D]` into a folder whose compile
 * record still holds (compile-cache.ts), prints what `compile` prints then (the last compile's warnings, "up
 * to date") and returns its exit code, having loaded only the modules that tell. Undefined for anything
 * else (another command line, no record, a change), which the CLI then runs as usual.
 */
export function noOpCompile(argv: readonly string[], io: Io = processIo): number | undefined {
  const options = plainCompile(argv);
  if (!options) return undefined;
  const read = readSpec(options.spec);
  if (!read.ok) return undefined;
  let unchanged: readonly string[] | undefined;
  try {
    unchanged = upToDate(options.out, compileKey(options.spec, read.text), true);
  } catch (e) {
    // What compile itself reports of the folder; anything else is left to it.
    if (!(e instanceof OutputFolderError)) return undefined;
    io.err(`foundation: ${e.message}`);
    return 2;
  }
  if (unchanged === undefined) return undefined;
  reportUpToDate(io, options.out, unchanged);
  return 0;
}
