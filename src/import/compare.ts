import { isDeepStrictEqual } from "node:util";
import type { SpecPath } from "../errors/spec-error.js";
import { describeObject, type InputObject, type LossyField } from "./input-objects.js";

type Value = unknown;
const isObject = (v: Value): v is Record<string, Value> => v !== null && typeof v === "object" && !Array.isArray(v);

/** What the API server adds to an object read back from a cluster (`kubectl get -o yaml`): not desired state. */
const SERVER_FIELDS = new Set(["status", "metadata.creationTimestamp", "metadata.resourceVersion", "metadata.uid", "metadata.generation", "metadata.managedFields", "metadata.selfLink"]);
const SERVER_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision"]);

/**
 * Input fields the output writes another way with the same meaning: `path` (with list indexes as `*`) of an
 * input field, and whether the generated object's parent of that field says the same.
 */
const EQUIVALENTS: readonly { kind: string; path: string; same(value: Value, generatedParent: Record<string, Value>): boolean }[] = [
  // eksctl takes one instance type as instanceType or as a list of one.
  { kind: "ClusterConfig", path: "managedNodeGroups.*.instanceType", same: (v, parent) => isDeepStrictEqual(parent["instanceTypes"], [v]) },
];

/**
 * Fields of one kind that together say one thing the spec does not choose: compile writes its own, so they
 * are listed once, naming the object, when the input's differ from it (`what` says what they are).
 */
const POLICIES: readonly { kind: string; fields: readonly string[]; what: string }[] = [
  // The disruption budget compile writes for a service that runs 2 or more replicas at minimum, one that never blocks a drain.
  { kind: "PodDisruptionBudget", fields: ["minAvailable", "maxUnavailable", "unhealthyPodEvictionPolicy"], what: "disruption budget" },
];

/** The object less what the API server set on it. */
function desiredState(object: Record<string, Value>): Record<string, Value> {
  const copy: Record<string, Value> = { ...object };
  delete copy["status"];
  if (isObject(copy["metadata"])) {
    const metadata: Record<string, Value> = { ...copy["metadata"] };
    for (const field of SERVER_FIELDS) if (field.startsWith("metadata.")) delete metadata[field.slice("metadata.".length)];
    if (isObject(metadata["annotations"])) {
      const annotations = Object.fromEntries(Object.entries(metadata["annotations"]).filter(([k]) => !SERVER_ANNOTATIONS.has(k)));
      if (Object.keys(annotations).length > 0) metadata["annotations"] = annotations;
      else delete metadata["annotations"];
    }
    copy["metadata"] = metadata;
  }
  return copy;
}

/** The key an object is matched by: kind, namespace and name. */
export function objectKey(object: Record<string, Value>): string {
  const metadata = isObject(object["metadata"]) ? object["metadata"] : {};
  const namespace = object["kind"] === "ClusterConfig" || object["kind"] === "Namespace" ? "" : String(metadata["namespace"] ?? "default");
  return `${String(object["kind"])}/${namespace}/${String(metadata["name"])}`;
}

function show(value: Value): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** An item's identity in a list: its `name`, or its `metadata` namespace and name (eksctl's iam.serviceAccounts). */
function identity(item: Value): string | undefined {
  if (!isObject(item)) return undefined;
  if (typeof item["name"] === "string") return item["name"];
  const metadata = item["metadata"];
  if (isObject(metadata) && typeof metadata["name"] === "string") return `${String(metadata["namespace"] ?? "")}/${metadata["name"]}`;
  return undefined;
}

/** Pairs the items of two lists: by identity when every item has one, else by position. */
function pairs(input: readonly Value[], generated: readonly Value[]): [number, Value | undefined][] {
  const named = (l: readonly Value[]) => l.length > 0 && l.every((v) => identity(v) !== undefined);
  if (named(input) && named(generated)) return input.map((v, i) => [i, generated.find((g) => identity(g) === identity(v))]);
  return input.map((_, i) => [i, generated[i]]);
}

/**
 * Every field of `input` that `generated` does not have, or has with another value, as a lossy field.
 * Fields only `generated` has are not losses (foundation adds them), so they are not listed.
 */
export function compareObject(source: InputObject, generated: Record<string, Value>): LossyField[] {
  const out: LossyField[] = [];
  const lose = (path: SpecPath, message: string) => out.push({ file: source.file, position: source.locate(path), path, message });
  const equivalents = EQUIVALENTS.filter((e) => e.kind === source.value["kind"]);
  const policyFields = new Set<string>();
  for (const policy of POLICIES.filter((p) => p.kind === source.value["kind"])) {
    const pick = (object: Value) => (isObject(object) && isObject(object["spec"]) ? object["spec"] : {});
    const given = Object.fromEntries(policy.fields.filter((f) => pick(source.value)[f] !== undefined).map((f) => [f, pick(source.value)[f]]));
    const written = Object.fromEntries(policy.fields.filter((f) => pick(generated)[f] !== undefined).map((f) => [f, pick(generated)[f]]));
    for (const field of policy.fields) policyFields.add(`spec.${field}`);
    if (Object.entries(given).some(([k, v]) => !isDeepStrictEqual(v, written[k]))) {
      lose([], `${describeObject(source.value)}: its ${policy.what} ${show(given)} is not the one the imported spec compiles to, ${show(written)}`);
    }
  }
  const walk = (input: Value, gen: Value, path: (string | number)[], genParent: Record<string, Value> = {}) => {
    const pattern = path.map((p) => (typeof p === "number" ? "*" : p)).join(".");
    if (policyFields.has(pattern)) return;
    if (gen === undefined && equivalents.some((e) => e.path === pattern && e.same(input, genParent))) return;
    if (isDeepStrictEqual(input, gen)) return;
    // A quantity reads the same as a number or a string (cpu: 0.5 and cpu: "0.5").
    if (path.includes("resources") && typeof input === "number" && typeof gen === "string" && String(input) === gen) return;
    const empty = (Array.isArray(input) && input.length === 0) || (isObject(input) && Object.keys(input).length === 0);
    if (gen === undefined && empty) return;
    if (gen === undefined) {
      lose(path, `${show(input)} is not represented: the spec has no field for it`);
    } else if (isObject(input) && isObject(gen)) {
      for (const [key, value] of Object.entries(input)) walk(value, gen[key], [...path, key], gen);
    } else if (Array.isArray(input) && Array.isArray(gen)) {
      for (const [i, other] of pairs(input, gen)) walk(input[i], other, [...path, i]);
    } else {
      lose(path, `${show(input)} here; the imported spec compiles to ${show(gen)}`);
    }
  };
  walk(desiredState(source.value), generated, []);
  return out;
}

/** Compares every input object with what the imported spec compiles to, matched by kind, namespace and name. */
export function compareAll(inputs: readonly InputObject[], generated: ReadonlyMap<string, Record<string, Value>>): LossyField[] {
  return inputs.flatMap((input) => {
    const counterpart = generated.get(objectKey(input.value));
    if (counterpart) return compareObject(input, counterpart);
    return [{ file: input.file, position: input.locate([]), path: [], message: `${describeObject(input.value)}: the imported spec does not create this object` }];
  });
}
