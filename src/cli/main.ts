import type { BackendRegistry } from "../backend.js";
import { suggest } from "../validate/suggest.js";
import { parseArgs, UsageError } from "./args.js";
import { commandArgs, type CommandSpec } from "./command.js";
import { COMMANDS } from "./commands.js";
import { commandHelp, globalHelp } from "./help.js";
import { processIo, type Io } from "./report.js";
import { packageVersion } from "./version.js";

/** What the composition root gives the CLI. */
export interface MainContext {
  readonly io?: Io;
  /** The registered backends, loaded when a command needs them. */
  readonly backends: BackendRegistry;
}

const GLOBAL_SWITCHES = ["help", "version"];
const KNOWN = new Set([...GLOBAL_SWITCHES, ...Object.values(COMMANDS).flatMap((c) => c.options.map((o) => o.name))]);
const SWITCHES = new Set([...GLOBAL_SWITCHES, ...Object.values(COMMANDS).flatMap((c) => c.options.filter((o) => o.value === undefined).map((o) => o.name))]);
const MANY = new Set(Object.values(COMMANDS).flatMap((c) => c.options.filter((o) => o.many === true).map((o) => o.name)));

function didYouMean(word: string, candidates: readonly string[]): string {
  const match = suggest(word, candidates);
  return match === undefined ? "" : `; did you mean ${match}?`;
}

function unknownCommand(name: string): UsageError {
  return new UsageError(`unknown command "${name}"${didYouMean(name, [...Object.keys(COMMANDS), "help"])}`);
}

function unknownOption(option: string, command: string | undefined, spec: CommandSpec | undefined): UsageError {
  const names = spec ? [...spec.options.map((o) => o.name), "help"] : [...KNOWN];
  return new UsageError(`unknown option ${option}${command ? ` for ${command}` : ""}${didYouMean(option, names.map((n) => `--${n}`))}`);
}

/** Runs the CLI; returns the exit code. A usage error prints one line and where to find help, and exits 2. */
export async function main(argv: readonly string[], { io = processIo, backends }: MainContext): Promise<number> {
  let helpFor: string | undefined;
  try {
    if (argv.length === 0) {
      io.err(globalHelp(COMMANDS));
      return 2;
    }
    const args = parseArgs(argv, KNOWN, SWITCHES, MANY);
    if (args.flags.has("version") && args.unknown.length === 0) {
      io.out(packageVersion());
      return 0;
    }
    const name = args.command;
    if (name === undefined) {
      if (args.unknown[0] !== undefined) throw unknownOption(args.unknown[0], undefined, undefined);
      if (!args.flags.has("help")) throw new UsageError("no command given");
      io.out(globalHelp(COMMANDS));
      return 0;
    }
    if (name === "help") {
      const topic = args.positionals[0];
      if (topic === undefined) {
        io.out(globalHelp(COMMANDS));
        return 0;
      }
      const spec = COMMANDS[topic];
      if (!spec) throw unknownCommand(topic);
      io.out(commandHelp(topic, spec));
      return 0;
    }
    const spec = COMMANDS[name];
    // A mistyped option comes first: its value may have been taken for the command (`--spce F validate`).
    if (args.unknown[0] !== undefined) throw unknownOption(args.unknown[0], spec ? name : undefined, spec);
    if (!spec) throw unknownCommand(name);
    helpFor = name;
    if (args.flags.has("help")) {
      io.out(commandHelp(name, spec));
      return 0;
    }
    const own = new Set(spec.options.map((o) => o.name));
    for (const flag of [...args.flags.keys(), ...args.lists.keys()]) {
      if (!own.has(flag)) throw unknownOption(`--${flag}`, name, spec);
    }
    const arity = spec.arguments?.length ?? 0;
    if (args.positionals.length > arity) throw new UsageError(`unexpected argument "${args.positionals[arity]}"`);
    return await spec.run(commandArgs(args.flags, args.lists, args.positionals), { io, backends });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`foundation: ${e.message}`);
      io.err(helpFor ? `Run "foundation ${helpFor} --help" for its options and examples.` : 'Run "foundation --help" for the commands.');
      return 2;
    }
    io.err(`foundation: internal error: ${(e as Error).message}`);
    if (process.env.FOUNDATION_DEBUG) io.err(String((e as Error).stack));
    io.err("This is a bug in foundation, not in your spec; set FOUNDATION_DEBUG=1 for details.");
    return 3;
  }
}
