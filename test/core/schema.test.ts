import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PULUMI_DEV_PACKAGES, PULUMI_PACKAGES } from "../../src/render/pulumi-packages.js";
import { foundationJsonSchema } from "../../src/spec/json-schema.js";
import { EKS_VERSIONS, EKS_VERSIONS_CHECKED } from "../../src/model/eks-versions.js";
import { specReferenceMarkdown } from "../../src/spec/spec-reference.js";
import { ROOT } from "../helpers/compile.js";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

describe("schemas/foundation.schema.json", () => {
  it("is what the zod schema generates (run `npm run schema` after changing it)", () => {
    expect(read("schemas/foundation.schema.json")).toBe(foundationJsonSchema());
  });

  it("accepts the reference spec and the fixtures, and rejects an unknown key", () => {
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(read("schemas/foundation.schema.json")));
    for (const file of ["test/fixtures/valid/reference.yaml", "test/fixtures/valid/minimal.yaml", "test/fixtures/valid/wide.yaml"]) {
      expect(validate(parse(read(file))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const typo = parse(read("test/fixtures/valid/reference.yaml")) as { services: { dawn: Record<string, unknown> } };
    typo.services.dawn.replica = 2;
    expect(validate(typo)).toBe(false);
  });

  it("is what the reference spec's modeline points editors at", () => {
    expect(read("test/fixtures/valid/reference.yaml").split("\n")[0]).toBe("# yaml-language-server: $schema=./schemas/foundation.schema.json");
  });
});

describe("README", () => {
  it("carries the current spec reference (run `npm run schema` after changing the schema)", () => {
    const readme = read("README.md");
    const start = readme.indexOf("<!-- spec-reference:start -->\n");
    const end = readme.indexOf("<!-- spec-reference:end -->");
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start + "<!-- spec-reference:start -->\n".length, end)).toBe(specReferenceMarkdown());
  });

  it("carries the EKS version table of src/model/eks-versions.ts, row for row, as of the day it was checked", () => {
    const readme = read("README.md");
    const rows = EKS_VERSIONS.map((v) => `| ${v.version} | ${v.released} | ${v.endOfStandardSupport} | ${v.endOfExtendedSupport} |`).join("\n");
    expect(readme).toContain(`The table as checked on ${EKS_VERSIONS_CHECKED}:\n\n| Version | Released on EKS | End of standard support | End of extended support |\n| --- | --- | --- | --- |\n${rows}\n\n`);
  });
});

describe("generated Pulumi projects", () => {
  it("pin the same @pulumi packages foundation is tested against", () => {
    const pkg = JSON.parse(read("package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const [name, version] of Object.entries({ ...PULUMI_PACKAGES, ...PULUMI_DEV_PACKAGES })) {
      expect({ ...pkg.dependencies, ...pkg.devDependencies }[name], name).toBe(version);
    }
  });
});
