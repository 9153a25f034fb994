import { isPlainSafe } from "./yaml-plain.js";

/**
 * Serializes JSON data as YAML the same way every time: two-space indent, no line folding, no anchors,
 * keys in insertion order (the model and builders insert in a fixed order).
 *
 * The output means the same to YAML 1.1 readers (go-yaml behind kubectl, eksctl and Helm) as to YAML
 * 1.2 readers: a string is plain only when both read it back as that string (see yaml-plain.ts), and
 * otherwise double-quoted, with every character either version would not take literally (C0 and C1
 * controls, DEL, U+0085, U+2028, U+2029, U+FEFF, lone surrogates) escaped. A multi-line string is a
 * literal block when that is exact, else a quoted one.
 */
export function toYaml(value: unknown): string {
  const lines: string[] = [];
  if (isMap(value) && Object.keys(value).length > 0) emitMap(value, "", lines);
  else if (Array.isArray(value) && value.length > 0) emitSeq(value, "", lines);
  else lines.push(inline(value, "  "));
  return `${lines.join("\n")}\n`;
}

function emitMap(map: Record<string, unknown>, indent: string, lines: string[], firstPrefix?: string): void {
  let first = true;
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const lead = first && firstPrefix !== undefined ? firstPrefix : indent;
    first = false;
    emitEntry(`${lead}${keyScalar(key)}:`, value, `${indent}  `, lines);
  }
  if (first) throw new Error("internal: a mapping with only undefined values reached the YAML writer");
}

function emitSeq(seq: readonly unknown[], indent: string, lines: string[]): void {
  for (const item of seq) {
    if (item === undefined) throw new Error("internal: undefined in a list reached the YAML writer");
    if (isMap(item) && Object.keys(item).length > 0) emitMap(item, `${indent}  `, lines, `${indent}- `);
    else if (Array.isArray(item) && item.length > 0) {
      lines.push(`${indent}-`);
      emitSeq(item, `${indent}  `, lines);
    } else lines.push(`${indent}- ${inline(item, `${indent}  `)}`);
  }
}

/** `head` is `<indent>key:`; children go at `childIndent` (sequences under a key are indented). */
function emitEntry(head: string, value: unknown, childIndent: string, lines: string[]): void {
  if (isMap(value) && Object.keys(value).length > 0) {
    lines.push(head);
    emitMap(value, childIndent, lines);
  } else if (Array.isArray(value) && value.length > 0) {
    lines.push(head);
    emitSeq(value, childIndent, lines);
  } else {
    lines.push(`${head} ${inline(value, childIndent)}`);
  }
}

/** A scalar or empty collection on the line it starts; a literal block's lines go at `blockIndent`. */
function inline(value: unknown, blockIndent: string): string {
  if (isMap(value)) {
    if (Object.keys(value).length > 0) throw new Error("internal: a nested mapping cannot be written inline");
    return "{}";
  }
  if (Array.isArray(value)) {
    if (value.length > 0) throw new Error("internal: a nested list cannot be written inline");
    return "[]";
  }
  if (typeof value === "string") return stringScalar(value, blockIndent);
  if (typeof value === "number") return numberScalar(value);
  if (typeof value === "boolean") return String(value);
  if (value === null) return "null";
  throw new Error(`internal: cannot write a ${typeof value} as YAML`);
}

function keyScalar(key: string): string {
  return isPlainSafe(key) ? key : doubleQuoted(key);
}

function stringScalar(text: string, blockIndent: string): string {
  if (isPlainSafe(text)) return text;
  if (text.includes("\n") && isLiteralSafe(text)) {
    const chomp = text.endsWith("\n") ? "" : "-";
    const body = text.endsWith("\n") ? text.slice(0, -1) : text;
    return `|${chomp}\n${body
      .split("\n")
      .map((line) => (line === "" ? "" : `${blockIndent}${line}`))
      .join("\n")}`;
  }
  return doubleQuoted(text);
}

/**
 * A literal block reads back exactly when: every character is taken literally by both versions, the
 * first line with content does not start with white space (it sets the indentation), no line is
 * white space only, and the text ends with at most one line break.
 */
function isLiteralSafe(text: string): boolean {
  if (text.endsWith("\n\n") || text === "\n" || /[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/u.test(text)) return false;
  const lines = (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
  const first = lines.find((line) => line !== "");
  if (first === undefined || /^\s/.test(first)) return false;
  return lines.every((line) => line === "" || line.trim() !== "") && !lines.some((line) => /\s$/.test(line));
}

const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0" };

/** A double-quoted scalar; every character outside the printable set both versions share is escaped. */
function doubleQuoted(text: string): string {
  let out = '"';
  for (const char of text) {
    const known = ESCAPES[char];
    if (known !== undefined) out += known;
    else if (/^[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]$/u.test(char) || (char.length === 2 && (char.codePointAt(0) as number) >= 0x10000)) out += char;
    else {
      const code = char.codePointAt(0) as number;
      out += code <= 0xff ? `\\x${hex(code, 2)}` : code <= 0xffff ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
    }
  }
  return `${out}"`;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, "0");
}

/** Integers as written; other numbers in a form both versions read as a float. */
function numberScalar(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
  const text = String(value);
  if (Number.isInteger(value) && !/e/i.test(text)) return text;
  // YAML 1.1 floats need a '.' and a signed exponent: 1e+21 becomes 1.0e+21.
  return /\./.test(text) ? text : text.replace(/e/i, ".0e");
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
