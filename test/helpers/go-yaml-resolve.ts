/**
 * What go-yaml v2 (sigs.k8s.io/yaml, behind kubectl, eksctl and Helm) resolves a plain scalar to,
 * following its resolve.go: a hint from the first character, a table of words, then Go's number
 * parsers on the text with every '_' removed. Written from the algorithm, independently of
 * src/render/yaml-plain.ts, to check it.
 */
export function goYamlResolve(plain: string): "str" | "bool" | "null" | "int" | "float" | "timestamp" | "merge" {
  if (plain === "") return "null";
  if (plain === "<<") return "merge";
  const words: Record<string, "bool" | "null" | "float"> = {};
  for (const w of ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF", "true", "True", "TRUE", "false", "False", "FALSE"]) words[w] = "bool";
  for (const w of ["~", "null", "Null", "NULL"]) words[w] = "null";
  for (const w of [".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"]) words[w] = "float";
  const first = plain[0] as string;
  const hint = "+-".includes(first) ? "S" : "0123456789".includes(first) ? "D" : "yYnNtTfFoO~".includes(first) ? "M" : first === "." ? "." : "";
  if (hint === "") return "str";
  const word = Object.hasOwn(words, plain) ? words[plain] : undefined;
  if (word !== undefined) return word;
  const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
  if (hint === ".") return yamlStyleFloat.test(plain) ? "float" : "str";
  if (hint === "M") return "str";
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[-+]\d{1,2}(:\d{2})?)?)?$/.test(plain)) return "timestamp";
  const compact = plain.replaceAll("_", "");
  // Go's strconv.ParseInt / ParseUint with base 0.
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.test(compact)) return "int";
  if (yamlStyleFloat.test(compact)) return "float";
  if (/^-?0b[01]+$/.test(compact)) return "int";
  return "str";
}
