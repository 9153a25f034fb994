import type { Model } from "../model/model.js";
import { clusterLines, platformGraph, serviceLines } from "./platform-graph.js";

/** A Mermaid node id for a spec name or target (`dawn@prod` -> `dawn_at_prod`); spec names never hold `_`. */
function id(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/@/g, "_at_").replace(/[^A-Za-z0-9_]/g, "_")}`;
}

function label(lines: readonly string[]): string {
  return `"${lines.map((l) => l.replace(/[&"<>#]/g, (c) => `#${c.charCodeAt(0)};`)).join("<br/>")}"`;
}

/**
 * The platform as a Mermaid flowchart: a box per cluster (provisioner, region, add-ons), inside it a box per
 * environment with its services and how each is deployed, and a dashed arrow per StackReference. The
 * targets in `affected` (the diff's ids: `terminus`, `dawn@prod`) are highlighted.
 */
export function renderMermaid(model: Model, affected: ReadonlySet<string> = new Set()): string {
  const graph = platformGraph(model);
  const lines = ["flowchart LR"];
  const marked: string[] = [];
  for (const cluster of graph.clusters) {
    const c = id("cluster", cluster.target);
    lines.push(`  subgraph ${id("box", cluster.target)}[${label([`cluster ${cluster.target}`])}]`, "    direction TB");
    lines.push(`    ${c}[${label(clusterLines(cluster))}]`);
    if (affected.has(cluster.target)) marked.push(c);
    for (const env of cluster.environments) {
      lines.push(`    subgraph ${id("env", `${cluster.target}-${env.name}`)}[${label([`${env.name} (namespace ${env.namespace})`])}]`);
      for (const service of env.services) {
        const s = id("svc", service.target);
        lines.push(`      ${s}(${label(serviceLines(service))})`);
        if (affected.has(service.target)) marked.push(s);
      }
      lines.push("    end");
    }
    lines.push("  end");
  }
  for (const ref of graph.references) lines.push(`  ${id("svc", ref.from)} -.->|${label([`StackReference ${ref.stackReference}`])}| ${id("cluster", ref.to)}`);
  lines.push("  classDef affected fill:#fde68a,stroke:#b45309,stroke-width:3px");
  if (marked.length > 0) lines.push(`  class ${marked.join(",")} affected`);
  return `${lines.join("\n")}\n`;
}
