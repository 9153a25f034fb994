import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { specWithConfigKeys } from "../../bench/parse-growth.js";
import { githubWorkflow } from "../../src/ci/github-workflow.js";
import { modelFromFile, modelFromText } from "../../src/compile/load-model.js";
import { formatError } from "../../src/errors/spec-error.js";
import { MAX_SPEC_BYTES } from "../../src/load/read-spec.js";
import { parseSource } from "../../src/load/source-document.js";
import { runBin, runCli } from "../helpers/cli.js";
import { filesOf, modelOf, ROOT } from "../helpers/compile.js";

const MINIMAL = readFileSync(join(ROOT, "test", "fixtures", "valid", "minimal.yaml"), "utf8");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "foundation-input-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the size of a spec", () => {
  it("--spec /dev/zero fails at once with a clear message, in bounded memory (the finding: it grew to 11.5 GB)", () => {
    const started = Date.now();
    const run = runBin(["validate", "--spec", "/dev/zero"], { env: { NODE_OPTIONS: "--max-old-space-size=256" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`/dev/zero:1:1: (root): the spec is larger than ${MAX_SPEC_BYTES / 1024 / 1024} MiB, the most foundation reads`);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("refuses a file one byte over the limit, and text over it from any other source", () => {
    const big = join(dir, "big.yaml");
    writeFileSync(big, `# ${"x".repeat(MAX_SPEC_BYTES - 1)}`);
    const file = modelFromFile(big);
    expect(file.ok).toBe(false);
    if (!file.ok) expect(file.errors[0]?.message).toContain("the spec is larger than");
    const text = modelFromText("git:foundation.yaml", `# ${"x".repeat(MAX_SPEC_BYTES)}`);
    expect(text.ok).toBe(false);
  });
});

describe("parsing time", () => {
  it("grows linearly with the keys of one mapping (the finding: 5k keys 0.8 s, 20k keys 10.7 s; `npm run bench` prints the whole load)", () => {
    const time = (keys: number) => {
      const text = specWithConfigKeys(ROOT, keys);
      let best = Number.POSITIVE_INFINITY;
      // CPU time, not wall-clock time: other processes on the machine do not count.
      for (let i = 0; i < 2; i++) {
        const started = process.cpuUsage();
        expect(parseSource("foundation.yaml", text).ok).toBe(true);
        const used = process.cpuUsage(started);
        best = Math.min(best, used.user + used.system);
      }
      return best;
    };
    time(500);
    const small = time(5_000);
    const large = time(20_000);
    // Linear is about 4; the library's quadratic duplicate-key check made it 13.
    expect(large / small, `${small} µs for 5,000 keys, ${large} µs for 20,000`).toBeLessThan(8);
  });
});

describe("the text of a spec", () => {
  it("reports invalid UTF-8 at its line and column instead of reading U+FFFD", () => {
    const file = join(dir, "latin1.yaml");
    const bytes = Buffer.from(MINIMAL.replace("  name: acme", "  name: acme # caf\u0000"));
    const offset = bytes.indexOf(0);
    bytes[offset] = 0xe9;
    writeFileSync(file, bytes);
    const result = modelFromFile(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map(formatError)).toEqual([`${file}:4:19: (root): the spec is not valid UTF-8 (byte 0xe9 at offset ${offset}) (fix: save the file as UTF-8)`]);
  });

  it("keeps every key's text: node group 007 stays 007, and environments 1 and \"1\" are one key, reported twice", () => {
    const model = modelOf(MINIMAL.replace("      workers:", "      007:"));
    expect(model.clusters[0]?.nodeGroups.map((g) => g.name)).toEqual(["007"]);
    const collide = modelFromText("f.yaml", MINIMAL.replace("  staging:\n    namespace", '  "1":\n    namespace').replace("  live:\n    namespace", "  1:\n    namespace"));
    expect(collide.ok).toBe(false);
    if (!collide.ok) expect(collide.errors.map(formatError)).toEqual(["f.yaml:10:3: environments.1: duplicate key: each key may appear once in a mapping"]);
  });

  it("takes constructor, toString-like and other Object member names as ordinary names (the finding: exit 3 or a dropped service)", () => {
    const text = MINIMAL.replace(/\bstaging\b/g, "constructor")
      .replace(/\balpha\b/g, "valueof")
      .replace("  api:", "  hasownproperty:")
      .replace("    port: 8080\n", "    port: 8080\n    config: { constructor: a, toString: b, __defineGetter__: c }\n");
    const files = filesOf(text);
    const configMap = parse(files.get("gitops/manual_deploy/hasownproperty/constructor/configmap.yaml")?.content ?? "") as { data: Record<string, string> };
    expect(configMap.data).toEqual({ __defineGetter__: "c", constructor: "a", toString: "b" });
    expect([...files.keys()]).toContain("provisioning/manual/valueof.yaml");
  });

  it("takes a harmless alias, even of a large block, and tells an alias to nothing from an alias bomb", () => {
    const block = Array.from({ length: 150 }, (_, i) => `K${i}: v${i}`).join(", ");
    const shared = MINIMAL.replace('        imageTag: "1.0.0"\n', `        imageTag: "1.0.0"\n        config: &config { ${block} }\n`).replace(
      '        imageTag: "0.9.0"\n',
      '        imageTag: "0.9.0"\n        config: *config\n',
    );
    const result = modelFromText("f.yaml", shared);
    expect(result.ok, result.ok ? "" : result.errors.map(formatError).join("\n")).toBe(true);
    const dangling = modelFromText("f.yaml", shared.replace("&config ", ""));
    expect(dangling.ok).toBe(false);
    if (!dangling.ok) expect(dangling.errors.map(formatError)).toEqual(["f.yaml:45:17: services.api.environments.live.config: alias *config refers to no anchor &config defined before it"]);
  });

  it("refuses __proto__ as a key anywhere, so a secret literal cannot slip past its check", () => {
    for (const [where, text] of [
      ["services.__proto__", MINIMAL.replace("  api:", "  __proto__:")],
      ["services.api.secrets.__proto__", MINIMAL.replace("    port: 8080\n", "    port: 8080\n    secrets: {__proto__: {value: hunter2}}\n")],
      ["clusters.alpha.tags.__proto__", MINIMAL.replace("    region: eu-west-1\n", "    region: eu-west-1\n    tags: {__proto__: x}\n")],
    ] as const) {
      const result = modelFromText("f.yaml", text);
      expect(result.ok, where).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => `${e.path.join(".")}: ${e.message}`)).toEqual([`${where}: "__proto__" cannot be a key in a spec`]);
    }
  });
});

describe("ci github --out", () => {
  it("is quoted in every shell line of the workflow", () => {
    const out = `o u't$(touch pwned)"\`x\``;
    const workflow = parse(githubWorkflow({ spec: "foundation.yaml", out }, "foundation.yaml")) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));
    const mentioning = runs.filter((run) => run.includes("touch pwned"));
    expect(mentioning.length).toBeGreaterThanOrEqual(3);
    for (const run of mentioning) {
      const script = `set -u\nRUNNER_TEMP=/tmp GITHUB_OUTPUT=/dev/null GITHUB_STEP_SUMMARY=/dev/null\nnpx() { :; }; kubectl() { :; }; jq() { :; }; gh() { :; }; curl() { :; }; aws() { :; }; pulumi() { :; }; tar() { :; }\ncluster=c dir=d region=r context=x\n${run.replace(/\$\{\{[^}]*\}\}/g, "x").replace(/"\$RUNNER_TEMP\/kubeconform"/g, "true")}`;
      const result = spawnSync("bash", ["-c", script], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH, TARGET: "{}" } });
      expect(result.stderr, run).not.toContain("pwned");
      expect(readFileSyncOrUndefined(join(dir, "pwned")), run).toBeUndefined();
    }
  });

  it('refuses an --out or --spec holding "${{", which GitHub would evaluate', async () => {
    const run = await runCli(["ci", "github", "--out", "${{ github.event.pull_request.title }}", "--output", join(dir, "wf.yml")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--out may not contain "${{"');
  });
});

function readFileSyncOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
