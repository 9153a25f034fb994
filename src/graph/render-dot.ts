import type { Model } from "../model/model.js";
import { clusterLines, platformGraph, serviceLines } from "./platform-graph.js";

function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function label(lines: readonly string[]): string {
  return quote(lines.join("\n")).replace(/\n/g, "\\n");
}

/** The platform as a Graphviz digraph: the same content as the Mermaid picture. */
export function renderDot(model: Model): string {
  const graph = platformGraph(model);
  const lines = [
    `digraph ${quote(graph.project)} {`,
    "  rankdir=LR;",
    '  node [shape=box, fontname="Helvetica"];',
    '  edge [fontname="Helvetica"];',
  ];
  for (const cluster of graph.clusters) {
    lines.push(`  subgraph ${quote(`cluster_${cluster.target}`)} {`, `    label=${label([`cluster ${cluster.target}`])};`);
    lines.push(`    ${quote(`cluster:${cluster.target}`)} [shape=component, label=${label(clusterLines(cluster))}];`);
    for (const env of cluster.environments) {
      lines.push(`    subgraph ${quote(`cluster_${cluster.target}_${env.name}`)} {`, `      label=${label([`${env.name} (namespace ${env.namespace})`])};`);
      for (const service of env.services) lines.push(`      ${quote(service.target)} [style=rounded, label=${label(serviceLines(service))}];`);
      lines.push("    }");
    }
    lines.push("  }");
  }
  for (const ref of graph.references) lines.push(`  ${quote(ref.from)} -> ${quote(`cluster:${ref.to}`)} [style=dashed, label=${label([`StackReference ${ref.stackReference}`])}];`);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
