/** Parsed command-line flags: `--name value`, `--name=value`, or bare `--name` switches. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly flags: ReadonlyMap<string, string | true>;
  readonly positionals: readonly string[];
}

/** Raised for a malformed command line (exit 2). */
export class UsageError extends Error {}

/** Splits argv into a command, flags and positionals; `switches` are the flags that take no value. */
export function parseArgs(argv: readonly string[], switches: ReadonlySet<string>): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (flags.has(name)) throw new UsageError(`--${name} given twice`);
      if (switches.has(name)) {
        if (eq !== -1) throw new UsageError(`--${name} takes no value`);
        flags.set(name, true);
      } else if (eq !== -1) {
        flags.set(name, arg.slice(eq + 1));
      } else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
        i++;
      }
    } else if (arg === "-h") {
      if (flags.has("help")) throw new UsageError("--help given twice");
      flags.set("help", true);
    } else if (command === undefined) {
      command = arg;
    } else {
      positionals.push(arg);
    }
  }
  return { command, flags, positionals };
}
