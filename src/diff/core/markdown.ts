import { formatValue } from "./format-value.js";

/** Text safe inside a Markdown table cell: pipes escaped, line breaks flattened. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A field value as inline code in a table cell. */
export function code(value: unknown): string {
  return `\`${cell(formatValue(value)).replace(/`/g, "'")}\``;
}
