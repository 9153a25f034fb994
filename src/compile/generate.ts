import { BACKENDS } from "../../backends/index.js";
import type { Backend, GeneratedFile } from "../backend.js";
import type { Model } from "../model/model.js";

/** Runs every backend over the model: the whole output tree, in memory. */
export function generate(model: Model, specName: string, backends: readonly Backend[] = BACKENDS): GeneratedFile[] {
  return backends.flatMap((backend) => backend.generate(model, { specName }));
}

/** The registered backend called `name` (`kubectl`, `pulumi-app`, `eksctl`, `pulumi-infra`); throws for an unknown name. */
export function backendNamed(name: string): Backend {
  const backend = BACKENDS.find((b) => b.name === name);
  if (!backend) throw new Error(`internal: no backend named ${name}; have ${BACKENDS.map((b) => b.name).join(", ")}`);
  return backend;
}
