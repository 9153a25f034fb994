import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CACHE_FILE } from "../../src/write/writer.js";
import { runBin } from "../helpers/cli.js";
import { REFERENCE_SPEC, ROOT } from "../helpers/compile.js";
import { snapshotTree } from "../helpers/tree.js";

const dir = mkdtempSync(join(tmpdir(), "foundation-determinism-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file's bytes and mode, less the machine-local record of the last compile (which holds mtimes). */
const bytesOf = (root: string) =>
  new Map([...snapshotTree(root)].filter(([path]) => path !== CACHE_FILE).map(([path, f]) => [path, { content: f.content, mode: f.mode }]));

describe.each([
  ["reference", REFERENCE_SPEC],
  ["wide", join(ROOT, "test", "fixtures", "valid", "wide.yaml")],
])("compiling the %s spec", (name, source) => {
  it("gives byte-identical trees in different time zones and locales", () => {
    const spec = join(dir, `${name}.yaml`);
    cpSync(source, spec);
    const a = runBin(["compile", "--spec", spec, "--out", join(dir, `${name}-a`)], { env: { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" } });
    const b = runBin(["compile", "--spec", spec, "--out", join(dir, `${name}-b`)], { env: { TZ: "America/Adak", LANG: "C", LC_ALL: "C" } });
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(bytesOf(join(dir, `${name}-a`))).toEqual(bytesOf(join(dir, `${name}-b`)));
  });
});
