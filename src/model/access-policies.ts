import type { AccessPolicyName } from "./model.js";

/** The EKS access policy each spec policy name stands for (docs: "Associate access policies with access entries"). */
const POLICY_NAMES: Readonly<Record<AccessPolicyName, string>> = {
  "cluster-admin": "AmazonEKSClusterAdminPolicy",
  admin: "AmazonEKSAdminPolicy",
  edit: "AmazonEKSEditPolicy",
  view: "AmazonEKSViewPolicy",
};

/** `arn:aws:eks::aws:cluster-access-policy/<policy>`: the same in every commercial region. */
export function accessPolicyArn(policy: AccessPolicyName): string {
  return `arn:aws:eks::aws:cluster-access-policy/${POLICY_NAMES[policy]}`;
}
