import { parseDocument } from "yaml";
import { modelFromText } from "../../compile/load-model.js";
import type { DeployWith, Model, Provisioner } from "../../model/model.js";

/** The spec text with one service deployed with `deployWith` (comments and everything else kept). */
export function withDeployWith(text: string, service: string, deployWith: DeployWith): string {
  const doc = parseDocument(text);
  if (doc.getIn(["services", service, "deployWith"]) === deployWith) return text;
  doc.setIn(["services", service, "deployWith"], deployWith);
  return doc.toString();
}

/**
 * The spec text with one cluster provisioned with `provisioner`: a pulumi cluster needs a stack (the
 * cluster's name when it had none), an eksctl cluster has none.
 */
export function withProvisioner(text: string, cluster: string, provisioner: Provisioner): string {
  const doc = parseDocument(text);
  if (doc.getIn(["clusters", cluster, "provisioner"]) === provisioner) return text;
  doc.setIn(["clusters", cluster, "provisioner"], provisioner);
  if (provisioner === "eksctl") doc.deleteIn(["clusters", cluster, "stack"]);
  else if (doc.getIn(["clusters", cluster, "stack"]) === undefined) doc.setIn(["clusters", cluster, "stack"], cluster);
  return doc.toString();
}

/** The model of a flipped spec, or why it does not validate with the other backend. */
export type FlippedModel = { readonly ok: true; readonly model: Model } | { readonly ok: false; readonly message: string };

/** Validates and lowers a flipped spec; `setting` names the flip in the message (`deployWith: pulumi`). */
export function flippedModel(file: string, flippedText: string, setting: string): FlippedModel {
  const result = modelFromText(file, flippedText);
  if (result.ok) return { ok: true, model: result.model };
  return { ok: false, message: `with ${setting} the spec does not validate: ${result.errors.map((e) => `${e.path.join(".")}: ${e.message}`).join("; ")}` };
}
