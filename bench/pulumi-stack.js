/**
 * The benchmark's "one application stack under mocks" variant: what `pulumi up` of one stack of the
 * generated application project does before it talks to a cloud. The project is written to a temporary
 * folder once (untimed); each timed run is one process of foundation's mock runner child
 * (`dist/src/pulumi/mock-child.js`), which loads `index.ts` through Pulumi's own ts-node with type-checking on,
 * as `pulumi up` does, and runs the stack under Pulumi's mocks.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { PULUMI_DEPLOY_DIR } from "../dist/src/model/output-layout.js";
import { RESULT_MARKER } from "../dist/src/pulumi/mock-protocol.js";
import { MockProject } from "../dist/src/pulumi/run-under-mocks.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHILD = join(ROOT, "dist", "src", "pulumi", "mock-child.js");

function filesUnder(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [{ path: `${PULUMI_DEPLOY_DIR}/${relative(base, full)}`, content: readFileSync(full, "utf8") }];
  });
}

/**
 * The application project compiled into `outDir`, ready to time one of its stacks: the first stack (by
 * name) of a service on an eksctl cluster, so that it reads no provisioning stack. The project is copied
 * into a new folder under `tmpDir`.
 * @returns {{ stack: string, input: string, args: string[], check(stdout: string): void, dispose(): void }}
 */
export function prepareStackRun(outDir, tmpDir) {
  const dir = join(outDir, PULUMI_DEPLOY_DIR);
  const stacks = readdirSync(join(dir, "stacks")).sort();
  const stack = stacks.map((f) => f.replace(/\.ts$/, "")).find((name) => readFileSync(join(dir, "stacks", `${name}.ts`), "utf8").includes('provisioner: "eksctl"'));
  if (stack === undefined) throw new Error(`no stack of ${dir} is on an eksctl cluster`);
  // The copy goes to the bench's scratch folder, not to the disk's temp folder.
  const tmp = process.env.TMPDIR;
  process.env.TMPDIR = tmpDir;
  let project;
  try {
    project = MockProject.create(filesUnder(dir), PULUMI_DEPLOY_DIR, ROOT);
  } finally {
    if (tmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmp;
  }
  const input = JSON.stringify({ modules: project.packages, typeCheck: true, runs: [project.request(stack, {})] });
  return {
    stack,
    stacks: stacks.length,
    input,
    args: [CHILD],
    check(stdout) {
      const at = stdout.lastIndexOf(RESULT_MARKER);
      const result = at === -1 ? undefined : JSON.parse(stdout.slice(at + RESULT_MARKER.length));
      const run = result?.ok ? result.runs[0] : undefined;
      if (!run?.ok || !run.run.resources.some((r) => r.type === "kubernetes:apps/v1:Deployment")) {
        throw new Error(`stack ${stack} did not run under mocks: ${JSON.stringify(run ?? result ?? stdout.slice(-500))}`);
      }
    },
    dispose: () => project.dispose(),
  };
}
