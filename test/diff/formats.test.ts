import { describe, expect, it } from "vitest";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { COLORS, PLAIN } from "../../src/diff/core/palette.js";
import { formatMarkdown } from "../../src/diff/revisions/format-markdown.js";
import { formatText } from "../../src/diff/revisions/format-text.js";
import { diffRevisions } from "../../src/diff/revisions/revision-diff.js";
import { modelOf, referenceSpecText, ROOT } from "../helpers/compile.js";
import { editSpec } from "../helpers/spec-edit.js";
import { join } from "node:path";

const revision = (label: string, text: string) => {
  const model = modelOf(text);
  return { label, model, files: generate(model, "foundation.yaml", BACKENDS) };
};

const base = referenceSpecText();
const head = editSpec(base, [
  [["services", "dusk", "environments", "prod", "autoscaling", "minReplicas"], 4],
  [["services", "dawn", "environments", "rc", "config", "LOG_LEVEL"], "trace"],
  [["clusters", "trantor", "nodeGroups", "general", "instanceTypes"], ["m6i.large"]],
  [["services", "day", "deployWith"], "kubectl"],
]);
const diff = diffRevisions(revision("main", base), revision("pr", head));

describe("diff formats", () => {
  it("markdown: a summary table first, warnings, details folded (golden)", async () => {
    const markdown = formatMarkdown(diff);
    expect(markdown.indexOf("> [!WARNING]")).toBeLessThan(markdown.indexOf("| target |"));
    expect(markdown.indexOf("| target |")).toBeLessThan(markdown.indexOf("<details>"));
    await expect(markdown).toMatchFileSnapshot(join(ROOT, "test", "golden", "diff", "pr-comment.md"));
  });

  it("text: plain when asked, colored for a terminal, same words", () => {
    const plain = formatText(diff, PLAIN);
    const colored = formatText(diff, COLORS);
    expect(plain).not.toContain("\u001b[");
    expect(colored).toContain("\u001b[31m");
    expect(colored.replace(/\u001b\[\d+m/g, "")).toBe(plain);
    expect(plain).toContain("dawn@rc ConfigMap/dawn-config data.LOG_LEVEL debug -> trace");
    expect(plain).toContain("dawn@rc Deployment/dawn spec.template.metadata.annotations[\"foundation.dev/config-checksum\"]");
  });
});
