import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar } from "yaml";
import type { SourcePosition, SpecError, SpecPath } from "../errors/spec-error.js";
import { MAX_SPEC_BYTES, tooLarge } from "./read-spec.js";

/** The most nodes that aliases may expand to in one spec; more is treated as an alias bomb. */
export const MAX_ALIAS_NODES = 50_000;

/** The deepest nesting of mappings and lists a spec may have. */
export const MAX_DEPTH = 64;

/** A parsed YAML spec: its plain data, and a way back from a spec path to a line and column. */
export interface SourceDocument {
  readonly file: string;
  /** Mappings are objects without a prototype, keyed by the text of each key as written. */
  readonly data: unknown;
  locate(path: SpecPath, atKey?: boolean): SourcePosition;
}

/** The outcome of parsing: a document, or the syntax errors that prevented one. */
export type ParseResult =
  | { readonly ok: true; readonly document: SourceDocument }
  | { readonly ok: false; readonly file: string; readonly errors: readonly { position: SourcePosition; error: SpecError }[] };

type Problem = { position: SourcePosition; error: SpecError };

/**
 * Parses YAML text, keeping source positions. Duplicate keys, multiple documents, keys that are not
 * plain names, aliases to nothing and alias bombs are errors. A key keeps its text (`007` stays
 * "007"; `1` and `"1"` are the same key, so a duplicate), and `__proto__` is refused, so the data can
 * never be confused with an object's prototype. Time and memory grow linearly with the text.
 */
export function parseSource(file: string, text: string): ParseResult {
  if (text.length > MAX_SPEC_BYTES || Buffer.byteLength(text) > MAX_SPEC_BYTES) {
    const { position, message, fix } = tooLarge(file);
    return { ok: false, file, errors: [{ position, error: { path: [], message, ...(fix ? { fix } : {}) } }] };
  }
  const lineCounter = new LineCounter();
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  let doc: Document;
  try {
    // Duplicate keys are found below in linear time (the library's own check compares every pair).
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, version: "1.2" });
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, file, errors: [{ position: { line: 1, col: 1 }, error: { path: [], message: "the spec nests too deeply to read" } }] };
    throw e;
  }
  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({
    position: at(e.pos[0]),
    error: { path: [], message: yamlMessage(e.code, e.message) } satisfies SpecError,
  }));
  if (syntax.length > 0) return { ok: false, file, errors: syntax };
  const built = new DataBuilder(at).build(doc.contents as Node | null);
  if (built.problems.length > 0) return { ok: false, file, errors: built.problems };
  return { ok: true, document: { file, data: built.data, locate: (path, atKey) => locate(doc, path, atKey ?? false, at) } };
}

/** The text of a key as the spec says it: the source of a plain scalar, the value of a quoted one. */
export function keyText(key: Scalar): string {
  if (key.type === "PLAIN" || key.type === undefined) return typeof key.source === "string" ? key.source : String(key.value);
  return String(key.value);
}

/** Turns the YAML tree into plain data, collecting every problem with its position. */
class DataBuilder {
  readonly problems: Problem[] = [];
  private readonly anchors = new Map<string, Node>();
  private readonly building = new Set<Node>();
  private readonly sizes = new Map<Node, number>();
  private expanded = 0;
  /** Inside an alias's expansion, whose size (nested aliases included) was already counted. */
  private inAlias = 0;
  private bombReported = false;

  constructor(private readonly at: (offset: number) => SourcePosition) {}

  build(root: Node | null): { data: unknown; problems: Problem[] } {
    const data = root === null ? null : this.value(root, 0, []);
    return { data, problems: this.problems };
  }

  private problem(node: Node | null | undefined, path: SpecPath, message: string, fix?: string): void {
    this.problems.push({ position: this.at(node?.range?.[0] ?? 0), error: { path, message, ...(fix ? { fix } : {}) } });
  }

  private value(node: Node, depth: number, path: SpecPath): unknown {
    if (depth > MAX_DEPTH) {
      this.problem(node, path, `mappings and lists nest more than ${MAX_DEPTH} deep`);
      return null;
    }
    if (isAlias(node)) return this.alias(node, depth, path);
    if (node.anchor) this.anchors.set(node.anchor, node);
    if (isScalar(node)) return node.value;
    this.building.add(node);
    try {
      if (isSeq(node)) return node.items.map((item, i) => (item === null ? null : this.value(item as Node, depth + 1, [...path, i])));
      if (isMap(node)) return this.map(node.items, depth, path);
    } finally {
      this.building.delete(node);
    }
    this.problem(node, path, "unsupported YAML node");
    return null;
  }

