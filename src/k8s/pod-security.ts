import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { ServiceInstance } from "../model/model.js";

/**
 * The pod's security context: the Pod Security Standard "restricted" profile (non-root, RuntimeDefault
 * seccomp) unless the service asks for "baseline", which keeps RuntimeDefault seccomp and lets the image
 * run as root.
 */
export function podSecurityContext(instance: ServiceInstance): IPodSecurityContext {
  const seccomp: IPodSecurityContext = { seccompProfile: { type: "RuntimeDefault" } };
  return instance.podSecurity === "restricted" ? { runAsNonRoot: true, ...seccomp } : seccomp;
}

/** The container's security context under "restricted": no privilege escalation, every capability dropped. */
export function containerSecurityContext(instance: ServiceInstance): Pick<IContainer, "securityContext"> {
  if (instance.podSecurity !== "restricted") return {};
  return { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } };
}
