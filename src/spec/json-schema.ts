import { z } from "zod";
import { specSchema } from "./schema.js";

/** The spec's JSON schema (draft 2020-12), generated from the zod schema, for editors and other tools. */
export function foundationJsonSchema(): string {
  const schema = z.toJSONSchema(specSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const document = {
    $schema: schema.$schema,
    $id: "https://foundation.dev/schemas/foundation.schema.json",
    title: "foundation spec (foundation/v1alpha1)",
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema")),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
