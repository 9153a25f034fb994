/** A field value as a diff line shows it: scalars bare, the rest as compact JSON, absence as `(none)`. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") return /^[\w./:@%+=,-]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return JSON.stringify(value);
}
