import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseAllDocuments, type Document } from "yaml";
import { formatPath, type SourcePosition, type SpecPath } from "../errors/spec-error.js";

/** One Kubernetes-style object read from a file: its data and the way back to a line and column. */
export interface InputObject {
  readonly file: string;
  /** Index of the YAML document in its file. */
  readonly index: number;
  readonly value: Record<string, unknown>;
  locate(path: SpecPath): SourcePosition;
}

/** A file that could not be read as objects. */
export interface InputProblem {
  readonly file: string;
  readonly position: SourcePosition;
  readonly message: string;
}

const MANIFEST = /\.(ya?ml|json)$/;

/** Every object of a YAML (or JSON) file, `List` kinds expanded, empty documents skipped. */
export function readObjects(file: string, given?: string): { objects: InputObject[]; problems: InputProblem[] } {
  let text: string;
  try {
    text = given ?? readFileSync(file, "utf8");
  } catch (e) {
    return { objects: [], problems: [{ file, position: { line: 1, col: 1 }, message: `cannot read it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  const lineCounter = new LineCounter();
  const objects: InputObject[] = [];
  const problems: InputProblem[] = [];
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const position = (offset: number): SourcePosition => lineCounter.linePos(offset);
  (Array.isArray(docs) ? docs : [docs]).forEach((doc: Document, index) => {
    const errors = [...doc.errors];
    if (errors.length > 0) {
      for (const e of errors) problems.push({ file, position: position(e.pos[0]), message: `YAML syntax error: ${e.message.split("\n")[0]}` });
      return;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) return;
    const locate = (prefix: SpecPath) => (path: SpecPath): SourcePosition => {
      for (let n = prefix.length + path.length; n >= 0; n--) {
        const node = doc.getIn([...prefix, ...path].slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === "object" && node.range) return position(node.range[0]);
      }
      return { line: 1, col: 1 };
    };
    if (typeof value !== "object" || Array.isArray(value)) {
      problems.push({ file, position: locate([])([]), message: "not a Kubernetes object (a mapping with apiVersion and kind)" });
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record["kind"] === "string" && record["kind"].endsWith("List") && Array.isArray(record["items"])) {
      (record["items"] as unknown[]).forEach((item, i) => {
        if (item && typeof item === "object") objects.push({ file, index, value: item as Record<string, unknown>, locate: locate(["items", i]) });
      });
      return;
    }
    objects.push({ file, index, value: record, locate: locate([]) });
  });
  return { objects, problems };
}

/** Every manifest file below `dir` (or `dir` itself when it is a file), in name order. */
export function manifestFiles(dir: string): string[] {
  if (!statSync(dir).isDirectory()) return [dir];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...manifestFiles(full));
    else if (MANIFEST.test(entry.name)) out.push(full);
  }
  return out;
}

/** `Kind namespace/name` of an object, for messages. */
export function describeObject(object: Record<string, unknown>): string {
  const metadata = (object["metadata"] ?? {}) as { name?: unknown; namespace?: unknown };
  const ns = typeof metadata.namespace === "string" ? `${metadata.namespace}/` : "";
  return `${String(object["kind"])} ${ns}${String(metadata.name)}`;
}

/** A field of an input that the spec cannot represent (or that the spec would write differently). */
export interface LossyField {
  readonly file: string;
  readonly position: SourcePosition;
  readonly path: SpecPath;
  readonly message: string;
}

/** `FILE:LINE:COL: PATH: MESSAGE`, like a spec error. */
export function formatLossy(field: LossyField): string {
  return `${field.file}:${field.position.line}:${field.position.col}: ${formatPath(field.path)}: ${field.message}`;
}
