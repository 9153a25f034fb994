import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILD_ID_FILE, compilerDigest, hashCompiler, writeBuildId } from "../../src/compile/compiler-id.js";

let root: string;
const module = (path: string) => join(root, path);
/** Sets a file's modification time `seconds` after the build id's. */
const touchAfterBuild = (path: string, seconds: number) => {
  const at = new Date(Date.parse("2026-01-01T00:00:00Z") + seconds * 1000);
  utimesSync(module(path), at, at);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "foundation-build-id-"));
  for (const dir of ["app", "src/cli", "backends/kubectl"]) mkdirSync(module(dir), { recursive: true });
  writeFileSync(module("app/foundation.js"), "export const a = 1;\n");
  writeFileSync(module("src/cli/main.js"), "export const b = 2;\n");
  writeFileSync(module("backends/kubectl/index.js"), "export const c = 3;\n");
  writeBuildId(root);
  for (const path of ["app/foundation.js", "src/cli/main.js", "backends/kubectl/index.js", "app", "src", "src/cli", "backends", "backends/kubectl"]) touchAfterBuild(path, -60);
  touchAfterBuild(BUILD_ID_FILE, 0);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("the compiler's digest (part of the no-op recompile's key)", () => {
  it("is the build id's while it describes the modules, without reading them", () => {
    const id = JSON.parse(readFileSync(module(BUILD_ID_FILE), "utf8")) as { digest: string };
    expect(id.digest).toBe(hashCompiler(root));
    expect(compilerDigest(root)).toBe(id.digest);
    // Proof that the modules were not read: a build id with another digest (and the same time) is believed.
    writeFileSync(module(BUILD_ID_FILE), JSON.stringify({ ...id, digest: "from-the-build" }));
    touchAfterBuild(BUILD_ID_FILE, 0);
    expect(compilerDigest(root)).toBe("from-the-build");
  });

  it("changes with a module rewritten after the build, even at the same size", () => {
    const before = compilerDigest(root);
    writeFileSync(module("src/cli/main.js"), "export const b = 3;\n");
    touchAfterBuild("src/cli/main.js", 1);
    expect(compilerDigest(root)).not.toBe(before);
    expect(compilerDigest(root)).toBe(hashCompiler(root));
  });

  it("changes with a module of another size, an added or a removed module, or without a build id", () => {
    const before = compilerDigest(root);
    writeFileSync(module("backends/kubectl/index.js"), "export const c = 33;\n");
    touchAfterBuild("backends/kubectl/index.js", -60);
    expect(compilerDigest(root)).not.toBe(before);
    writeFileSync(module("backends/kubectl/index.js"), "export const c = 3;\n");
    touchAfterBuild("backends/kubectl/index.js", -60);
    expect(compilerDigest(root)).toBe(before);
    // Its folder's modification time is now, after the build id's.
    writeFileSync(module("backends/kubectl/extra.js"), "export const d = 4;\n");
    touchAfterBuild("backends/kubectl/extra.js", -60);
    expect(compilerDigest(root)).toBe(hashCompiler(root));
    expect(compilerDigest(root)).not.toBe(before);
    rmSync(module("backends/kubectl/extra.js"));
    rmSync(module("app/foundation.js"));
    expect(compilerDigest(root)).toBe(hashCompiler(root));
    rmSync(module(BUILD_ID_FILE));
    expect(compilerDigest(root)).toBe(hashCompiler(root));
  });
});
