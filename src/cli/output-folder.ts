import { UsageError } from "./args.js";

/** A folder option's value as a path: trailing slashes dropped; empty is a usage error, not the root folder. */
export function outputFolder(raw: string, option = "out"): string {
  if (raw === "") throw new UsageError(`--${option} needs a folder; "" names none`);
  if (raw.includes("\0")) throw new UsageError(`--${option} may not contain a NUL character`);
  return raw.replace(/\/+$/, "") || "/";
}
