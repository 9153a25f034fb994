import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REFERENCE_SPEC, ROOT } from "../helpers/compile.js";

/** The root spec says it is the project's reference spec in its header; a team's own spec does not. */
const REFERENCE_MARKER = "# The reference foundation";
const rootSpec = readFileSync(join(ROOT, "foundation.yaml"), "utf8");
/** Set in the scratch copy below, so that it does not copy itself again. */
const IN_SCRATCH = process.env["FOUNDATION_SCRATCH_COPY"] === "1";

describe("test/fixtures/valid/reference.yaml", () => {
  it.skipIf(!rootSpec.includes(REFERENCE_MARKER))("is the root foundation.yaml while that is the reference spec", () => {
    expect(readFileSync(REFERENCE_SPEC, "utf8"), "the root foundation.yaml changed: refresh the fixture with `cp foundation.yaml test/fixtures/valid/reference.yaml`").toBe(rootSpec);
  });
});

/** What the copy needs besides node_modules and dist/ (linked, not copied). */
const COPIED = ["app", "bin", "src", "backends", "scripts", "bench", "schemas", "test", "out", "package.json", "tsconfig.json", "tsconfig.build.json", "vitest.config.ts", "README.md"];
/**
 * Tests that read the root spec or the committed out/, or read the root spec before the suite had its own
 * copy (the CLI, determinism and diff tests did too; they are left out to keep this test short).
 */
const DEPENDENT = ["test/core/golden.test.ts", "test/core/schema.test.ts", "test/core/reference-spec.test.ts"];

describe.skipIf(IN_SCRATCH)("a repository whose root foundation.yaml is another spec", () => {
  const dir = mkdtempSync(join(tmpdir(), "foundation-own-spec-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const vitest = (files: readonly string[]) =>
    spawnSync(process.execPath, [join(dir, "node_modules", "vitest", "vitest.mjs"), "run", ...files], {
      cwd: dir,
      env: { ...process.env, FOUNDATION_SCRATCH_COPY: "1", CI: process.env["CI"] ?? "" },
      encoding: "utf8",
    });

  it("keeps the suite green once out/ is recompiled (the golden test then holds out/ to the new spec)", () => {
    for (const entry of COPIED) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true, filter: (src) => !relative(ROOT, src).startsWith(join("test", ".work")) });
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    symlinkSync(join(ROOT, "dist"), join(dir, "dist"));
    writeFileSync(join(dir, "foundation.yaml"), readFileSync(join(ROOT, "test", "fixtures", "valid", "wide.yaml"), "utf8"));

    const compile = spawnSync(process.execPath, [join(dir, "bin", "foundation.js"), "compile"], { cwd: dir, encoding: "utf8" });
    expect(compile.status, compile.stderr).toBe(0);
    const run = vitest(DEPENDENT);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  });
});
