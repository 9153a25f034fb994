import type { BackendRegistry } from "../backend.js";
import { UsageError } from "./args.js";
import { outputFolder } from "./output-folder.js";
import type { Io } from "./report.js";

/** One option of a command: `--name VALUE`, or a switch when it has no `value`. */
export interface OptionSpec {
  readonly name: string;
  /** The value's placeholder in help (`F`, `D`); absent for a switch. */
  readonly value?: string;
  /** Takes one or more values: `--manifests a b`, or the option repeated (read with `CommandArgs.list`). */
  readonly many?: boolean;
  readonly help: string;
}

/** What a command's `run` gets: its parsed arguments, where to print, and the registered backends. */
export interface CommandContext {
  readonly io: Io;
  readonly backends: BackendRegistry;
}

/** A command's parsed arguments. */
export interface CommandArgs {
  readonly positionals: readonly string[];
  /** Whether a switch (or any option) was given. */
  has(name: string): boolean;
  /** A value option, or `fallback` when it was not given. */
  string(name: string, fallback: string): string;
  /** A value option, or undefined when it was not given. */
  optional(name: string): string | undefined;
  /** A folder option without trailing slashes. */
  folder(name: string, fallback: string): string;
  /** The values of an option that takes several (`many`), none when it was not given. */
  list(name: string): readonly string[];
  /** A value option that must be one of `choices`. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T;
}

/**
 * One command of the CLI: everything its help, its usage checks and its suggestions need, and how it
 * runs. `run` imports the command's module itself, so that a command loads only what it uses.
 */
export interface CommandSpec {
  /** One line for the global help. */
  readonly summary: string;
  /** Synopsis lines, each after `foundation <name> `. */
  readonly usage: readonly string[];
  /** What the command does, a few lines. */
  readonly description: readonly string[];
  /** Positional arguments after the command's name, in order. */
  readonly arguments?: readonly { readonly name: string; readonly help: string }[];
  readonly options: readonly OptionSpec[];
  /** `[command line after "foundation ", what it does]`. */
  readonly examples: readonly (readonly [string, string])[];
  /** What each exit code means for this command. */
  readonly exitCodes: string;
  run(args: CommandArgs, context: CommandContext): number | Promise<number>;
}

/** The arguments of one command, read through the accessors commands use. */
export function commandArgs(flags: ReadonlyMap<string, string | true>, lists: ReadonlyMap<string, readonly string[]>, positionals: readonly string[]): CommandArgs {
  const optional = (name: string) => {
    const value = flags.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return {
    positionals,
    has: (name) => flags.has(name) || lists.has(name),
    list: (name) => lists.get(name) ?? [],
    optional,
    string: (name, fallback) => optional(name) ?? fallback,
    folder: (name, fallback) => outputFolder(optional(name) ?? fallback, name),
    choice: (name, choices, fallback) => {
      const value = optional(name) ?? fallback;
      if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} must be ${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}, not "${value}"`);
      return value as (typeof choices)[number];
    },
  };
}
