import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/compile.js";

interface Import {
  readonly from: string;
  readonly to: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (entry.name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

/** Every import and re-export of the project's own files, and of Node built-ins, as project-relative paths. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const out: Import[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\("([^"]+)"\)/g)) {
    const spec = match[1] ?? match[2] ?? "";
    if (spec.startsWith(".")) {
      out.push({ from: file, to: relative(ROOT, resolve(dirname(join(ROOT, file)), spec)).replace(/\.js$/, ".ts") });
    } else {
      out.push({ from: file, to: spec });
    }
  }
  return out;
}

const all = [...sourceFiles("app"), ...sourceFiles("src"), ...sourceFiles("backends")].flatMap(importsOf);
const backendOf = (path: string) => /^backends\/([^/]+)\//.exec(path)?.[1];

describe("dependency direction", () => {
  it("backends import only the model, the shared builders, the renderers and their own files", () => {
    const allowed = [/^src\/backend\.ts$/, /^src\/model\//, /^src\/plan\//, /^src\/k8s\//, /^src\/render\//, /^src\/spec\/cidr\.ts$/, /^src\/errors\/spec-error\.ts$/];
    const bad = all.filter(
      (i) =>
        i.from.startsWith("backends/") &&
        i.from !== "backends/index.ts" &&
        (i.to.startsWith("src/") || i.to.startsWith("backends/")) &&
        !allowed.some((re) => re.test(i.to)) &&
        backendOf(i.to) !== backendOf(i.from),
    );
    expect(bad).toEqual([]);
  });

  it("backends never write files (their Pulumi programs, which run under `pulumi up`, read their stack's data file)", () => {
    const bad = all.filter((i) => i.from.startsWith("backends/") && !/^backends\/[^/]+\/program\//.test(i.from) && /^(node:)?fs(\/promises)?$/.test(i.to));
    expect(bad).toEqual([]);
  });

  it("nothing under src/ imports a backend: the composition root (app/) passes the registered ones in", () => {
    expect(all.filter((i) => i.from.startsWith("src/") && i.to.startsWith("backends/"))).toEqual([]);
    expect(all.filter((i) => i.from.startsWith("app/") && i.to.startsWith("backends/")).map((i) => i.to)).toEqual(["backends/index.ts"]);
    expect(all.filter((i) => i.to.startsWith("app/"))).toEqual([]);
  });

  it("diff is two features over a shared core: revisions and between never import each other, the core neither", () => {
    const feature = (path: string) => /^src\/diff\/([^/]+)\//.exec(path)?.[1];
    const crossing = all.filter((i) => {
      const from = feature(i.from);
      const to = feature(i.to);
      return from !== undefined && to !== undefined && from !== to && to !== "core";
    });
    expect(crossing).toEqual([]);
    expect(sourceFiles("src/diff").filter((f) => !/^src\/diff\/(core|revisions|between)\//.test(f))).toEqual([]);
    expect(all.filter((i) => i.from.startsWith("src/diff/") && /^src\/cli\//.test(i.to))).toEqual([]);
  });

  it("the model, builders and renderers do not reach back into loading, validation, writing or the CLI", () => {
    const lower = /^src\/(model|k8s|render|plan)\//;
    const upper = /^src\/(load|validate|lower|write|cli|compile)\//;
    expect(all.filter((i) => lower.test(i.from) && upper.test(i.to))).toEqual([]);
  });

  it("finds the imports it checks (the scan itself works)", () => {
    expect(all).toContainEqual({ from: "backends/kubectl/index.ts", to: "src/k8s/objects.ts" });
    expect(all).toContainEqual({ from: "app/foundation.ts", to: "backends/index.ts" });
    expect(all).toContainEqual({ from: "src/diff/between/between-result.ts", to: "src/diff/core/field-diff.ts" });
  });
});
