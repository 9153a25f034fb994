import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelFromText } from "../../src/compile/load-model.js";
import { formatError } from "../../src/errors/spec-error.js";
import { ROOT } from "../helpers/compile.js";

const DIR = join(ROOT, "test", "fixtures", "invalid");
const fixtures = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();

/** Each fixture ends with `# expect: LINE:COL: PATH: MESSAGE` lines: every problem the compiler must report, in order. */
function expectations(text: string, file: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("# expect: "))
    .map((line) => `${file}:${line.slice("# expect: ".length)}`);
}

describe("invalid specs", () => {
  it("has a corpus of at least 25 invalid specs", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  it.each(fixtures)("%s reports exactly its errors, with line and column", (name) => {
    const text = readFileSync(join(DIR, name), "utf8");
    const expected = expectations(text, name);
    expect(expected.length, "fixture has no # expect: lines").toBeGreaterThan(0);
    const result = modelFromText(name, text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatError)).toEqual(expected);
  });
});
