import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { modelFromText } from "../../src/compile/load-model.js";
import type { GeneratedFile } from "../../src/backend.js";
import { referenceSpecText, ROOT } from "../helpers/compile.js";
import { typescriptCheck, yamlProblems, yamlStrings } from "../helpers/generated-output-checks.js";
import { fuzzCases, fuzzSeed, seededRandom } from "../helpers/seeded-random.js";
import { editSpec } from "../helpers/spec-edit.js";

/**
 * Injection harness: hostile text in every free-text field of the spec (config values, AWS tag keys
 * and values, HTTP paths) must come out as data, never as code or structure: YAML that both YAML
 * versions read back as that same string, TypeScript that parses and holds it as a string literal,
 * and no shell script at all. A field that refuses it must say so, located.
 */

const PAYLOADS = [
  `"; process.exit(1); "`, "'; rm -rf / #", "`whoami`", "${process.env.HOME}", "$(touch pwned)", "*/ throw 1; /*", "</script><script>x</script>",
  "\\", "\\\\'", "a\nb: injected", "key: value", "- item", "{ a: 1 }", "[1, 2]", "&anchor x", "*alias", "!!python/object:os.system", "%YAML 1.1",
  "--- \n...", "yes", "on", "0o777", "1_000", "1:20", ".inf", "~", "null", "", " ", "\t", "\u2028", "\u2029", "\u0085", "\x7f", "\x1b[31m",
  "\ufeff", "😀", "ĉu", "\u0000", "a".repeat(250), "$HOME", "'", '"', "#", "# comment", "\r\n",
];

const PIECES = ["'", '"', "`", "$", "(", ")", "{", "}", "\\", "\n", ";", "|", "&", "*", "#", ":", " ", "-", "!", "%", "@", "yes", "0x1", "\u2028", "\x7f", "a"];

/** A path that passes the spec's HTTP path rule but carries shell metacharacters. */
const PATHS = ["/a'b", "/$(id)", "/a;b&c", "/*", "/a=b,c:d@e", "/%27", "/(x)", "/!x$y"];

function payloads(): string[] {
  const random = seededRandom(fuzzSeed(3));
  const extra = Array.from({ length: Math.max(0, fuzzCases(100)) }, () => Array.from({ length: 1 + random.int(6) }, () => random.pick(PIECES)).join(""));
  return [...PAYLOADS, ...extra];
}

function compileWith(edits: Parameters<typeof editSpec>[1]) {
  const result = modelFromText("foundation.yaml", editSpec(referenceSpecText(), edits));
  return result.ok ? { ok: true as const, files: generate(result.model, "foundation.yaml", BACKENDS) } : { ok: false as const, errors: result.errors };
}

function scriptsOf(files: readonly GeneratedFile[]): Map<string, string> {
  return new Map(files.filter((f) => f.path.endsWith(".sh")).map((f) => [f.path, f.content]));
}

describe("hostile text in free-text fields", () => {
  const baseline = compileWith([]);
  const baselineScripts = baseline.ok ? scriptsOf(baseline.files) : new Map<string, string>();

  it(`comes out as data in YAML and TypeScript: config values (${PAYLOADS.length} payloads and ${fuzzCases(100)} seeded ones, in one spec)`, () => {
    const all = payloads();
    const edits = all.flatMap((payload, i) => [
      [["services", "dawn", "config", `INJECTED_${i}`], payload] as const,
      [["services", "day", "config", `INJECTED_${i}`], payload] as const,
    ]);
    const result = compileWith(edits);
    expect(result.ok, result.ok ? "" : result.errors.map((e) => e.message).join("; ")).toBe(true);
    if (!result.ok) return;
    expect(yamlProblems(result.files)).toEqual([]);
    const inYaml = yamlStrings(result.files);
    const typescript = typescriptCheck(result.files);
    expect(typescript.problems).toEqual([]);
    for (const payload of all) {
      expect(inYaml.has(payload), `${JSON.stringify(payload)}: not found as a YAML string`).toBe(true);
      expect(typescript.strings.has(payload), `${JSON.stringify(payload)}: not found as a TypeScript string literal`).toBe(true);
    }
    // No free-text field reaches a script: the scripts stay as they are without the payloads.
    expect(scriptsOf(result.files)).toEqual(baselineScripts);
  });

  it("in AWS tag keys and values, is refused with a located error or comes out as data", () => {
    const minimal = readFileSync(join(ROOT, "test", "fixtures", "valid", "minimal.yaml"), "utf8");
    const accepted: string[] = [];
    for (const payload of PAYLOADS) {
      const key = payload === "" ? "empty" : payload;
      const result = modelFromText("foundation.yaml", editSpec(minimal, [[["clusters", "alpha", "tags", key], payload]]));
      if (result.ok) accepted.push(payload);
      else expect(result.errors.map((e) => `${e.position.line > 0} ${e.path.slice(0, 3).join(".")}`), JSON.stringify(payload)).toContain("true clusters.alpha.tags");
    }
    expect(accepted.length).toBeGreaterThan(3);
    const result = compileWith(
      accepted.flatMap((payload, i) => [
        [["clusters", "terminus", "tags", payload === "" ? "empty" : payload], payload] as const,
        [["clusters", "trantor", "tags", `injected-${i}`], payload] as const,
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(yamlProblems(result.files)).toEqual([]);
    const inYaml = yamlStrings(result.files);
    const typescript = typescriptCheck(result.files);
    expect(typescript.problems).toEqual([]);
    for (const payload of accepted) {
      expect(inYaml.has(payload), JSON.stringify(payload)).toBe(true);
      expect(typescript.strings.has(payload), JSON.stringify(payload)).toBe(true);
    }
    expect(scriptsOf(result.files)).toEqual(baselineScripts);
  });

  it("keeps paths with shell metacharacters data in every output", () => {
    for (let i = 0; i < PATHS.length; i += 2) {
      const [first, second] = [PATHS[i] as string, PATHS[i + 1] as string];
      const result = compileWith([
        [["services", "dawn", "healthCheck", "path"], first],
        [["services", "day", "healthCheck", "path"], second],
      ]);
      expect(result.ok, first).toBe(true);
      if (!result.ok) continue;
      expect(yamlProblems(result.files), first).toEqual([]);
      // dawn is deployed with kubectl (YAML), day with Pulumi (TypeScript).
      expect(yamlStrings(result.files).has(first), first).toBe(true);
      const typescript = typescriptCheck(result.files);
      expect(typescript.problems, second).toEqual([]);
      expect(typescript.strings.has(second), second).toBe(true);
    }
  });
});
