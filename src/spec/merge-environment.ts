import type { SpecPath } from "../errors/spec-error.js";

/** The service fields an environment block can override (everything but cluster, deployWith, environments). */
export const OVERRIDABLE_FIELDS = [
  "image",
  "imageTag",
  "replicas",
  "port",
  "healthCheck",
  "resources",
  "config",
  "secrets",
  "serviceAccount",
  "ingress",
  "autoscaling",
  "scheduling",
  "podSecurity",
] as const;

/**
 * A service's fields as one environment sees them: the environment block merged over the service,
 * objects key by key, lists and scalars replaced (the contract's merge rule). Both sides are the spec
 * as written, before defaults: defaults apply once, to the merged result, so a default can never
 * override a value the service set.
 */
export function mergeEnvironment(service: Readonly<Record<string, unknown>>, override: unknown): Record<string, unknown> {
  const base: Record<string, unknown> = {};
  for (const field of OVERRIDABLE_FIELDS) {
    if (service[field] !== undefined) base[field] = service[field];
  }
  return mergeDeep(base, override ?? {}) as Record<string, unknown>;
}

function mergeDeep(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (isPlainObject(base) && isPlainObject(override)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) merged[key] = mergeDeep(base[key], value);
    return merged;
  }
  return override;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Where a merged field came from: the environment block when it sets (part of) the field,
 * the service otherwise. Errors found on merged values are reported there.
 */
export function originOf(
  serviceName: string,
  environmentName: string,
  override: unknown,
  field: SpecPath,
): SpecPath {
  let node: unknown = override;
  for (const part of field) {
    if (!isPlainObject(node) || !(String(part) in node)) {
      return node === override ? ["services", serviceName, ...field] : ["services", serviceName, "environments", environmentName, ...field];
    }
    node = node[String(part)];
  }
  return ["services", serviceName, "environments", environmentName, ...field];
}
