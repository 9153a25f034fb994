import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Every file below `root` with its bytes, mode and mtime, keyed by relative path: a snapshot to compare. */
export function snapshotTree(root: string): Map<string, { content: string; mode: number; mtimeMs: number }> {
  const files = new Map<string, { content: string; mode: number; mtimeMs: number }>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, rel);
      else {
        const stat = lstatSync(full);
        files.set(rel, { content: readFileSync(full, "utf8"), mode: stat.mode, mtimeMs: stat.mtimeMs });
      }
    }
  };
  walk(root, "");
  return files;
}
