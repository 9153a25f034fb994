import { stringify } from "yaml";

const OPTIONS = {
  indent: 2,
  lineWidth: 0,
  minContentWidth: 0,
  aliasDuplicateObjects: false,
  version: "1.2",
  defaultStringType: "PLAIN",
  defaultKeyType: "PLAIN",
} as const;

/**
 * Serializes data as YAML the same way every time: two-space indent, no line folding, no anchors,
 * keys in insertion order (the model and builders insert in a fixed order).
 *
 * Plain JSON data (what every backend emits) is written by a direct emitter, many times faster than
 * building a YAML document per file; anything it is not sure about (a string that needs quoting or
 * spans lines, a fractional number) goes through the `yaml` library, and a test holds the two
 * byte-identical over every object foundation generates.
 */
export function toYaml(value: unknown): string {
  const lines: string[] = [];
  if (emitDocument(value, lines)) return `${lines.join("\n")}\n`;
  return stringify(value, OPTIONS);
}

/** The `yaml` library's rendering, for comparison in tests. */
export function toYamlSlow(value: unknown): string {
  return stringify(value, OPTIONS);
}

function emitDocument(value: unknown, lines: string[]): boolean {
  if (isMap(value) && Object.keys(value).length > 0) return emitMap(value, "", lines);
  if (Array.isArray(value) && value.length > 0) return emitSeq(value, "", lines);
  return false;
}

function emitMap(map: Record<string, unknown>, indent: string, lines: string[], firstPrefix?: string): boolean {
  let first = true;
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const k = scalar(key);
    if (k === undefined) return false;
    const lead = first && firstPrefix !== undefined ? firstPrefix : indent;
    first = false;
    if (!emitEntry(`${lead}${k}:`, value, `${indent}  `, lines)) return false;
  }
  return !first;
}

function emitSeq(seq: readonly unknown[], indent: string, lines: string[]): boolean {
  for (const item of seq) {
    if (item === undefined) return false;
    if (isMap(item) && Object.keys(item).length > 0) {
      if (!emitMap(item, `${indent}  `, lines, `${indent}- `)) return false;
    } else if (Array.isArray(item) && item.length > 0) {
      return false;
    } else {
      const text = inline(item);
      if (text === undefined) return false;
      lines.push(`${indent}- ${text}`);
    }
  }
  return true;
}

/** `head` is `<indent>key:`; children go at `childIndent` (sequences under a key are indented, as `yaml` does). */
function emitEntry(head: string, value: unknown, childIndent: string, lines: string[]): boolean {
  if (isMap(value) && Object.keys(value).length > 0) {
    lines.push(head);
    return emitMap(value, childIndent, lines);
  }
  if (Array.isArray(value) && value.length > 0) {
    lines.push(head);
    return emitSeq(value, childIndent, lines);
  }
  const text = inline(value);
  if (text === undefined) return false;
  lines.push(`${head} ${text}`);
  return true;
}

function inline(value: unknown): string | undefined {
  if (isMap(value)) return Object.keys(value).length === 0 ? "{}" : undefined;
  if (Array.isArray(value)) return value.length === 0 ? "[]" : undefined;
  if (typeof value === "string") return scalar(value);
  if (typeof value === "number") return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value === "boolean") return String(value);
  if (value === null) return "null";
  return undefined;
}

/** Strings that YAML 1.2's core schema reads back as something other than a string when plain. */
const RESERVED = new Set(["true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~"]);

/** A conservative set of strings that are plain in YAML and read back as the same string. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@%+=,-]*(?::[A-Za-z0-9_./@%+=,-]+)*$/;

const quoted = new Map<string, string | undefined>();

/** A string as a YAML scalar: plain when certainly safe, else as the `yaml` library writes it (single-line only). */
function scalar(text: string): string | undefined {
  if (PLAIN.test(text) && !RESERVED.has(text)) return text;
  let known = quoted.get(text);
  if (known === undefined && !quoted.has(text)) {
    const rendered = stringify(text, OPTIONS).replace(/\n$/, "");
    known = rendered.includes("\n") ? undefined : rendered;
    quoted.set(text, known);
  }
  return known;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
