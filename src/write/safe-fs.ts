import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, type Stats } from "node:fs";
import { join } from "node:path";
import { OutputFolderError } from "./output-folder-error.js";

/**
 * File system calls that never follow a symbolic link below the output folder: foundation creates
 * no links, so a link there was put by someone else and may point anywhere.
 */

/** What is at a path, without following a link there. */
export function kindAt(path: string): "missing" | "file" | "directory" | "link" | "other" {
  let stat: Stats | undefined;
  try {
    stat = lstatSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR") return "missing";
    throw e;
  }
  if (stat === undefined) return "missing";
  if (stat.isSymbolicLink()) return "link";
  if (stat.isFile()) return "file";
  if (stat.isDirectory()) return "directory";
  return "other";
}

/**
 * The folders of `rel` (a `/`-separated path below `root`), each checked to be a real folder or absent:
 * a link or a file there is refused, so nothing is ever written or removed through it.
 */
export function assertRealFolders(root: string, rel: string): void {
  const parts = rel.split("/").slice(0, -1);
  let path = root;
  for (const part of parts) {
    path = join(path, part);
    const kind = kindAt(path);
    if (kind === "missing") return;
    if (kind === "link") throw new OutputFolderError(`${path} is a symbolic link; foundation does not write through links it did not create (remove it)`);
    if (kind !== "directory") throw new OutputFolderError(`${path} is in the way: foundation needs a folder there`);
  }
}

/** Creates the folders of `rel` below `root` one by one, refusing a link or a file on the way. */
export function makeFolders(root: string, rel: string): void {
  const parts = rel.split("/").slice(0, -1);
  let path = root;
  for (const part of parts) {
    path = join(path, part);
    let kind = kindAt(path);
    if (kind === "missing") {
      try {
        mkdirSync(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      kind = kindAt(path);
    }
    if (kind === "link") throw new OutputFolderError(`${path} is a symbolic link; foundation does not write through links it did not create (remove it)`);
    if (kind !== "directory") throw new OutputFolderError(`${path} is in the way: foundation needs a folder there`);
  }
}

/** A regular file's bytes, read without following a link; undefined when the path is anything else, absent or larger than `maxBytes`. */
export function readPlainFile(path: string, maxBytes = Number.POSITIVE_INFINITY): { readonly bytes: Buffer; readonly mode: number } | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read), mode: stat.mode };
  } finally {
    closeSync(fd);
  }
}
