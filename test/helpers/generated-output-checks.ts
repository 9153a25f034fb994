import ts from "typescript";
import { parseAllDocuments, visit, type Document } from "yaml";
import type { GeneratedFile } from "../../src/backend.js";
import { goYamlResolve } from "./go-yaml-resolve.js";

/**
 * What must hold for every generated tree, whatever the spec: the checks the fuzzing and injection
 * harnesses run. Each returns a list of problems (empty when the tree is sound).
 */

/** The documents of a YAML stream (a cluster's namespaces manifest holds several), as one version reads them. */
function documentsOf(content: string, version: "1.1" | "1.2", strict = true): Document.Parsed[] {
  const docs = parseAllDocuments(content, { version, strict, prettyErrors: false });
  return Array.isArray(docs) ? docs : [];
}

/** Every YAML file reads the same to a YAML 1.1 reader (go-yaml) as to a 1.2 reader. */
export function yamlProblems(files: readonly GeneratedFile[]): string[] {
  const problems: string[] = [];
  for (const file of files.filter((f) => /\.ya?ml$/.test(f.path))) {
    const [v11, v12] = (["1.1", "1.2"] as const).map((version) => {
      const docs = documentsOf(file.content, version);
      for (const doc of docs) for (const e of doc.errors) problems.push(`${file.path}: YAML ${version} error: ${e.message}`);
      return docs;
    }) as [Document.Parsed[], Document.Parsed[]];
    if ([...v11, ...v12].some((d) => d.errors.length > 0)) continue;
    if (JSON.stringify(v11.map((d) => d.toJS())) !== JSON.stringify(v12.map((d) => d.toJS()))) problems.push(`${file.path}: YAML 1.1 and 1.2 readers read different data`);
    for (const doc of v12) {
      visit(doc, {
        Scalar(_key, node) {
          if (node.type === "PLAIN" && typeof node.value === "string" && goYamlResolve(String(node.source)) !== "str") problems.push(`${file.path}: go-yaml reads plain ${JSON.stringify(node.source)} as ${goYamlResolve(String(node.source))}`);
        },
      });
    }
  }
  return problems;
}

/** The string values of every YAML file (keys included), as a YAML 1.1 reader sees them. */
export function yamlStrings(files: readonly GeneratedFile[]): Set<string> {
  const strings = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === "string") strings.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        strings.add(k);
        walk(v);
      }
    }
  };
  for (const file of files.filter((f) => /\.ya?ml$/.test(f.path))) for (const doc of documentsOf(file.content, "1.1", false)) walk(doc.toJS());
  return strings;
}

/** Every TypeScript file parses, and the string literals it holds (their values). */
export function typescriptCheck(files: readonly GeneratedFile[]): { problems: string[]; strings: Set<string> } {
  const problems: string[] = [];
  const strings = new Set<string>();
  for (const file of files.filter((f) => f.path.endsWith(".ts"))) {
    const source = ts.createSourceFile(file.path, file.content, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    const diagnostics = (source as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
    for (const d of diagnostics) problems.push(`${file.path}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    const walk = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) strings.add(node.text);
      ts.forEachChild(node, walk);
    };
    walk(source);
  }
  return { problems, strings };
}
