import type { AccessPolicyName } from "./model.js";

/** The EKS access policy each spec policy name stands for (docs: "Associate access policies with access entries"). */
const POLICY_NAMES: Readonly<Record<AccessPolicyName, string>> = {
  "cluster-admin": "AmazonEKSClusterAdminPolicy",
  admin: "AmazonEKSAdminPolicy",
  edit: "AmazonEKSEditPolicy",
  view: "AmazonEKSViewPolicy",
};

/** `arn:<partition>:eks::aws:cluster-access-policy/<policy>`: the same in every region of a partition. */
export function accessPolicyArn(policy: AccessPolicyName, partition: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${POLICY_NAMES[policy]}`;
}
