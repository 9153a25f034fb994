// Part of `npm run build`: copies the Pulumi programs foundation emits verbatim (backends/*/program/, kept
// as TypeScript and type-checked by tsconfig.json) into dist/, where the compiled backends read them.
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
for (const backend of readdirSync(join(root, "backends"), { withFileTypes: true })) {
  if (!backend.isDirectory()) continue;
  const from = join(root, "backends", backend.name, "program");
  const to = join(root, "dist", "backends", backend.name, "program");
  let names;
  try {
    names = readdirSync(from);
  } catch {
    continue;
  }
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(to, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".ts"))) rmSync(join(to, name.name));
  for (const name of names.filter((n) => n.endsWith(".ts") || n === "package.json")) cpSync(join(from, name), join(to, name));
}
