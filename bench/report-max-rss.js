/**
 * Preloaded (`node --import`) into a measured process when GNU time is missing: on exit, writes
 * "<peak RSS KiB> <user s> <system s>", as GNU time's "%M %U %S" would, to the file named by
 * FOUNDATION_BENCH_RSS_FILE.
 */
import { writeFileSync } from "node:fs";

const file = process.env.FOUNDATION_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}`);
  });
}
