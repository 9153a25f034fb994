import { it } from "vitest";
import { join } from "node:path";
import { mkdtempSync, mkdirSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname } from "node:path";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { importSpec } from "../../src/import/import-spec.js";
import { formatLossy } from "../../src/import/input-objects.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
it("debug", () => {
  const dir = mkdtempSync(join(tmpdir(), "dbg-"));
  for (const f of generate(modelOf(referenceSpecText()), "foundation.yaml", BACKENDS)) { mkdirSync(dirname(join(dir, f.path)), { recursive: true }); writeFileSync(join(dir, f.path), f.content); }
  const K = join(dir, "gitops/manual_deploy");
  const folders = readdirSync(K).flatMap((s) => readdirSync(join(K, s)).map((e) => join(K, s, e)));
  const r = importSpec([join(dir, "provisioning/manual/trantor.yaml")], folders, BACKENDS);
  console.log(r.text);
  console.log(r.lossy.map(formatLossy).join("\n"));
});
