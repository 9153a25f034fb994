/**
 * A shell word for any string: wrapped in single quotes, each `'` written as `'\''`. Inside single
 * quotes bash expands nothing, so a spec value embedded this way is always exactly one argument.
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
