import { stringify } from "yaml";
import type { Inferred } from "./inferred.js";

type Value = unknown;
const isObject = (v: Value): v is Record<string, Value> => v !== null && typeof v === "object" && !Array.isArray(v);
/** Column the end-of-line comments start at, as in the reference spec. */
const COMMENT_COLUMN = 32;
/** Longest flow collection written on one line. */
const FLOW_WIDTH = 100;
/** Maps always written as blocks, as in the reference spec. */
const BLOCK_KEYS = new Set(["environments", "nodeGroups", "addons"]);

/** A scalar as YAML: plain where that reads back the same, quoted otherwise. */
function scalar(value: Value, inFlow: boolean): string {
  if (typeof value === "string") {
    const plain = stringify(value, { lineWidth: 0 }).trimEnd();
    if (inFlow && plain === value && /[,[\]{}#&*!|>'"%@`]|: /.test(value)) return JSON.stringify(value);
    return plain;
  }
  return String(value);
}

function flow(value: Value): string | undefined {
  if (Array.isArray(value)) {
    if (!value.every((v) => !isObject(v) && !Array.isArray(v))) return undefined;
    return `[${value.map((v) => scalar(v, true)).join(", ")}]`;
  }
  if (isObject(value)) {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const inner = isObject(v) || Array.isArray(v) ? flow(v) : scalar(v, true);
      if (inner === undefined) return undefined;
      parts.push(`${k}: ${inner}`);
    }
    return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
  }
  return scalar(value, true);
}

/** Whether a map is small enough to read best on one line, as `{ cpu: 100m, memory: 128Mi }`. */
function flowsInline(value: Value, depth: number, commented: boolean): boolean {
  if (!isObject(value)) return Array.isArray(value) && value.every((v) => !isObject(v) && !Array.isArray(v));
  const entries = Object.values(value);
  if (entries.length === 0) return true;
  if (depth < 2 || commented) return false;
  const text = flow(value);
  return text !== undefined && text.length <= 72 && entries.every((v) => !isObject(v) || Object.values(v).every((w) => !isObject(w)));
}

function withComment(line: string, comment: string | undefined): string {
  if (!comment) return line;
  return `${line.padEnd(Math.max(COMMENT_COLUMN, line.length + 1))}# ${comment}`;
}

function emitMap(map: Record<string, Value>, indent: string, path: string[], inferred: Inferred, lines: string[], depth: number, blankBetween: boolean): void {
  let first = true;
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    if (blankBetween && !first) lines.push("");
    first = false;
    const here = [...path, key];
    const comment = inferred.at(here);
    const block = BLOCK_KEYS.has(key) && isObject(value) && Object.keys(value).length > 0;
    if (isObject(value) && (block || !flowsInline(value, depth, inferred.under(here)))) {
      lines.push(withComment(`${indent}${key}:`, comment));
      emitMap(value, `${indent}  `, here, inferred, lines, depth + 1, false);
    } else if (Array.isArray(value) && !flowsInline(value, depth, false)) {
      lines.push(withComment(`${indent}${key}:`, comment));
      for (const item of value) {
        const text = flow(item);
        lines.push(`${indent}  - ${text !== undefined && text.length <= FLOW_WIDTH ? text : JSON.stringify(item)}`);
      }
    } else {
      lines.push(withComment(`${indent}${key}: ${flow(value) ?? JSON.stringify(value)}`, comment));
    }
  }
}

/** The spec as YAML in the reference spec's layout, inferred values commented; `header` lines come first. */
export function emitSpec(spec: Record<string, Value>, inferred: Inferred, header: readonly string[]): string {
  const lines = header.map((l) => (l === "" ? "#" : `# ${l}`));
  const sections = Object.entries(spec);
  for (const [key, value] of sections) {
    if (isObject(value) && Object.keys(value).length === 0) {
      lines.push("", withComment(`${key}: {}`, inferred.at([key])));
    } else if (isObject(value) && ["environments", "clusters", "services"].includes(key)) {
      lines.push("");
      lines.push(withComment(`${key}:`, inferred.at([key])));
      emitMap(value, "  ", [key], inferred, lines, 1, key !== "environments");
    } else if (isObject(value)) {
      if (key === "metadata") lines.push("");
      lines.push(withComment(`${key}:`, inferred.at([key])));
      emitMap(value, "  ", [key], inferred, lines, 1, false);
    } else {
      lines.push(withComment(`${key}: ${scalar(value, false)}`, inferred.at([key])));
    }
  }
  return `${lines.join("\n")}\n`;
}
