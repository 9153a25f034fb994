import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { LocatedError } from "../errors/spec-error.js";

/** The largest spec foundation reads: ten times a 1,000-service spec, so memory and time stay bounded. */
export const MAX_SPEC_BYTES = 16 * 1024 * 1024;

/** A spec file's text, or the located error every command reports when it cannot be read. */
export type SpecText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: LocatedError };

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "it is a folder, not a file",
  EACCES: "permission denied",
  ENOTDIR: "a part of its path is not a folder",
};

const at = (file: string, line: number, col: number, message: string, fix?: string): LocatedError => ({
  file,
  position: { line, col },
  path: [],
  message,
  ...(fix ? { fix } : {}),
});

const unreadable = (file: string, e: unknown): SpecText => {
  const code = (e as NodeJS.ErrnoException).code ?? "";
  return { ok: false, error: at(file, 1, 1, `cannot read the spec: ${REASONS[code] ?? (e as Error).message}`) };
};

/**
 * The one way a command reads a spec file (`--spec`, `--base-spec`): a missing or unreadable file is a
 * spec error, `FILE:1:1: (root): cannot read the spec: REASON`, and the command exits 1 as for any spec
 * error. At most MAX_SPEC_BYTES are read (reading stops there, so `/dev/zero` or a huge file fails at
 * once), and only valid UTF-8 is accepted (the first invalid byte is reported by line and column instead
 * of silently becoming U+FFFD).
 */
export function readSpec(file: string): SpecText {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    return unreadable(file, e);
  }
  let bytes: Buffer;
  try {
    if (fstatSync(fd).isDirectory()) return unreadable(file, Object.assign(new Error("is a folder"), { code: "EISDIR" }));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, MAX_SPEC_BYTES + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_SPEC_BYTES) return { ok: false, error: tooLarge(file) };
    }
    bytes = Buffer.concat(chunks, total);
  } catch (e) {
    return unreadable(file, e);
  } finally {
    closeSync(fd);
  }
  return decodeSpec(file, bytes);
}

/** The error for a spec over the size limit. */
export function tooLarge(file: string): LocatedError {
  return at(file, 1, 1, `the spec is larger than ${MAX_SPEC_BYTES / 1024 / 1024} MiB, the most foundation reads`, "split the platform into several specs");
}

/** Spec bytes as text; invalid UTF-8 is an error at the first bad byte. */
export function decodeSpec(file: string, bytes: Uint8Array): SpecText {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const lines = new TextDecoder("utf-8").decode(bytes.subarray(0, offset)).split("\n");
    const col = [...(lines[lines.length - 1] ?? "")].length + 1;
    const byte = bytes[offset]?.toString(16).padStart(2, "0") ?? "";
    return { ok: false, error: at(file, lines.length, col, `the spec is not valid UTF-8 (byte 0x${byte} at offset ${offset})`, "save the file as UTF-8") };
  }
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
