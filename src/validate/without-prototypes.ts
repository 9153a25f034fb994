/**
 * A deep copy of parsed data whose mappings have no prototype, so a spec name such as `constructor`
 * or `toString` looked up in them finds only what the spec declares, never an inherited member.
 */
export function withoutPrototypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutPrototypes(item)) as T;
  if (typeof value !== "object" || value === null) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) copy[key] = withoutPrototypes(item);
  return copy as T;
}
