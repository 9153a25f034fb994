import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { Project, ServiceInstance } from "../model/model.js";
import { configChecksum } from "./config-map.js";
import { preStopSeconds, terminationGracePeriodSeconds } from "./graceful-shutdown.js";
import { instanceLabels, selectorLabels } from "./labels.js";
import { configMapName, PORT_NAME } from "./names.js";
import { containerSecurityContext, podSecurityContext } from "./pod-security.js";
import { probes } from "./probes.js";
import { POD_ROLE_ARN_ANNOTATION } from "./service-account.js";
import { topologySpreadConstraints } from "./topology-spread.js";

/** The annotation on the pod template that changes whenever the configuration does. */
export const CONFIG_CHECKSUM_ANNOTATION = "foundation.dev/config-checksum";

/**
 * The service's Deployment: one container with config and secrets as environment, probes from the health
 * check, the pod security level's contexts, a preStop delay that lets load balancers drop the pod first,
 * spread over zones and nodes, pinned to a node group when the spec says so; with `roleArn` (a ServiceAccount
 * the application layer annotates), that role on the pod template, so that a new role rolls the pods. With
 * autoscaling it has no `spec.replicas`: the HorizontalPodAutoscaler owns the scale, and an apply must not reset it.
 */
export function buildDeployment(project: Project, instance: ServiceInstance, roleArn?: string): IDeployment {
  const labels = instanceLabels(project, instance);
  const container: IContainer = {
    name: instance.service,
    image: `${instance.image}:${instance.imageTag}`,
    ports: [{ name: PORT_NAME, containerPort: instance.port, protocol: "TCP" }],
    envFrom: [{ configMapRef: { name: configMapName(instance) } }],
    ...(instance.secrets.length > 0
      ? {
          env: instance.secrets.map((s) => ({
            name: s.env,
            valueFrom: { secretKeyRef: { name: s.secretName, key: s.key } },
          })),
        }
      : {}),
    ...resources(instance),
    ...probes(instance),
    lifecycle: { preStop: { sleep: { seconds: preStopSeconds(instance) } } },
    ...containerSecurityContext(instance),
  };
  const scheduling = instance.scheduling;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: instance.service, namespace: instance.namespace, labels },
    spec: {
      ...(instance.autoscaling ? {} : { replicas: instance.replicas }),
      revisionHistoryLimit: 10,
      selector: { matchLabels: selectorLabels(instance) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: {
          labels,
          annotations: {
            [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(instance),
            ...(roleArn === undefined ? {} : { [POD_ROLE_ARN_ANNOTATION]: roleArn }),
          },
        },
        spec: {
          ...(instance.serviceAccount ? { serviceAccountName: instance.serviceAccount.name } : {}),
          securityContext: podSecurityContext(instance),
          ...(scheduling
            ? {
                nodeSelector: { ...scheduling.nodeSelector },
                ...(scheduling.tolerations.length > 0
                  ? {
                      tolerations: scheduling.tolerations.map((t) => ({
                        key: t.key,
                        ...(t.value !== undefined ? { operator: "Equal", value: t.value } : { operator: "Exists" }),
                        effect: t.effect,
                      })),
                    }
                  : {}),
              }
            : {}),
          topologySpreadConstraints: topologySpreadConstraints(instance),
          terminationGracePeriodSeconds: terminationGracePeriodSeconds(instance),
          containers: [container],
        },
      },
    },
  };
}

function resources(instance: ServiceInstance): Pick<IContainer, "resources"> {
  const { requests, limits } = instance.resources;
  const hasRequests = Object.keys(requests).length > 0;
  const hasLimits = Object.keys(limits).length > 0;
  if (!hasRequests && !hasLimits) return {};
  return { resources: { ...(hasRequests ? { requests: { ...requests } } : {}), ...(hasLimits ? { limits: { ...limits } } : {}) } };
}
