import { sep } from "node:path";
import ts from "typescript";

/** Parsed declaration files of packages and of TypeScript's own lib, by how they are read and path: they do not change during a run. */
const parsed = new Map<string, ts.SourceFile>();

/**
 * A compiler host for in-process type-checks that parses each file under `node_modules` once per test file
 * (TypeScript's lib, kubernetes-models, ...), so that several programs in a row only parse what is theirs.
 * `files` are served from memory instead of the disk (snippets to check).
 */
export function cachingCompilerHost(options: ts.CompilerOptions, files: ReadonlyMap<string, string> = new Map()): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => {
    const text = files.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, version);
    if (!name.includes(`${sep}node_modules${sep}`)) return read(name, version, ...rest);
    const key = `${typeof version === "object" ? `${version.languageVersion}/${String(version.impliedNodeFormat)}` : version} ${name}`;
    let file = parsed.get(key);
    if (!file) {
      file = read(name, version, ...rest);
      if (file) parsed.set(key, file);
    }
    return file;
  };
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || exists(name);
  return host;
}
