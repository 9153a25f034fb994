import { parseDocument } from "yaml";

/** A change to a spec: set a value at a path, or delete the path (value undefined). */
export type SpecEdit = readonly [path: readonly (string | number)[], value: unknown];

/** Applies edits to spec text, keeping the rest of the document (comments included) as it was. */
export function editSpec(text: string, edits: readonly SpecEdit[]): string {
  const doc = parseDocument(text);
  for (const [path, value] of edits) {
    if (value === undefined) doc.deleteIn(path);
    else doc.setIn(path, doc.createNode(value));
  }
  return doc.toString();
}
