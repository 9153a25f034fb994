/**
 * A TypeScript expression for a plain value: strings become properly escaped double-quoted literals
 * (JSON string syntax is valid TypeScript, and `${` inside double quotes is not interpolated), so no
 * spec value can change the program's meaning.
 */
export function tsLiteral(value: unknown, indent = ""): string {
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
    return `{\n${entries.map(([k, v]) => `${inner}${tsPropertyName(k)}: ${tsLiteral(v, inner)},`).join("\n")}\n${indent}}`;
  }
  throw new Error(`cannot write ${typeof value} as a TypeScript literal`);
}

/** A property name: bare when it is an identifier, quoted otherwise. */
export function tsPropertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}
