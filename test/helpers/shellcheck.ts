import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./compile.js";

/**
 * Runs shellcheck once over every script text (as bash, every severity down to style, `extra` arguments
 * added, e.g. `--exclude=SC2016`): its findings for each script, in order, "" for a script it finds nothing
 * in. Throws when shellcheck itself fails to run. One process for all: its start-up costs more than a script.
 */
export function shellcheckAll(shellcheck: string, scripts: readonly string[], extra: readonly string[] = []): string[] {
  const base = join(ROOT, "test", ".work");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, "shellcheck-"));
  try {
    const files = scripts.map((script, index) => {
      const file = join(dir, `${index}.sh`);
      writeFileSync(file, script);
      return file;
    });
    const result = spawnSync(shellcheck, ["--shell=bash", "--severity=style", "--format=gcc", ...extra, ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    // shellcheck exits 1 when it finds something; anything else is a failure to check.
    if (result.status !== 0 && result.status !== 1) throw new Error(`shellcheck failed (exit ${String(result.status)}): ${result.stderr || String(result.error)}`);
    const findings = scripts.map((): string[] => []);
    for (const line of result.stdout.split("\n").filter(Boolean)) {
      const found = findings[Number(/^.*\/(\d+)\.sh:/.exec(line)?.[1])];
      if (!found) throw new Error(`shellcheck printed a line for no script: ${line}`);
      found.push(line.slice(line.indexOf(".sh:") + 4));
    }
    if (result.status === 1 && findings.every((f) => f.length === 0)) throw new Error(`shellcheck exited 1 with no finding: ${result.stdout}${result.stderr}`);
    return findings.map((lines) => lines.join("\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
