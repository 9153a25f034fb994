/**
 * Checks that the three programs wrote the same Kubernetes objects: the floor's manifests are
 * byte-identical to foundation's, and cdk8s's folders hold the same objects (parsed; cdk8s sorts
 * keys and names files differently).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parseAllDocuments } from "yaml";
import { MANUAL_DEPLOY_DIR } from "./manifest-layout.js";

/** Every file below `root`, relative, sorted. */
function listFiles(root, prefix = "") {
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix === "" ? e.name : `${prefix}/${e.name}`;
      return e.isDirectory() ? listFiles(root, rel) : [rel];
    })
    .sort();
}

/** The objects of each instance folder, sorted by kind. */
function objectsByFolder(root) {
  const folders = new Map();
  for (const file of listFiles(root)) {
    const folder = file.slice(0, file.lastIndexOf("/"));
    const docs = parseAllDocuments(readFileSync(join(root, file), "utf8")).map((d) => d.toJS());
    folders.set(folder, [...(folders.get(folder) ?? []), ...docs]);
  }
  for (const objects of folders.values()) objects.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return folders;
}

/**
 * Returns the problems found, none when the trees agree.
 * @param {{ foundation: string, floor: string, cdk8s: string }} outs
 * @returns {string[]}
 */
export function compareTrees(outs) {
  const problems = [];
  const ours = join(outs.foundation, MANUAL_DEPLOY_DIR);
  const floor = join(outs.floor, MANUAL_DEPLOY_DIR);
  const files = listFiles(ours);
  if (!isDeepStrictEqual(files, listFiles(floor))) problems.push("the floor wrote other files than foundation");
  else if (files.some((f) => readFileSync(join(ours, f), "utf8") !== readFileSync(join(floor, f), "utf8"))) {
    problems.push("the floor's manifests differ from foundation's");
  }
  const expected = objectsByFolder(ours);
  const cdk8s = objectsByFolder(join(outs.cdk8s, MANUAL_DEPLOY_DIR));
  if (!isDeepStrictEqual([...expected.keys()], [...cdk8s.keys()])) problems.push("cdk8s wrote other folders than foundation");
  for (const [folder, objects] of expected) {
    if (!isDeepStrictEqual(objects, cdk8s.get(folder))) {
      problems.push(`cdk8s's objects in ${folder} differ from foundation's`);
      break;
    }
  }
  return problems;
}
