import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { foundationJsonSchema } from "../src/spec/json-schema.js";
import { specReferenceMarkdown } from "../src/spec/spec-reference.js";

/**
 * Regenerates what derives from the zod schema (run with `npm run schema`): the JSON schema editors use,
 * and the spec reference in the README.
 */
const root = join(import.meta.dirname, "..", "..");
writeFileSync(join(root, "schemas", "foundation.schema.json"), foundationJsonSchema());

const START = "<!-- spec-reference:start -->\n";
const END = "<!-- spec-reference:end -->";
const readmePath = join(root, "README.md");
const readme = readFileSync(readmePath, "utf8");
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start === -1 || end === -1) throw new Error(`README.md lacks the ${START.trim()} … ${END} markers`);
writeFileSync(readmePath, readme.slice(0, start + START.length) + specReferenceMarkdown() + readme.slice(end));
process.stdout.write("wrote schemas/foundation.schema.json and the README's spec reference\n");
