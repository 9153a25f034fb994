import { tsLiteral, tsPropertyName } from "../../src/render/typescript.js";

/** A piece of TypeScript code to place in a literal as is (a value known only when the program runs). */
export class TsExpression {
  constructor(readonly code: string) {}
}

/**
 * A TypeScript expression for plain data that may hold `TsExpression`s: the data is written as safe
 * literals (`tsLiteral`), the expressions verbatim. Formatted like `tsLiteral`.
 */
export function tsValue(value: unknown, indent = ""): string {
  if (value instanceof TsExpression) return value.code;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${inner}${tsValue(v, inner)},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const property = ([k, v]: [string, unknown]) =>
      v instanceof TsExpression && v.code === k ? `${inner}${k},` : `${inner}${tsPropertyName(k)}: ${tsValue(v, inner)},`;
    return `{\n${entries.map(property).join("\n")}\n${indent}}`;
  }
  return tsLiteral(value, indent);
}
