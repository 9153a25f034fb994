import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { Project, ServiceInstance } from "../model/model.js";
import { configChecksum } from "./config-map.js";
import { instanceLabels, selectorLabels } from "./labels.js";
import { configMapName, PORT_NAME } from "./names.js";

/** The annotation on the pod template that changes whenever the configuration does. */
export const CONFIG_CHECKSUM_ANNOTATION = "foundation.dev/config-checksum";

/** The service's Deployment: one container, probes from the health check, config and secrets as environment. */
export function buildDeployment(project: Project, instance: ServiceInstance): IDeployment {
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
  };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: instance.service, namespace: instance.namespace, labels },
    spec: {
      replicas: instance.replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: selectorLabels(instance) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: { labels, annotations: { [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(instance) } },
        spec: {
          ...(instance.serviceAccount ? { serviceAccountName: instance.serviceAccount.name } : {}),
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

function probes(instance: ServiceInstance): Pick<IContainer, "readinessProbe" | "livenessProbe"> {
  const check = instance.healthCheck;
  if (!check) return {};
  const probe = (): IProbe => ({
    httpGet: { path: check.path, port: check.port === instance.port ? PORT_NAME : check.port },
    initialDelaySeconds: check.initialDelaySeconds,
    periodSeconds: check.periodSeconds,
    timeoutSeconds: check.timeoutSeconds,
    failureThreshold: check.failureThreshold,
  });
  return { readinessProbe: probe(), livenessProbe: probe() };
}
