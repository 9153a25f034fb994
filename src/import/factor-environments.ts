import { isDeepStrictEqual } from "node:util";

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => v !== null && typeof v === "object" && !Array.isArray(v);

/** Fields kept in every environment block, as the reference spec does, even when all environments agree. */
const ALWAYS_PER_ENVIRONMENT = new Set(["imageTag", "replicas"]);
/** Fields the service itself must have (environment blocks may override them). */
const REQUIRED_AT_SERVICE = new Set(["image", "port"]);

/** The value most environments have (ties: the first environment's). */
function majority(values: readonly unknown[]): unknown {
  let best = values[0];
  let bestCount = 0;
  for (const v of values) {
    const count = values.filter((w) => isDeepStrictEqual(v, w)).length;
    if (count > bestCount) [best, bestCount] = [v, count];
  }
  return best;
}

/**
 * Splits an object field that every environment has into what they share and what each overrides:
 * environment blocks merge over the service key by key, so a key can move to the service only when every
 * environment has it; scalars take the majority's value there and the others override it.
 */
function factorObject(values: readonly Fields[]): { base: Fields; overrides: Fields[] } {
  const base: Fields = {};
  const overrides: Fields[] = values.map(() => ({}));
  const keys = [...new Set(values.flatMap((v) => Object.keys(v)))];
  for (const key of keys) {
    const all = values.map((v) => v[key]);
    if (all.some((v) => v === undefined)) {
      all.forEach((v, i) => {
        if (v !== undefined) (overrides[i] as Fields)[key] = v;
      });
    } else if (all.every(isObject)) {
      const inner = factorObject(all as Fields[]);
      if (Object.keys(inner.base).length > 0) base[key] = inner.base;
      inner.overrides.forEach((o, i) => {
        if (Object.keys(o).length > 0) (overrides[i] as Fields)[key] = o;
      });
    } else {
      const common = majority(all);
      base[key] = common;
      all.forEach((v, i) => {
        if (!isDeepStrictEqual(v, common)) (overrides[i] as Fields)[key] = v;
      });
    }
  }
  return { base, overrides };
}

/** One service's fields per environment, factored into the service's own fields and one override block per environment. */
export function factorEnvironments(perEnvironment: ReadonlyMap<string, Fields>): { service: Fields; environments: Record<string, Fields> } {
  const names = [...perEnvironment.keys()];
  const values = names.map((n) => perEnvironment.get(n) as Fields);
  const shared: Fields[] = values.map((v) => Object.fromEntries(Object.entries(v).filter(([k]) => !ALWAYS_PER_ENVIRONMENT.has(k))));
  const { base, overrides } = factorObject(shared);
  for (const key of REQUIRED_AT_SERVICE) {
    if (base[key] === undefined) base[key] = values.find((v) => v[key] !== undefined)?.[key];
  }
  const environments: Record<string, Fields> = {};
  names.forEach((name, i) => {
    const own = values[i] as Fields;
    const block: Fields = {};
    for (const key of ALWAYS_PER_ENVIRONMENT) if (own[key] !== undefined) block[key] = own[key];
    Object.assign(block, overrides[i]);
    environments[name] = block;
  });
  return { service: base, environments };
}
