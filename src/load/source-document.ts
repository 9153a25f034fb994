import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import type { SourcePosition, SpecError, SpecPath } from "../errors/spec-error.js";

/** The most aliases a spec may expand; more is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/** A parsed YAML spec: its plain data, and a way back from a spec path to a line and column. */
export interface SourceDocument {
  readonly file: string;
  readonly data: unknown;
  locate(path: SpecPath, atKey?: boolean): SourcePosition;
}

/** The outcome of parsing: a document, or the syntax errors that prevented one. */
export type ParseResult =
  | { readonly ok: true; readonly document: SourceDocument }
  | { readonly ok: false; readonly file: string; readonly errors: readonly { position: SourcePosition; error: SpecError }[] };

/** Parses YAML text, keeping source positions. Duplicate keys, multiple documents and alias bombs are errors. */
export function parseSource(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, version: "1.2" });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({
    position: at(e.pos[0]),
    error: { path: [], message: yamlMessage(e.code, e.message) } satisfies SpecError,
  }));
  if (syntax.length > 0) return { ok: false, file, errors: syntax };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return {
      ok: false,
      file,
      errors: [
        {
          position: at(firstAliasOffset(doc)),
          error: {
            path: [],
            message: `aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias expansions)`,
            fix: "write the values out, or use fewer nested aliases",
          },
        },
      ],
    };
  }
  return { ok: true, document: { file, data, locate: (path, atKey) => locate(doc, path, atKey ?? false, at) } };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split("\n")[0] ?? message;
  if (code === "DUPLICATE_KEY") return "duplicate key: each key may appear once in a mapping";
  if (code === "MULTIPLE_DOCS") return "a spec is one YAML document; this file has several";
  return `YAML syntax error: ${first.replace(/ at line \d+, column \d+:?$/, "")}`;
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
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
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part));
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
