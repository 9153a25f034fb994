/** One field that differs between two versions of an object. */
export interface FieldChange {
  /** Dotted path; list items that carry a `name` are addressed by it: `containers[dusk].image`. */
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

type Json = unknown;

/** Every leaf that differs between two JSON values, in a stable order. */
export function diffFields(before: Json, after: Json, path = ""): FieldChange[] {
  if (isEqual(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffFields(before[key], after[key], join(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const named = (items: Json[]) => items.every((i) => isObject(i) && typeof i.name === "string");
    if (named(before) && named(after) && before.length + after.length > 0) {
      const byName = (items: Json[]) => new Map(items.map((i) => [(i as { name: string }).name, i]));
      const a = byName(before);
      const b = byName(after);
      const names = [...new Set([...a.keys(), ...b.keys()])];
      return names.flatMap((name) => diffFields(a.get(name), b.get(name), `${path}[${name}]`));
    }
    if (before.every(isScalar) && after.every(isScalar)) return [change(path, before, after)];
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffFields(before[i], after[i], `${path}[${i}]`)).flat();
  }
  return [change(path, before, after)];
}

function change(field: string, before: Json, after: Json): FieldChange {
  return { field: field === "" ? "(whole)" : field, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}

function join(path: string, key: string): string {
  const part = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return path === "" ? part : part.startsWith('"') ? `${path}[${part}]` : `${path}.${part}`;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScalar(value: Json): boolean {
  return value === null || typeof value !== "object";
}

/** Deep equality of JSON values (key order ignored). */
export function isEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => isEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && isEqual(a[k], b[k]));
  }
  return false;
}
