import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compareStrings } from "../errors/spec-error.js";
import { generatedHeader } from "./header.js";

/** One module of a Pulumi program: its file name and its TypeScript. */
export interface ProgramModule {
  readonly name: string;
  readonly text: string;
}

const read = new Map<string, readonly ProgramModule[]>();

/**
 * The modules of a Pulumi program that foundation keeps as TypeScript in the repository (a `program/` folder
 * beside the backend that emits it, type-checked by the repository's tsc and copied into dist/ by the build):
 * every `.ts` file of `folder`, by name.
 */
export function programModules(folder: URL): readonly ProgramModule[] {
  const dir = fileURLToPath(folder);
  let modules = read.get(dir);
  if (modules === undefined) {
    const names = readdirSync(dir).filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"));
    modules = names.sort(compareStrings).map((name) => ({ name, text: readFileSync(`${dir}/${name}`, "utf8") }));
    if (modules.length === 0) throw new Error(`internal: no Pulumi program in ${dir}; run npm run build`);
    read.set(dir, modules);
  }
  return modules;
}

/** A program module as a generated file's content: the generated-file notice, then the module as it is. */
export function programFileContent(module: ProgramModule, specName: string): string {
  return `${generatedHeader(specName, "//")}${module.text}`;
}
