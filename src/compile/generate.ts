import { BACKENDS } from "../../backends/index.js";
import type { Backend, GeneratedFile } from "../backend.js";
import type { Model } from "../model/model.js";

/** Runs every backend over the model: the whole output tree, in memory. */
export function generate(model: Model, specName: string, backends: readonly Backend[] = BACKENDS): GeneratedFile[] {
  return backends.flatMap((backend) => backend.generate(model, { specName }));
}
