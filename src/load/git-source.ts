import { execFileSync } from "node:child_process";
import { dirname, relative, resolve } from "node:path";

/** The text of a file at a git revision, read through git (nothing is checked out); undefined when absent there. */
export function readAtRevision(file: string, ref: string): string | undefined {
  const absolute = resolve(file);
  const git = (args: string[]) => execFileSync("git", args, { cwd: dirname(absolute), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  let top: string;
  try {
    top = git(["rev-parse", "--show-toplevel"]).trim();
  } catch {
    throw new GitSourceError(`${file} is not inside a git repository, so --base cannot read it; use --base-spec with an earlier copy`);
  }
  try {
    git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new GitSourceError(`unknown git revision "${ref}"`);
  }
  const path = relative(top, absolute).split("\\").join("/");
  try {
    return git(["show", `${ref}:${path}`]);
  } catch {
    return undefined;
  }
}

/** A git problem the user can fix (not a repository, unknown revision). */
export class GitSourceError extends Error {}
