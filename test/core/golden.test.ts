import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { listFiles, withManifest } from "../../src/write/writer.js";
import { modelOf, ROOT } from "../helpers/compile.js";

/** The reference spec's golden tree is the committed out/ itself (checked below); these have their own. */
const SPECS = {
  wide: readFileSync(join(ROOT, "test", "fixtures", "valid", "wide.yaml"), "utf8"),
};

function listGoldens(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Every generated file of each spec is snapshotted under test/golden/<spec>/ (update with `npx vitest -u`
 * and review the diff); a golden the compiler no longer generates fails the suite.
 */
describe.each(Object.entries(SPECS))("golden tree of the %s spec", (name, text) => {
  const dir = join(ROOT, "test", "golden", name);
  const files = withManifest(generate(modelOf(text), "foundation.yaml", BACKENDS));

  it.each(files.map((f) => [f.path, f] as const))("%s", async (_path, file) => {
    await expect(file.content).toMatchFileSnapshot(join(dir, file.path));
  });

  it("has no stale goldens", () => {
    const generated = new Set(files.map((f) => f.path));
    expect(listGoldens(dir).filter((p) => !generated.has(p))).toEqual([]);
  });
});

describe("the committed out/: the golden tree of the root spec (the one test that reads it)", () => {
  it("holds exactly what the root foundation.yaml compiles to, every file, nothing stale (update with `npx foundation compile`)", () => {
    const files = withManifest(generate(modelOf(readFileSync(join(ROOT, "foundation.yaml"), "utf8")), "foundation.yaml", BACKENDS));
    const stale = files.filter((f) => !existsSync(join(ROOT, "out", f.path)) || readFileSync(join(ROOT, "out", f.path), "utf8") !== f.content);
    expect(stale.map((f) => f.path)).toEqual([]);
    const generated = new Set(files.map((f) => f.path));
    expect(listFiles(join(ROOT, "out")).filter((p) => !generated.has(p))).toEqual([]);
  });
});
