/** Types of generate-spec.js, for the TypeScript tests that import it. */
export interface GenerateOptions {
  /** How many services. */
  readonly services: number;
  /** Seed of the pseudo-random choices (default 1). */
  readonly seed?: number;
  /** Change one service (a new image tag in one environment), as a one-service edit would. */
  readonly changed?: boolean;
}

/** How many clusters a spec of `services` services spreads them over. */
export function clusterCount(services: number): number;

/** A spec as a plain object, ready to serialize. */
export function generateSpecObject(options: GenerateOptions): Record<string, unknown>;

/** A spec as YAML text, ready to write as foundation.yaml. */
export function generateSpec(options: GenerateOptions): string;
