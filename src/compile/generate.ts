import type { Backend, GeneratedFile } from "../backend.js";
import type { Model } from "../model/model.js";

/** Runs the given backends (the composition root passes the registered ones) over the model: the whole output tree, in memory. */
export function generate(model: Model, specName: string, backends: readonly Backend[]): GeneratedFile[] {
  return backends.flatMap((backend) => backend.generate(model, { specName }));
}

/** The backend called `name` among `backends` (`kubectl`, `pulumi-app`, `eksctl`, `pulumi-infra`); throws for an unknown name. */
export function backendNamed(backends: readonly Backend[], name: string): Backend {
  const backend = backends.find((b) => b.name === name);
  if (!backend) throw new Error(`internal: no backend named ${name}; have ${backends.map((b) => b.name).join(", ")}`);
  return backend;
}
