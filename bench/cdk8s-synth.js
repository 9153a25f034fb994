/**
 * cdk8s on the same work: lowers the spec, builds the kubectl services' objects with the shared
 * builder, and has cdk8s synthesize them: per service and environment an `App` (outdir = the
 * instance's folder, one file per resource) holding one `Chart` with an `ApiObject` per object,
 * written by `App.synth()`. Same folders and number of files as the kubectl backend; cdk8s names
 * the files `<Kind>.<name>.yaml` and sorts keys.
 *
 * Usage: node bench/cdk8s-synth.js --spec FILE --out DIR
 */
import { join } from "node:path";
import cdk8s from "cdk8s";
import { loadFromArgs } from "./load-spec.js";
import { kubectlInstances } from "./manifest-layout.js";

const { App, ApiObject, Chart, YamlOutputType } = cdk8s;

const { model, out } = loadFromArgs(process.argv.slice(2));
let files = 0;
for (const { dir, objects } of kubectlInstances(model)) {
  const app = new App({ outdir: join(out, dir), outputFileExtension: ".yaml", yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
  const chart = new Chart(app, "manifests", { disableResourceNameHashes: true });
  for (const object of objects) {
    new ApiObject(chart, object.kind, object);
    files++;
  }
  app.synth();
}
process.stdout.write(`${out}/: ${files} written\n`);
