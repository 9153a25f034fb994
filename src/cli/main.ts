import { parseArgs, UsageError } from "./args.js";
import type { DiffFormat } from "./diff-command.js";
import { processIo, type Io } from "./report.js";

// Each command's module is imported when the command runs, so that a command (and a no-op compile)
// loads only what it uses.

const USAGE = `Usage: foundation <command> [options]

Commands:
  compile [--spec F] [--out D] [--check]   validate F (default ./foundation.yaml) and write every artifact under D
                                           (default ./out); with --check, write nothing and list what differs
  validate [--spec F]                      validate only
  diff (--base REF | --base-spec F) [--spec F] [--format text|markdown|json] [--exit-code]
                                           what the spec change does to every target, down to the field,
                                           with warnings for changes that replace or disrupt running things
  diff --between kubectl,pulumi [--service S] [--spec F] [--format ...] [--exit-code]
  diff --between eksctl,pulumi --cluster C [--spec F] [--format ...] [--exit-code]
                                           render each service (or cluster) through both backends (the Pulumi
                                           program under Pulumi's mocks) and print "equivalent" or the
                                           differences, each explained when it follows from how the tools work;
                                           --exit-code exits 1 on a difference that is not explained
  ci github [--spec F] [--out D] [--output W]
                                           write the GitHub Actions workflow for the spec
                                           (default .github/workflows/foundation.yml)
  help                                     this text

Exit codes: 0 ok, 1 spec errors (or --check found differences), 2 usage.`;

interface CommandSpec {
  readonly flags: ReadonlySet<string>;
  readonly switches: ReadonlySet<string>;
  /** How many positional arguments the command takes after its name. */
  readonly positionals?: number;
  run(flags: ReadonlyMap<string, string | true>, io: Io, positionals: readonly string[]): number | Promise<number>;
}

const stringFlag = (flags: ReadonlyMap<string, string | true>, name: string, fallback: string): string => {
  const value = flags.get(name);
  return typeof value === "string" ? value : fallback;
};

const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  compile: {
    flags: new Set(["spec", "out", "check"]),
    switches: new Set(["check", "help"]),
    run: async (flags, io) =>
      (await import("./compile-command.js")).compileCommand(
        {
          spec: stringFlag(flags, "spec", "foundation.yaml"),
          out: stringFlag(flags, "out", "out").replace(/\/+$/, "") || "/",
          check: flags.get("check") === true,
        },
        io,
      ),
  },
  diff: {
    flags: new Set(["spec", "base", "base-spec", "format", "exit-code", "between", "service", "cluster"]),
    switches: new Set(["exit-code", "help"]),
    run: async (flags, io) => {
      const format = stringFlag(flags, "format", "text");
      if (!["text", "markdown", "json"].includes(format)) throw new UsageError(`--format must be text, markdown or json, not "${format}"`);
      const common = {
        spec: stringFlag(flags, "spec", "foundation.yaml"),
        format: format as DiffFormat,
        exitCode: flags.get("exit-code") === true,
        color: format === "text" && process.stdout.isTTY === true && !process.env.NO_COLOR,
      };
      const between = flags.get("between");
      const service = flags.get("service");
      const cluster = flags.get("cluster");
      if (between !== undefined) {
        if (flags.has("base") || flags.has("base-spec")) throw new UsageError("--between compares two backends on the same spec: it takes no --base or --base-spec");
        return (await import("./diff-between-command.js")).diffBetweenCommand(
          {
            ...common,
            between: String(between),
            ...(typeof service === "string" ? { service } : {}),
            ...(typeof cluster === "string" ? { cluster } : {}),
          },
          io,
        );
      }
      if (service !== undefined || cluster !== undefined) throw new UsageError("--service and --cluster go with --between");
      const base = flags.get("base");
      const baseSpec = flags.get("base-spec");
      return (await import("./diff-command.js")).diffCommand(
        { ...common, ...(typeof base === "string" ? { base } : {}), ...(typeof baseSpec === "string" ? { baseSpec } : {}) },
        io,
      );
    },
  },
  ci: {
    flags: new Set(["spec", "out", "output"]),
    switches: new Set(["help"]),
    positionals: 1,
    run: async (flags, io, positionals) =>
      (await import("./ci-command.js")).ciCommand(
        {
          provider: positionals[0],
          spec: stringFlag(flags, "spec", "foundation.yaml"),
          out: stringFlag(flags, "out", "out").replace(/\/+$/, "") || "/",
          output: stringFlag(flags, "output", ".github/workflows/foundation.yml"),
        },
        io,
      ),
  },
  validate: {
    flags: new Set(["spec"]),
    switches: new Set(["help"]),
    run: async (flags, io) => (await import("./validate-command.js")).validateCommand(stringFlag(flags, "spec", "foundation.yaml"), io),
  },
};

const ALL_SWITCHES: ReadonlySet<string> = new Set(Object.values(COMMANDS).flatMap((c) => [...c.switches]));

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    if (argv.length === 0) {
      io.err(USAGE);
      return 2;
    }
    const args = parseArgs(argv, ALL_SWITCHES);
    const command = args.command;
    if (command === undefined || command === "help") {
      if (command === undefined && !args.flags.has("help")) throw new UsageError("no command given");
      io.out(USAGE);
      return 0;
    }
    const spec = COMMANDS[command];
    if (!spec) throw new UsageError(`unknown command "${command}"`);
    if (args.positionals.length > (spec.positionals ?? 0)) throw new UsageError(`unexpected argument "${args.positionals[spec.positionals ?? 0]}"`);
    if (args.flags.has("help")) {
      io.out(USAGE);
      return 0;
    }
    for (const name of args.flags.keys()) {
      if (!spec.flags.has(name)) throw new UsageError(`unknown option --${name} for ${command}`);
    }
    return await spec.run(args.flags, io, args.positionals);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`foundation: ${e.message}`);
      io.err(USAGE);
      return 2;
    }
    io.err(`foundation: internal error: ${(e as Error).message}`);
    if (process.env.FOUNDATION_DEBUG) io.err(String((e as Error).stack));
    io.err("This is a bug in foundation, not in your spec; set FOUNDATION_DEBUG=1 for details.");
    return 3;
  }
}
