/** Parsed command-line flags: `--name value`, `--name=value`, or bare `--name` switches. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly flags: ReadonlyMap<string, string | true>;
  /** Values of the options that take several (`--manifests a b`, or the option repeated), in order. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly positionals: readonly string[];
  /** Options no command knows, as typed (`--spce`, `-x`), in order; they take no value. */
  readonly unknown: readonly string[];
}

/** Raised for a malformed command line (exit 2). */
export class UsageError extends Error {}

/**
 * Splits argv into a command, flags and positionals, options before or after the command. `known` are
 * every option any command takes, `switches` those that take no value, `many` those that take one or
 * more (every argument up to the next option; the option may be repeated); `-h` is `--help`.
 */
export function parseArgs(argv: readonly string[], known: ReadonlySet<string>, switches: ReadonlySet<string>, many: ReadonlySet<string> = new Set()): ParsedArgs {
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const positionals: string[] = [];
  const unknown: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith("--") && arg.length > 2) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (!known.has(name)) {
        unknown.push(`--${name}`);
        continue;
      }
      if (many.has(name)) {
        const values = eq === -1 ? [] : [arg.slice(eq + 1)];
        while (eq === -1 && argv[i + 1] !== undefined && !/^-./.test(argv[i + 1] as string)) values.push(argv[++i] as string);
        if (values.length === 0) throw new UsageError(`--${name} needs a value`);
        lists.set(name, [...(lists.get(name) ?? []), ...values]);
        continue;
      }
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
    } else if (arg.startsWith("-") && arg.length > 1) {
      unknown.push(arg);
    } else if (command === undefined) {
      command = arg;
    } else {
      positionals.push(arg);
    }
  }
  return { command, flags, lists, positionals, unknown };
}