  private map(pairs: readonly unknown[], depth: number, path: SpecPath): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const seen = new Set<string>();
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const keyNode = (isAlias(pair.key) ? this.target(pair.key, path) : pair.key) as Node | null;
      const at = (pair.key ?? pair.value) as Node | null;
      if (keyNode !== null && keyNode !== undefined && keyNode.anchor) this.anchors.set(keyNode.anchor, keyNode);
      if (keyNode === undefined) continue;
      if (keyNode === null || !isScalar(keyNode) || keyNode.value === null) {
        this.problem(at, path, keyNode === null || (isScalar(keyNode) && keyNode.value === null) ? "a key is missing here" : "a key must be a name, not a mapping or a list");
        continue;
      }
      const key = keyText(keyNode);
      if (key === "__proto__") {
        this.problem(at, [...path, key], `"__proto__" cannot be a key in a spec`, "choose another name");
        continue;
      }
      if (seen.has(key)) {
        this.problem(at, [...path, key], "duplicate key: each key may appear once in a mapping");
        continue;
      }
      seen.add(key);
      out[key] = pair.value === null ? null : this.value(pair.value as Node, depth + 1, [...path, key]);
    }
    return out;
  }

  /** The node an alias names: the last anchor of that name before it. Undefined (reported) when there is none. */
  private target(alias: Node & { source: string }, path: SpecPath): Node | undefined {
    const found = this.anchors.get(alias.source);
    if (found === undefined) this.problem(alias, path, `alias *${alias.source} refers to no anchor &${alias.source} defined before it`);
    return found;
  }

  private alias(alias: Node & { source: string }, depth: number, path: SpecPath): unknown {
    const found = this.target(alias, path);
    if (found === undefined) return null;
    if (this.building.has(found)) {
      this.problem(alias, path, `alias *${alias.source} refers to the mapping or list that contains it`);
      return null;
    }
    if (this.inAlias === 0) this.expanded += this.size(found);
    if (this.expanded > MAX_ALIAS_NODES) {
      if (!this.bombReported) {
        this.problem(alias, path, `aliases expand to too much data (more than ${MAX_ALIAS_NODES} values)`, "write the values out, or use fewer nested aliases");
        this.bombReported = true;
      }
      return null;
    }
    this.inAlias++;
    try {
      return this.value(found, depth, path);
    } finally {
      this.inAlias--;
    }
  }

  /** How many values a node expands to, its aliases expanded (memoised: linear in the document). */
  private size(node: Node): number {
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    this.sizes.set(node, Number.POSITIVE_INFINITY);
    let size = 1;
    if (isAlias(node)) {
      const found = this.anchors.get(node.source);
      size = found === undefined ? 1 : this.size(found);
    } else if (isSeq(node)) {
      for (const item of node.items) size += item === null ? 1 : this.size(item as Node);
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair)) size += 1 + (pair.value === null ? 0 : this.size(pair.value as Node));
      }
    }
    size = Math.min(size, Number.MAX_SAFE_INTEGER);
    this.sizes.set(node, size);
    return size;
  }
}

function yamlMessage(code: string, message: string): string {
  const first = message.split("\n")[0] ?? message;
  if (code === "DUPLICATE_KEY") return "duplicate key: each key may appear once in a mapping";
  if (code === "MULTIPLE_DOCS") return "a spec is one YAML document; this file has several";
  return `YAML syntax error: ${first.replace(/ at line \d+, column \d+:?$/, "")}`;
}

function locate(doc: Document, path: SpecPath, atKey: boolean, at: (offset: number) => SourcePosition): SourcePosition {
  let node: unknown = doc.contents;
  let keyOffset: number | undefined;
  let valueOffset: number | undefined = (doc.contents as Node | null)?.range?.[0];
  for (const part of path) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    let nextKeyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && keyText(item.key) === String(part));
      if (pair) {
        next = pair.value;
        nextKeyOffset = (pair.key as Node).range?.[0];
      }
    } else if (isSeq(node) && typeof part === "number") {
      next = node.items[part];
      nextKeyOffset = (next as Node | undefined)?.range?.[0];
    }
    if (next === undefined && nextKeyOffset === undefined) {
      return at(keyOffset ?? valueOffset ?? 0);
    }
    node = next;
    keyOffset = nextKeyOffset;
    valueOffset = (next as Node | null)?.range?.[0] ?? nextKeyOffset;
  }
  return at((atKey ? keyOffset : valueOffset) ?? keyOffset ?? 0);
}
