import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parseDocument, visit } from "yaml";
import { generateSpec } from "../../bench/generate-spec.js";
import { githubWorkflow } from "../../src/ci/github-workflow.js";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { buildObjects } from "../../src/k8s/objects.js";
import { toYaml } from "../../src/render/yaml.js";
import { modelOf, referenceSpecText, ROOT } from "../helpers/compile.js";
import { goYamlResolve } from "../helpers/go-yaml-resolve.js";
import { fuzzCases, fuzzSeed, seededRandom, type Random } from "../helpers/seeded-random.js";

const TRICKY = [
  "300", "1.5", "0", "-1", "+1", "1e3", ".5", ".inf", "0x1F", "0o17", "2026-11-26", "true", "True", "yes", "no", "on", "off",
  "null", "Null", "~", "NaN", "", " lead", "trail ", "a b", "a  b", "a: b", "a #b", "#x", "-x", "- x", "x:", ":x", "a:b", "a:b:c",
  "trailing:", "http://x.y/z", "${x}", "'q'", '"dq"', "back\\slash", "multi\nline", "tab\tx", "ü", "*a", "&a", "!t", "%p", "@a",
  "`b`", "{a}", "[a]", "a,b", "?q", "|p", ">f", "k8s.io/a", "x=y", "v1.2.3-rc.1+b", "10.0.0.0/16", "a@b.c", "%", "100%", "25%",
  "100m", "128Mi", "\u2028", "-", "?", ":", "--- x", "...",
  // What YAML 1.1 readers (go-yaml: kubectl, eksctl, Helm) read as something else when plain.
  "y", "Y", "n", "N", "Yes", "YES", "yEs", "On", "ON", "OFF", "No", "NO", "0b101", "-0b101", "0B101", "0o777", "0777", "1_000", "1:20",
  "-1:20", "190:20:30", "1:20.5", "0x_1F", "+.inf", "-.Inf", ".NaN", ".NAN", "1.", "1.2.3", "10.0.0.0", "2001-12-14t21:59:43.10-05:00",
  "2026-1-2", "<<", "=", "1e+3", "6.8523015e+5", "e07", "E5",
  // Characters one of the versions rejects or reads as a line break.
  "a\u2028b", "a\u2029b", "a\u0085b", "a\x7fb", "a\x00b", "a\x1bb", "a\x9bb", "\ufeffbom", "a\rb", "emoji 😀", "lone \ud800 surrogate",
  "line\n  indented\n", "\n\nleading blank", "trailing blank\n\n", "ends space \nx", "tab\n\tfirst",
];

/** Reads YAML text as a YAML 1.1 reader and as a 1.2 reader, every document of it; both must accept it. */
function readBothWays(text: string): { v11: unknown; v12: unknown } {
  const read = (version: "1.1" | "1.2") => {
    const docs = parseAllDocuments(text, { version, strict: true, prettyErrors: false });
    if (!Array.isArray(docs)) return [];
    expect(docs.flatMap((doc) => doc.errors.map((e) => e.message)), `YAML ${version} errors`).toEqual([]);
    return docs.map((doc) => doc.toJS() as unknown);
  };
  return { v11: read("1.1"), v12: read("1.2") };
}

/** Every plain scalar of the text, as go-yaml would resolve it, must be the string the 1.2 reader sees. */
function plainScalarsGoYamlMisreads(text: string): string[] {
  const wrong: string[] = [];
  const docs = parseAllDocuments(text, { version: "1.2" });
  for (const doc of Array.isArray(docs) ? docs : []) {
    visit(doc, {
      Scalar(_key, node) {
        if (node.type === "PLAIN" && typeof node.value === "string" && goYamlResolve(String(node.source)) !== "str") wrong.push(String(node.source));
      },
    });
  }
  return wrong;
}

/** Characters go-yaml refuses in a document, or that YAML 1.1 takes as a line break. */
const NOT_PRINTABLE_IN_BOTH = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

function expectSameToEveryReader(value: unknown): void {
  const text = toYaml(value);
  expect(text).not.toMatch(NOT_PRINTABLE_IN_BOTH);
  const { v11, v12 } = readBothWays(text);
  expect(v12, text).toEqual([value]);
  expect(v11, text).toEqual([value]);
  expect(plainScalarsGoYamlMisreads(text), text).toEqual([]);
}

