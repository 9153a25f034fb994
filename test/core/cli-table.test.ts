import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/commands.js";

const entries = Object.entries(COMMANDS);

describe("the command table", () => {
  it("gives each option one meaning across commands (options are parsed before the command is known)", () => {
    const kinds = new Map<string, string>();
    for (const [name, command] of entries) {
      for (const option of command.options) {
        const kind = option.value === undefined ? "switch" : option.many ? "many" : "value";
        expect(kinds.get(option.name) ?? kind, `--${option.name} of ${name}`).toBe(kind);
        kinds.set(option.name, kind);
        expect(option.many === true && option.value === undefined, `--${option.name} of ${name}: several values need a placeholder`).toBe(false);
      }
    }
    expect(kinds.has("help") || kinds.has("version"), "--help and --version are the CLI's own").toBe(false);
  });

  it.each(entries)("%s: every example is a valid command line for it", (name, command) => {
    const own = new Set(command.options.map((o) => o.name));
    const switches = new Set(command.options.filter((o) => o.value === undefined).map((o) => o.name));
    const many = new Set(command.options.filter((o) => o.many).map((o) => o.name));
    expect(command.examples.length).toBeGreaterThan(0);
    for (const [line] of command.examples) {
      const args = parseArgs(line.split(" "), own, switches, many);
      expect(args.command, line).toBe(name);
      expect(args.unknown, line).toEqual([]);
      expect(args.positionals.length, line).toBeLessThanOrEqual(command.arguments?.length ?? 0);
    }
  });
});

describe("parseArgs", () => {
  const known = new Set(["eksctl", "manifests", "output", "allow-lossy"]);
  const switches = new Set(["allow-lossy"]);
  const many = new Set(["eksctl", "manifests"]);

  it("gives an option that takes several values every argument up to the next option, and lets it repeat", () => {
    const args = parseArgs(["import", "--eksctl", "a.yaml", "b.yaml", "--manifests", "k8s", "--eksctl", "c.yaml", "--allow-lossy", "--output", "f.yaml"], known, switches, many);
    expect(args.command).toBe("import");
    expect(Object.fromEntries(args.lists)).toEqual({ eksctl: ["a.yaml", "b.yaml", "c.yaml"], manifests: ["k8s"] });
    expect(Object.fromEntries(args.flags)).toEqual({ "allow-lossy": true, output: "f.yaml" });
  });

  it("takes one value from --name=value, and refuses an option of several values with none", () => {
    expect(Object.fromEntries(parseArgs(["import", "--eksctl=a.yaml", "extra"], known, switches, many).lists)).toEqual({ eksctl: ["a.yaml"] });
    expect(() => parseArgs(["import", "--eksctl", "--output", "f"], known, switches, many)).toThrow(UsageError);
  });

  it("records options nobody knows without taking a value, so the mistake is reported first", () => {
    const args = parseArgs(["--spce", "x.yaml", "validate"], new Set(["spec"]), new Set(), new Set());
    expect(args.unknown).toEqual(["--spce"]);
    expect(args.command).toBe("x.yaml");
  });
});
