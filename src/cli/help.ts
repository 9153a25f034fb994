import type { CommandSpec } from "./command.js";

const EXIT_CODES = "Exit codes: 0 ok, 1 spec errors (or --check found differences), 2 usage.";

function columns(rows: readonly (readonly [string, string])[], indent = "  "): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd());
}

/** `foundation --help`: the commands, one line each. */
export function globalHelp(commands: Readonly<Record<string, CommandSpec>>): string {
  return [
    "Usage: foundation <command> [options]",
    "",
    "Commands:",
    ...columns([...Object.entries(commands).map(([name, c]) => [name, c.summary] as const), ["help [COMMAND]", "this text, or a command's help"]]),
    "",
    "Options:",
    ...columns([
      ["-h, --help", "help (after a command: that command's help)"],
      ["--version", "the version of foundation"],
    ]),
    "",
    'Run "foundation <command> --help" for a command\'s options and examples.',
    EXIT_CODES,
  ].join("\n");
}

/** `foundation <command> --help`: synopsis, description, options, examples and exit codes of one command. */
export function commandHelp(name: string, command: CommandSpec): string {
  const options = [
    ...command.options.map((o) => [`--${o.name}${o.value ? ` ${o.value}${o.many ? "..." : ""}` : ""}`, o.help] as const),
    ["-h, --help", "this help"] as const,
  ];
  return [
    ...command.usage.map((u, i) => `${i === 0 ? "Usage:" : "      "} foundation ${name} ${u}`),
    "",
    ...command.description,
    ...(command.arguments && command.arguments.length > 0 ? ["", "Arguments:", ...columns(command.arguments.map((a) => [a.name, a.help] as const))] : []),
    "",
    "Options:",
    ...columns(options),
    "",
    "Examples:",
    ...columns(command.examples.map(([line, what]) => [`foundation ${line}`, `# ${what}`] as const)),
    "",
    `Exit codes: ${command.exitCodes}.`,
  ].join("\n");
}
