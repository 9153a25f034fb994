import { createRequire } from "node:module";
import type { SourceFile } from "ts-morph";
import { generatedHeader } from "./header.js";

/** A piece of TypeScript code to place in a literal as it is: a value known only when the program runs. */
export class TsExpression {
  constructor(readonly code: string) {}
}

/**
 * A TypeScript expression for a plain value: strings become properly escaped double-quoted literals
 * (JSON string syntax is valid TypeScript, and `${` inside double quotes is not interpolated), so no
 * spec value can change the program's meaning. `TsExpression`s inside the value are written verbatim
 * (as a shorthand property where the key names the expression).
 */
export function tsLiteral(value: unknown, indent = ""): string {
  if (value instanceof TsExpression) return value.code;
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${inner}${tsLiteral(v, inner)},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const property = ([k, v]: [string, unknown]) =>
      v instanceof TsExpression && v.code === k ? `${inner}${k},` : `${inner}${tsPropertyName(k)}: ${tsLiteral(v, inner)},`;
    return `{\n${entries.map(property).join("\n")}\n${indent}}`;
  }
  throw new Error(`cannot write ${typeof value} as a TypeScript literal`);
}

/** A property name: bare when it is an identifier, quoted otherwise. */
export function tsPropertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * ts-morph, loaded on first use: it carries the whole TypeScript compiler, and a spec without Pulumi
 * targets should not pay for loading it.
 */
function tsMorph(): typeof import("ts-morph") {
  return createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph");
}

/** A fresh in-memory TypeScript file to build a generated program in, with fixed formatting. */
export function createProgramFile(fileName = "index.ts"): SourceFile {
  const { IndentationText, NewLineKind, Project, QuoteKind } = tsMorph();
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Double,
      useTrailingCommas: true,
    },
  });
  return project.createSourceFile(fileName, "");
}

/** The file's text with the generated-file notice on top. */
export function printProgram(file: SourceFile, specName: string): string {
  const text = file.getFullText().replace(/\s+$/, "");
  return `${generatedHeader(specName, "//")}${text}\n`;
}
