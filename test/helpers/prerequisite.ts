import { execFileSync } from "node:child_process";

/**
 * Whether a prerequisite of a test is present. When it is not, the test skips with a message saying
 * why, except in CI (`CI` set), where every test must run and a missing prerequisite fails.
 */
export function prerequisite(present: boolean, why: string): boolean {
  if (present) return true;
  if (process.env["CI"]) throw new Error(`${why}; CI must run these tests (.ci/run installs what they need)`);
  console.warn(`skipping: ${why}`);
  return false;
}

/** Where a command is on PATH, if it is. */
export function toolPath(tool: string): string | undefined {
  try {
    return execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}
