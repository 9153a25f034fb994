import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { githubWorkflow, SECRETS } from "../ci/github-workflow.js";
import { starterSpec } from "../init/starter-spec.js";
import { offeredEksVersions, validationDay } from "../model/eks-versions.js";
import type { Io } from "./report.js";

/** foundation's own version: from the nearest package.json above this module that is foundation's. */
function ownVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "foundation" && pkg.version) return pkg.version;
  }
  return "VERSION";
}

/** Where editors find the spec's JSON schema once foundation is installed in the repository. */
const SCHEMA_PATH = "./node_modules/foundation/schemas/foundation.schema.json";
const WORKFLOW = ".github/workflows/foundation.yml";

/** The files of a new repository, relative to its root. */
export function initFiles(): readonly { readonly path: string; readonly content: string }[] {
  return [
    { path: "foundation.yaml", content: starterSpec(SCHEMA_PATH, offeredEksVersions(validationDay()).at(-1) ?? "1.35") },
    { path: ".gitignore", content: "node_modules/\n" },
    { path: WORKFLOW, content: githubWorkflow({ spec: "foundation.yaml", out: "out", workflow: WORKFLOW }, "foundation.yaml") },
  ];
}

/** `foundation init`: writes the starter files into `dir`, or nothing at all when one of them exists. */
export function initCommand(dir: string, io: Io): number {
  const files = initFiles().map((f) => ({ ...f, full: join(dir, f.path) }));
  const existing = files.filter((f) => existsSync(f.full));
  if (existing.length > 0) {
    for (const f of existing) io.err(`foundation init: ${f.full} exists; init writes nothing over existing files`);
    io.err("Move those files aside, or pass --dir for a new folder.");
    return 1;
  }
  for (const f of files) {
    mkdirSync(dirname(f.full), { recursive: true });
    writeFileSync(f.full, f.content, { flag: "wx" });
    io.out(`wrote ${f.full}`);
  }
  const cd = dir === "." ? "" : `cd ${dir} && `;
  io.out(`
Next steps:
  1. ${cd}npm init -y && npm install --save-dev PATH/foundation-${ownVersion()}.tgz
     (the package \`npm pack\` makes in foundation's repository; the CI workflow runs \`npm ci\` and
     \`npx foundation\`, so foundation must be in package.json: skip this if it already is)
  2. Edit foundation.yaml: your clusters, environments and services; \`npx foundation validate\` checks it.
  3. npx foundation compile
     writes out/; commit foundation.yaml, out/ and ${WORKFLOW} together.
  4. In the repository's GitHub settings, set the secrets the workflow reads: ${SECRETS.previewRole} (a
     read-only role pull requests assume through OIDC), ${SECRETS.deployRole} (the role merges deploy
     with), and ${SECRETS.pulumiToken} once a cluster or service uses Pulumi (see foundation's README).
  Already running eksctl clusters and kubectl YAML? \`npx foundation import --eksctl FILE --manifests DIR\`
  writes a spec from them.`);
  return 0;
}
