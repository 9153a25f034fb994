import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateSpec } from "../../bench/generate-spec.js";
import { buildObjects } from "../../src/k8s/objects.js";
import { toYaml, toYamlSlow } from "../../src/render/yaml.js";
import { modelOf, referenceSpecText, ROOT } from "../helpers/compile.js";

const TRICKY = [
  "300", "1.5", "0", "-1", "+1", "1e3", ".5", ".inf", "0x1F", "0o17", "2026-11-26", "true", "True", "yes", "no", "on", "off",
  "null", "Null", "~", "NaN", "", " lead", "trail ", "a b", "a  b", "a: b", "a #b", "#x", "-x", "- x", "x:", ":x", "a:b", "a:b:c",
  "trailing:", "http://x.y/z", "${x}", "'q'", '"dq"', "back\\slash", "multi\nline", "tab\tx", "ü", "*a", "&a", "!t", "%p", "@a",
  "`b`", "{a}", "[a]", "a,b", "?q", "|p", ">f", "k8s.io/a", "x=y", "v1.2.3-rc.1+b", "10.0.0.0/16", "a@b.c", "%", "100%", "25%",
  "100m", "128Mi", "\u2028", "-", "?", ":", "--- x", "...",
];

describe("toYaml", () => {
  it("writes exactly what the yaml library writes, for every object foundation generates", () => {
    const specs = [referenceSpecText(), readFileSync(join(ROOT, "test", "fixtures", "valid", "wide.yaml"), "utf8"), generateSpec({ services: 100 })];
    let count = 0;
    for (const text of specs) {
      const model = modelOf(text);
      for (const service of model.services) {
        for (const instance of service.instances) {
          for (const object of buildObjects(model.project, instance)) {
            expect(toYaml(object)).toBe(toYamlSlow(object));
            count++;
          }
        }
      }
    }
    expect(count).toBeGreaterThan(500);
  });

  it.each(TRICKY)("writes %j as the yaml library does, as a value, a key and a list item, and it reads back", (text) => {
    for (const value of [{ k: text }, { [text]: "v" }, [text], { a: [text, { b: text, c: [] }], d: {} }]) {
      expect(toYaml(value)).toBe(toYamlSlow(value));
      expect(parse(toYaml(value))).toEqual(value);
    }
  });
});
