import { z } from "zod";
import { specSchema } from "./schema.js";

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  required?: string[];
}

interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly defaultValue: string;
  readonly description: string;
}

/** A Markdown table of every spec field: path, type, whether required, default, meaning. */
export function specReferenceMarkdown(): string {
  const root = z.toJSONSchema(specSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const rows: Row[] = [];
  walk(root, "", rows);
  const escape = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines = [
    "| field | type | required | default | meaning |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| \`${r.path}\` | ${escape(r.type)} | ${r.required ? "yes" : ""} | ${escape(r.defaultValue)} | ${escape(r.description)} |`),
  ];
  return `${lines.join("\n")}\n`;
}

function walk(schema: JsonSchema, path: string, rows: Row[]): void {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (key === "$schema") continue;
    const childPath = path === "" ? key : `${path}.${key}`;
    rows.push({
      path: childPath,
      type: typeName(child),
      required: (schema.required ?? []).includes(key),
      defaultValue: child.default === undefined ? "" : `\`${JSON.stringify(child.default)}\``,
      description: child.description ?? "",
    });
    descend(child, childPath, rows);
  }
}

function descend(schema: JsonSchema, path: string, rows: Row[]): void {
  if (schema.properties) walk(schema, path, rows);
  if (typeof schema.additionalProperties === "object" && schema.additionalProperties.properties) {
    walk(schema.additionalProperties, `${path}.<name>`, rows);
  }
  if (schema.items?.properties) walk(schema.items, `${path}[]`, rows);
}

function typeName(schema: JsonSchema): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(", ");
  if (schema.anyOf) return schema.anyOf.map(typeName).join(" or ");
  if (schema.type === "array") return `list of ${schema.items ? typeName(schema.items) : "values"}`;
  if (schema.type === "object" && typeof schema.additionalProperties === "object") {
    const value = schema.additionalProperties;
    return value.properties ? "map of name to object" : `map of name to ${typeName(value)}`;
  }
  return Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
}
