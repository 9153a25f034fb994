import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import type { Project, ServiceInstance } from "../model/model.js";
import { instanceLabels } from "./labels.js";
import { PORT_NAME } from "./names.js";

/** An Ingress served by the AWS Load Balancer Controller (an ALB), when the service has one. */
export function buildIngress(project: Project, instance: ServiceInstance): IIngress | undefined {
  const ingress = instance.ingress;
  if (!ingress) return undefined;
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name: instance.service,
      namespace: instance.namespace,
      labels: instanceLabels(project, instance),
      annotations: {
        "alb.ingress.kubernetes.io/scheme": ingress.scheme,
        "alb.ingress.kubernetes.io/target-type": ingress.targetType,
        ...(instance.healthCheck ? { "alb.ingress.kubernetes.io/healthcheck-path": instance.healthCheck.path } : {}),
      },
    },
    spec: {
      ingressClassName: "alb",
      rules: [
        {
          host: ingress.host,
          http: {
            paths: [{ path: ingress.path, pathType: "Prefix", backend: { service: { name: instance.service, port: { name: PORT_NAME } } } }],
          },
        },
      ],
    },
  };
}
