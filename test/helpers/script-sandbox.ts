import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { GeneratedFile } from "../../src/backend.js";

/** What a script run in a sandbox did: its exit status and output, and the calls its stubbed tools recorded. */
export interface SandboxRun<Call> {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: Call[];
}

/**
 * A sandbox to run generated scripts in: stub tools first on PATH, then links to only the system commands
 * the scripts may use, and nothing else of the machine's. The stubs run `stubSource` (Node.js), which
 * records each call as one JSON line in `$STUB_LOG` and keeps what it plays under `$STUB_STATE`.
 */
export class ScriptSandbox<Call> {
  readonly root: string;
  readonly stubs: string;
  readonly system: string;
  readonly state: string;
  readonly tmp: string;
  readonly log: string;

  /** `bash` is the shell that finds the system commands (and that the scripts' shebangs name). */
  constructor(prefix: string, stubSource: string, systemTools: readonly string[], bash = "bash") {
    this.root = mkdtempSync(join(tmpdir(), prefix));
    this.stubs = join(this.root, "stubs");
    this.system = join(this.root, "system");
    this.state = join(this.root, "state");
    this.tmp = join(this.root, "tmp");
    this.log = join(this.root, "calls.jsonl");
    for (const dir of [this.stubs, this.system, this.state, this.tmp]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(this.root, "stub.cjs"), stubSource);
    for (const tool of systemTools) {
      const found = spawnSync(bash, ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
      if (!found) throw new Error(`${tool} not found`);
      symlinkSync(realpathSync(found), join(this.system, tool));
    }
  }

  /** A stub of `tool` in `dir` (the stubs folder by default) that runs the stub source. */
  addStub(tool: string, dir = this.stubs): void {
    const file = join(dir, tool);
    writeFileSync(file, `#!${process.execPath}\nrequire(${JSON.stringify(join(this.root, "stub.cjs"))});\n`);
    chmodSync(file, 0o755);
  }

  /** Writes generated files under `dir` (relative to the sandbox), scripts executable; returns its absolute path. */
  write(files: Iterable<GeneratedFile>, dir: string): string {
    const base = join(this.root, dir);
    for (const file of files) {
      const path = join(base, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      chmodSync(path, file.executable ? 0o755 : 0o644);
    }
    return base;
  }

  /**
   * Runs a script directly (shebang and executable bit; a relative path is taken from the sandbox's root, where
   * it runs), with only the stubs in `stubs` and the system commands on PATH.
   */
  run(script: string, args: readonly string[] = [], env: Record<string, string> = {}, stubs = this.stubs): SandboxRun<Call> {
    const before = existsSync(this.log) ? readFileSync(this.log, "utf8").length : 0;
    const result = spawnSync(resolve(this.root, script), [...args], {
      encoding: "utf8",
      cwd: this.root,
      env: { PATH: `${stubs}:${this.system}`, HOME: this.root, TMPDIR: this.tmp, STUB_LOG: this.log, STUB_STATE: this.state, ...env },
    });
    const log = existsSync(this.log) ? readFileSync(this.log, "utf8").slice(before) : "";
    const calls = log.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Call);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
