#!/usr/bin/env node
const argv = process.argv.slice(2);
// A recompile with nothing to do is answered before the CLI and its commands load.
const noOp = argv[0] === "compile" ? (await import("../dist/src/cli/no-op-compile.js")).noOpCompile(argv) : undefined;
if (noOp !== undefined) process.exitCode = noOp;
else {
  const { foundation } = await import("../dist/app/foundation.js");
  process.exitCode = await foundation(argv);
}
