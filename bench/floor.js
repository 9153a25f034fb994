/**
 * The floor: lowers the spec, builds the kubectl services' objects, serializes each with the `yaml`
 * library (the options foundation's toYaml uses, so the bytes are the same), and writes the files. No
 * comparison with what is on disk, no manifest, no staging: the least work that produces the same tree
 * with the yaml library. (foundation's own toYaml writes plain data directly, without the library; for
 * these objects the bytes are the same, which compare-trees.js checks.)
 *
 * Usage: node bench/floor.js --spec FILE --out DIR
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { generatedHeader } from "../dist/src/render/header.js";
import { stringify } from "yaml";
import { loadFromArgs } from "./load-spec.js";
import { FILE_NAMES, kubectlInstances } from "./manifest-layout.js";

/** The yaml library's plain rendering: what foundation's writer produces for these objects. */
const YAML_OPTIONS = { indent: 2, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, version: "1.2", defaultStringType: "PLAIN", defaultKeyType: "PLAIN" };

const { model, spec, out } = loadFromArgs(process.argv.slice(2));
const header = generatedHeader(basename(spec), "#");
let files = 0;
for (const { dir, objects } of kubectlInstances(model)) {
  const folder = join(out, dir);
  mkdirSync(folder, { recursive: true });
  for (const object of objects) {
    writeFileSync(join(folder, FILE_NAMES[object.kind]), header + stringify(object, YAML_OPTIONS));
    files++;
  }
}
process.stdout.write(`${out}/: ${files} written\n`);
