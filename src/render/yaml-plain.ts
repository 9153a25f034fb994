import { isScalar, parseDocument } from "yaml";

/**
 * Whether a string may be written as a plain (unquoted) YAML scalar and still be read back as that
 * same string by every reader foundation's output meets: YAML 1.2 core-schema readers (the `yaml`
 * package, Pulumi) and YAML 1.1 readers (go-yaml, behind kubectl, eksctl and Helm; PyYAML). YAML 1.1
 * reads many more plain words as something else: yes/no/on/off/y/n as booleans, 0b101, 0777, 1_000
 * and 1:20 (base 60) as numbers, 2026-01-01 as a timestamp, `<<` as a merge and `=` as a value key.
 */
export function isPlainSafe(text: string): boolean {
  if (SIMPLE.test(text)) return !WORDS.has(text.toLowerCase()) && !EXPONENT.test(text);
  let known = cache.get(text);
  if (known === undefined) {
    known = check(text);
    if (cache.size > 100_000) cache.clear();
    cache.set(text, known);
  }
  return known;
}

/** Starts with a letter, `_` or `/`, and holds no character with a meaning in YAML: a string to every reader unless a keyword. */
const SIMPLE = /^[A-Za-z_/][A-Za-z0-9_./@%+=,-]*(?::[A-Za-z0-9_./@%+=,-]+)*$/;

/** Words some YAML version reads as a boolean or null, compared lower-cased (so every case variant is quoted). */
const WORDS = new Set(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]);

/** An exponent alone, such as e07: a float to the `yaml` package's YAML 1.1 schema. */
const EXPONENT = /^[eE][-+]?[0-9_]+$/;

/** Characters that every reader takes as themselves in a plain scalar. */
const PRINTABLE = /^[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/u;

/** YAML 1.1 and go-yaml numbers and timestamps, after go-yaml drops every `_`. */
const NUMBER_LIKE = [
  /^[-+]?(0b[01]+|0o?[0-7]+|0x[0-9a-f]+|[0-9]+)$/i,
  /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)(e[-+]?[0-9]+)?$/i,
  /^[-+]?([0-9]*)\.[0-9.]*(e[-+][0-9]+)?$/i,
  /^[-+]?[0-9][0-9]*(:[0-5]?[0-9])+(\.[0-9]*)?$/,
  /^[-+]?\.(inf|nan)$/i,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
];

const cache = new Map<string, boolean>();

function check(text: string): boolean {
  if (text === "" || !PRINTABLE.test(text) || text.trim() !== text) return false;
  if (WORDS.has(text.toLowerCase()) || text === "<<" || text === "=") return false;
  const compact = text.replaceAll("_", "");
  if (/^[-+.0-9]/.test(text) && NUMBER_LIKE.some((pattern) => pattern.test(compact) || pattern.test(text))) return false;
  // What the plain text means to each version's reader must be the text itself.
  for (const version of ["1.1", "1.2"] as const) {
    const doc = parseDocument(text, { version, strict: true, uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0 || doc.warnings.length > 0 || doc.contents === null || !isScalar(doc.contents) || doc.contents.value !== text) return false;
  }
  return true;
}
