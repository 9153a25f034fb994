import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellQuote } from "../../src/render/shell-quote.js";
import { BASH, prerequisite } from "./support.js";

const HOSTILE = [
  "",
  "plain",
  "two words",
  "it's",
  "''",
  "'; touch pwned; '",
  "$(touch pwned)",
  "`touch pwned`",
  "${HOME}",
  "$HOME",
  '"double" \\ back\\slash',
  "*",
  "!!",
  "-n",
  "--version",
  "line\nbreak",
  "tab\there",
  "~root",
  "a;b|c&d>e<f",
  "ünïcødé ✓",
];

describe("shellQuote", () => {
  it("wraps in single quotes and escapes single quotes only", () => {
    expect(shellQuote("trantor")).toBe("'trantor'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it.skipIf(!prerequisite(BASH !== undefined, "bash is not installed"))(
    "makes every string exactly one bash argument, unchanged",
    () => {
      const script = `printf '%s\\0' ${HOSTILE.map(shellQuote).join(" ")}`;
      const result = spawnSync(BASH as string, ["-c", script], { encoding: "utf8", cwd: "/" });
      expect(result.status).toBe(0);
      expect(result.stdout.split("\0").slice(0, -1)).toEqual(HOSTILE);
    },
  );
});
