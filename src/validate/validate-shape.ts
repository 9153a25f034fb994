import type { z } from "zod";
import type { SpecError, SpecPath } from "../errors/spec-error.js";
import { misplacedKeyMessage } from "./misplaced-keys.js";
import { suggest } from "./suggest.js";
import { withoutPrototypes } from "./without-prototypes.js";

type Issue = z.core.$ZodIssue;

/** The outcome of checking data against a zod schema: the parsed value, or every problem as a spec error. */
export type ShapeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly SpecError[] };

/** Parses `data` with `schema`; every issue becomes a spec error under `prefix`. */
export function validateShape<T>(schema: z.ZodType<T>, data: unknown, prefix: SpecPath = []): ShapeResult<T> {
  const allowedKeys: string[][] = [];
  const result = schema.safeParse(data, {
    reportInput: true,
    error: (issue) => {
      if (issue.code === "unrecognized_keys") {
        const shape = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
        allowedKeys.push(shape ? Object.keys(shape) : []);
      }
      return undefined;
    },
  });
  if (result.success) return { ok: true, value: withoutPrototypes(result.data) };
  const errors: SpecError[] = [];
  let unknownIndex = 0;
  for (const issue of result.error.issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeys[unknownIndex++] ?? [];
      for (const key of issue.keys) errors.push(unknownKey(path, key, allowed));
    } else {
      errors.push(...fromIssue(issue, path));
    }
  }
  return { ok: false, errors };
}

function unknownKey(path: SpecPath, key: string, allowed: readonly string[]): SpecError {
  const misplaced = misplacedKeyMessage(path, key);
  if (misplaced) return { path: [...path, key], message: misplaced, atKey: true };
  const guess = suggest(key, allowed);
  const known = allowed.filter((k) => k !== "$schema").join(", ");
  return {
    path: [...path, key],
    message: `unknown key "${key}"`,
    fix: guess ? `did you mean "${guess}"?` : known ? `known keys here: ${known}` : undefined,
    atKey: true,
  };
}

function fromIssue(issue: Issue, path: SpecPath): SpecError[] {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) {
        return [{ path, message: `"${String(path[path.length - 1])}" is required` }];
      }
      if (issue.message.startsWith("Invalid input")) {
        return [{ path, message: `expected ${article(issue.expected)}, got ${describe(issue.input)}` }];
      }
      return [{ path, message: issue.message }];
    case "invalid_key":
      return [{ path, message: `${issue.issues[0]?.message ?? "invalid name"}`, atKey: true }];
    case "invalid_element":
      return issue.issues.flatMap((inner) => fromIssue(inner, [...path, ...(inner.path as (string | number)[])]));
    case "invalid_union":
      return [{ path, message: issue.message === "Invalid input" ? "invalid value" : issue.message }];
    default:
      return [{ path, message: issue.message }];
  }
}

function article(type: string): string {
  if (type === "object") return "a mapping";
  if (type === "array") return "a list";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}
