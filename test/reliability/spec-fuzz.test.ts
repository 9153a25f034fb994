import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { modelFromText } from "../../src/compile/load-model.js";
import { formatError } from "../../src/errors/spec-error.js";
import { ROOT } from "../helpers/compile.js";
import { yamlProblems } from "../helpers/generated-output-checks.js";
import { fuzzCases, fuzzSeed, seededRandom, type Random } from "../helpers/seeded-random.js";

/**
 * Fuzzing harness: seeded mutations of a valid spec, in its structure (values, keys, deletions,
 * copies) and in its text (bytes, lines, anchors). Whatever the input, the compiler must not crash:
 * either every problem is reported located (a line and column inside the file, a message, no
 * "internal"), or the spec compiles and its YAML reads the same to YAML 1.1 and 1.2 readers.
 * FOUNDATION_FUZZ_CASES=5000 runs more; a failure names the seed that replays it.
 */

const BASE = readFileSync(join(ROOT, "test", "fixtures", "valid", "minimal.yaml"), "utf8");

const VALUES: readonly unknown[] = [
  "constructor", "__proto__", "toString", "hasOwnProperty", "007", "1", "yes", "on", "y", "0b101", "1_000", "1:20", ".inf", "~", "", " ", "-",
  "a\u2028b", "\x7f", "x".repeat(300), "$(id)", "'", '"', "\\", "\n", "ñ", "😀", "1.30", "latest", "10.0.0.0/8", "10.10.0.0/16", "m5.large",
  0, -1, 1.5, 1e21, 65536, true, false, null, [], {}, ["a"], { a: 1 }, { value: "hunter2" }, { secretName: "s", key: "k" },
];
const KEYS = ["constructor", "__proto__", "toString", "valueOf", "007", "1", "x-extra", "prod", "staging", "live", "alpha", "api", "<<", "a b", "KEY"];

interface Located {
  readonly path: (string | number)[];
  readonly node: Node;
}

function nodes(doc: Document): Located[] {
  const out: Located[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (!node || typeof node !== "object") return;
    out.push({ path, node: node as Node });
    if (isMap(node)) for (const pair of node.items) walk(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : "?"]);
    if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  return out;
}

function mutateStructure(text: string, random: Random): string {
  const doc = parseDocument(text);
  for (let n = 1 + random.int(3); n > 0; n--) {
    const all = nodes(doc).filter((l) => l.path.length > 0);
    const target = random.pick(all);
    const parent = target.path.slice(0, -1);
    const roll = random.int(5);
    try {
      if (roll === 0) doc.deleteIn(target.path);
      else if (roll === 1 && isMap(doc.getIn(parent, true))) doc.setIn([...parent, random.pick(KEYS)], doc.createNode(random.pick(VALUES)));
      else if (roll === 2 && isMap(doc.getIn(parent, true))) doc.setIn([...parent, random.pick(KEYS)], doc.getIn(target.path, true));
      else doc.setIn(target.path, doc.createNode(random.pick(VALUES)));
    } catch {
      // an earlier mutation moved what this one aimed at
    }
  }
  return doc.toString();
}

function mutateText(text: string, random: Random): string {
  const lines = text.split("\n");
  const at = random.int(lines.length);
  switch (random.int(6)) {
    case 0:
      return text.slice(0, random.int(text.length));
    case 1:
      lines.splice(at, 0, lines[random.int(lines.length)] as string);
      return lines.join("\n");
    case 2: {
      const i = random.int(text.length);
      return text.slice(0, i) + random.pick(["&a ", "*a", "*b", "? ", "[", "{", "'", '"', "\t", "\u2028", "!!binary ", "%TAG", "---\n", "<<: *a\n", ": ", "#"]) + text.slice(i);
    }
    case 3:
      lines.splice(at, 1);
      return lines.join("\n");
    case 4:
      return text.replace(/^( +)(\w+):/m, (_m, indent: string) => `${indent}${random.pick(KEYS)}:`);
    default:
      return `x-anchor: &a {${random.pick(KEYS)}: ${JSON.stringify(random.pick(VALUES))}}\n${text.replace(/^( {4}port: )8080/m, "$1*a")}`;
  }
}

const NAMES = ["constructor", "valueof", "tostring", "hasownproperty", "proto", "007", "1a", "y", "on", "no", "null"];
const STRINGS = ["yes", "on", "0b101", "1_000", "1:20", ".inf", "~", "", "a\u2028b", "\x7f", "\u0085", "$(id)", "'\"", "\\", "a\nb", "😀", "2026-01-01", "x".repeat(200)];

/** Mutations that keep the spec valid more often than not: names that are Object members or YAML 1.1 words, tricky config text. */
function mutateTowardsValid(text: string, random: Random): string {
  let out = text;
  for (let n = 1 + random.int(3); n > 0; n--) {
    const roll = random.int(3);
    if (roll === 0) {
      const name = random.pick(["staging", "live", "alpha", "api", "workers"]);
      out = out.replace(new RegExp(`\\b${name}\\b(?=:|$|\\n| )`, "g"), random.pick(NAMES));
    } else if (roll === 1) {
      out = out.replace(/^( {4}port: \d+\n)/m, `$1    config: { ${random.pick(["constructor", "toString", "valueOf", "A", "yes", "ON"])}: ${JSON.stringify(random.pick(STRINGS))} }\n`);
    } else {
      out = out.replace(/^( {4}region: .*\n)/m, `$1    tags: { ${JSON.stringify(random.pick(["team", "yes", "on", "1_000", "constructor"]))}: ${JSON.stringify(random.pick(["on", "y", "1:20", "0b1", "a b", ""]))} }\n`);
    }
  }
  return out;
}

describe("fuzzed specs", () => {
  it(`never crash the compiler: every problem located, or a sound tree (${fuzzCases(250)} seeded cases)`, () => {
    const seed = fuzzSeed(11);
    let compiled = 0;
    for (let i = 0; i < fuzzCases(250); i++) {
      const random = seededRandom(seed + i);
      const kind = random.int(3);
      const text = kind === 0 ? mutateStructure(BASE, random) : kind === 1 ? mutateText(BASE, random) : mutateTowardsValid(BASE, random);
      const lines = text.split("\n").length;
      const replay = `seed ${seed + i} (replay: FOUNDATION_FUZZ_SEED=${seed + i} FOUNDATION_FUZZ_CASES=1)`;
      let result: ReturnType<typeof modelFromText>;
      try {
        result = modelFromText("fuzz.yaml", text);
      } catch (e) {
        throw new Error(`${replay}: the compiler threw ${(e as Error).stack}\n--- spec:\n${text}`);
      }
      if (!result.ok) {
        expect(result.errors.length, replay).toBeGreaterThan(0);
        for (const error of result.errors) {
          const shown = formatError(error);
          expect(error.position.line >= 1 && error.position.line <= lines + 1 && error.position.col >= 1, `${replay}: ${shown}`).toBe(true);
          expect(error.message.length, `${replay}: ${shown}`).toBeGreaterThan(0);
          expect(shown, replay).not.toMatch(/internal|undefined|\[object Object\]/);
        }
        continue;
      }
      compiled++;
      let files;
      try {
        files = generate(result.model, "fuzz.yaml", BACKENDS);
      } catch (e) {
        throw new Error(`${replay}: a backend threw ${(e as Error).stack}\n--- spec:\n${text}`);
      }
      if (compiled % 5 === 1) expect(yamlProblems(files), replay).toEqual([]);
    }
    // Not every mutation breaks the spec: some cases reach the backends.
    expect(compiled).toBeGreaterThan(fuzzCases(250) / 10);
  });
});