describe("toYaml", () => {
  it("writes every Kubernetes object of a generated spec so that it reads back the same", () => {
    const specs = [generateSpec({ services: 12 })];
    let count = 0;
    for (const text of specs) {
      const model = modelOf(text);
      for (const service of model.services) {
        for (const instance of service.instances) {
          for (const object of buildObjects(model.project, instance)) {
            expect(parseDocument(toYaml(object)).toJS()).toEqual(object);
            count++;
          }
        }
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it("writes every generated YAML file so that YAML 1.1 readers (go-yaml) and 1.2 readers read the same data", () => {
    const specs = [referenceSpecText(), readFileSync(join(ROOT, "test", "fixtures", "valid", "wide.yaml"), "utf8")];
    const files = specs.flatMap((text) => generate(modelOf(text), "foundation.yaml", BACKENDS));
    const yamlFiles = [...files.filter((f) => /\.ya?ml$/.test(f.path)).map((f) => ({ path: f.path, content: f.content })), { path: "workflow", content: githubWorkflow({ spec: "foundation.yaml", out: "out" }, "foundation.yaml") }];
    expect(yamlFiles.length).toBeGreaterThan(40);
    for (const file of yamlFiles) {
      expect(file.content, file.path).not.toMatch(NOT_PRINTABLE_IN_BOTH);
      const { v11, v12 } = readBothWays(file.content);
      expect(v11, file.path).toEqual(v12);
      expect(plainScalarsGoYamlMisreads(file.content), file.path).toEqual([]);
    }
  });

  it.each(TRICKY)("writes %j so that both YAML versions read it back, as a value, a key and a list item", (text) => {
    for (const value of [{ k: text }, { [text]: "v" }, [text], { a: [text, { b: text, c: [] }], d: {} }]) expectSameToEveryReader(value);
  });

  it("quotes what YAML 1.1 reads as a boolean, a number or a timestamp (the finding: namespace \"on\" became boolean on)", () => {
    expect(toYaml({ namespace: "on", config: "yes", count: "1_000", t: "1:20", b: "0b101", d: "2026-01-01", plain: "production" })).toBe(
      'namespace: "on"\nconfig: "yes"\ncount: "1_000"\nt: "1:20"\nb: "0b101"\nd: "2026-01-01"\nplain: production\n',
    );
  });

  it("escapes U+2028, U+0085 and DEL instead of writing them raw", () => {
    expect(toYaml({ tag: "a\u2028b\u0085c\x7fd" })).toBe('tag: "a\\u2028b\\x85c\\x7Fd"\n');
  });

  it("keeps multi-line text a literal block when that is exact", () => {
    expect(toYaml({ run: "npm ci\nnpm test" })).toBe("run: |-\n  npm ci\n  npm test\n");
    expect(toYaml([{ run: "a\n  b\n" }])).toBe("- run: |\n    a\n      b\n");
  });

  it(`reads back ${fuzzCases(300)} seeded random documents the same in YAML 1.1 and 1.2`, () => {
    const seed = fuzzSeed();
    for (let i = 0; i < fuzzCases(300); i++) {
      const random = seededRandom(seed + i);
      const value = randomValue(random, 0);
      try {
        expectSameToEveryReader(value);
      } catch (e) {
        throw new Error(`seed ${seed + i} (replay with FOUNDATION_FUZZ_SEED=${seed + i} FOUNDATION_FUZZ_CASES=1): ${(e as Error).message}`);
      }
    }
  });
});

const PIECES = [
  "yes", "No", "on", "OFF", "y", "n", "true", "null", "~", "0b1", "0o7", "0x1f", "07", "1_0", "1:2", "12:30:45", "2026-01-01", ".inf", ".NaN", "-",
  "?", ":", "#", " ", "  ", "\n", "\t", "\r", "\u2028", "\u2029", "\u0085", "\x7f", "\x00", "\x1b", "\u00a0", "\ufeff", "😀", '"', "'", "\\", "a", "Z",
  "{", "[", "&x", "*x", "!", "|", ">", "%", "@", "`", ",", "=", "<<", "é", "1", "0", ".", "e", "+", "_", "/", "k8s.io/x",
];

function randomString(random: Random): string {
  let text = "";
  const n = random.int(4);
  for (let i = 0; i <= n; i++) text += random.pick(PIECES);
  return text;
}

function randomValue(random: Random, depth: number): unknown {
  const roll = random.int(depth > 2 ? 5 : 8);
  if (roll <= 2) return randomString(random);
  if (roll === 3) return random.pick([0, 1, -7, 2 ** 40, 0.5, -1.25, 1e21, 5e-7, true, false, null]);
  if (roll === 4) return random.pick([{}, [], ""]);
  if (roll <= 6) {
    const map: Record<string, unknown> = {};
    for (let i = random.int(4); i >= 0; i--) map[randomString(random)] = randomValue(random, depth + 1);
    return map;
  }
  return Array.from({ length: random.int(4) + 1 }, () => randomValue(random, depth + 1));
}
