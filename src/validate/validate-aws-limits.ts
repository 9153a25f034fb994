import type { SpecError } from "../errors/spec-error.js";
import { FOUNDATION_NODE_GROUP_LABEL } from "../model/names.js";
import type { Spec } from "../spec/schema.js";

/** The characters AWS allows in tag keys and values. */
const AWS_TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** EKS managed node groups take label keys and values, and taint keys, of 1 to 63 characters. */
const EKS_NODE_GROUP_KEY_MAX = 63;

/**
 * A Pulumi cluster's node group is named `<name>-` and a 26-character unique suffix (so that its replacement
 * can come up beside it), within the 63 characters EKS allows a node group name.
 */
const PULUMI_NODE_GROUP_NAME_MAX = 63 - 26 - 1;

/**
 * What the spec's schema lets through and the AWS APIs refuse, whichever tool provisions the cluster:
 * EKS's limits on managed node group labels and taints (a Kubernetes label key may carry a long prefix,
 * a label value may be empty), and AWS's rules for tags (its character set, its reserved `aws:` prefix;
 * the tags land on IAM roles and EKS resources, which enforce both); and foundation's own node-group label.
 */
export function checkAwsLimits(spec: Spec, errors: SpecError[]): void {
  for (const [name, cluster] of Object.entries(spec.clusters)) {
    const at = ["clusters", name];
    for (const [key, value] of Object.entries(cluster.tags)) {
      if (key.toLowerCase().startsWith("aws:")) {
        errors.push({ path: [...at, "tags", key], message: `tag key "${key}": the aws: prefix is reserved for AWS`, atKey: true });
      } else if (!AWS_TAG_TEXT.test(key)) {
        errors.push({ path: [...at, "tags", key], message: `tag key "${key}": AWS allows only letters, digits, spaces and _ . : / = + - @`, atKey: true });
      }
      if (!AWS_TAG_TEXT.test(value)) {
        errors.push({ path: [...at, "tags", key], message: "AWS tag values allow only letters, digits, spaces and _ . : / = + - @" });
      }
    }
    for (const [groupName, group] of Object.entries(cluster.nodeGroups)) {
      const gat = [...at, "nodeGroups", groupName];
      if (cluster.provisioner === "pulumi" && groupName.length > PULUMI_NODE_GROUP_NAME_MAX) {
        errors.push({
          path: gat,
          message: `node group name "${groupName}" is longer than the ${PULUMI_NODE_GROUP_NAME_MAX} characters a Pulumi cluster's can have: EKS names the group ${groupName}-<26-character suffix>, within 63 characters`,
          atKey: true,
        });
      }
      for (const [key, value] of Object.entries(group.labels)) {
        if (key.length > EKS_NODE_GROUP_KEY_MAX) {
          errors.push({ path: [...gat, "labels", key], message: `label key "${key}" is longer than the ${EKS_NODE_GROUP_KEY_MAX} characters EKS allows on a node group`, atKey: true });
        }
        if (value === "") {
          errors.push({ path: [...gat, "labels", key], message: "EKS node group labels need a value; an empty one is refused" });
        }
        if (key === FOUNDATION_NODE_GROUP_LABEL) {
          errors.push({
            path: [...gat, "labels", key],
            message: `label "${key}" is foundation's own: Pulumi clusters' nodes carry their node group's name in it, and services select it (fix: use another key)`,
            atKey: true,
          });
        }
      }
      group.taints.forEach((taint, i) => {
        if (taint.key.length > EKS_NODE_GROUP_KEY_MAX) {
          errors.push({ path: [...gat, "taints", i, "key"], message: `taint key "${taint.key}" is longer than the ${EKS_NODE_GROUP_KEY_MAX} characters EKS allows on a node group` });
        }
      });
    }
  }
}
