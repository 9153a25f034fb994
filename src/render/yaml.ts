import { stringify } from "yaml";

/**
 * Serializes data as YAML the same way every time: two-space indent, no line folding, no anchors,
 * keys in insertion order (the model and builders insert in a fixed order).
 */
export function toYaml(value: unknown): string {
  return stringify(value, {
    indent: 2,
    lineWidth: 0,
    minContentWidth: 0,
    aliasDuplicateObjects: false,
    version: "1.2",
    defaultStringType: "PLAIN",
    defaultKeyType: "PLAIN",
  });
}
