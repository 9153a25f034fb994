import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compareStrings } from "../errors/spec-error.js";

/**
 * The build's digest of its own modules, written by `npm run build` next to them (`dist/build-id.json`) so
 * that a no-op recompile reads one file instead of every module.
 */
export const BUILD_ID_FILE = "build-id.json";

/** The folders of the compiler's own code, under the build (or source) root. */
const PARTS = ["app", "src", "backends"];

interface BuildId {
  readonly digest: string;
  /** Every module the digest covers, with its size. */
  readonly modules: readonly (readonly [path: string, size: number])[];
  /** Every folder holding them (adding or removing a module changes its folder's modification time). */
  readonly folders: readonly string[];
}

/** The compiler's modules and their folders under `root`, relative (starting with "/"), sorted. */
function modulesUnder(root: string): { modules: string[]; folders: string[] } {
  const modules: string[] = [];
  const folders: string[] = [];
  const walk = (dir: string) => {
    folders.push(dir.slice(root.length));
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareStrings(a.name, b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|json|ts)$/.test(entry.name)) modules.push(full.slice(root.length));
    }
  };
  for (const part of PARTS) walk(join(root, part));
  return { modules, folders };
}

/** SHA-256 over the path and content of every module of the compiler under `root`. */
export function hashCompiler(root: string): string {
  const hash = createHash("sha256");
  for (const path of modulesUnder(root).modules) hash.update(path).update(readFileSync(join(root, path)));
  return hash.digest("hex");
}

/** Writes `root/build-id.json`: the digest of the modules just built, with their sizes and folders (the last step of a build). */
export function writeBuildId(root: string): void {
  const { modules, folders } = modulesUnder(root);
  const id: BuildId = { digest: hashCompiler(root), modules: modules.map((path) => [path, lstatSync(join(root, path)).size] as const), folders };
  writeFileSync(join(root, BUILD_ID_FILE), `${JSON.stringify(id)}\n`);
}

/**
 * The digest of the compiler under `root`: the build id when it still describes the modules there (each
 * the size it had, none of them or of their folders changed after the id was written: so no module was
 * added, removed or rewritten), else computed from every module's content (running from the sources, or
 * after a build step that skipped writing the id). Checking the id reads no module and lists no folder.
 */
export function compilerDigest(root: string): string {
  try {
    const file = join(root, BUILD_ID_FILE);
    const written = lstatSync(file).mtimeMs;
    const id = JSON.parse(readFileSync(file, "utf8")) as BuildId;
    const unchanged = (path: string, size?: number) => {
      const stat = lstatSync(root + path);
      return stat.mtimeMs <= written && (size === undefined ? stat.isDirectory() : stat.isFile() && stat.size === size);
    };
    const current =
      typeof id.digest === "string" &&
      id.folders.length >= PARTS.length &&
      id.folders.every((folder) => unchanged(folder)) &&
      id.modules.every(([path, size]) => unchanged(path, size));
    if (current) return id.digest;
  } catch {
    // No build id, or an unreadable one: compute the digest.
  }
  return hashCompiler(root);
}
