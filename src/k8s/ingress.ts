import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import type { Project, ServiceInstance } from "../model/model.js";
import { DEREGISTRATION_DELAY_SECONDS } from "./graceful-shutdown.js";
import { instanceLabels } from "./labels.js";
import { PORT_NAME } from "./names.js";

/** The AWS Load Balancer Controller's annotation prefix. */
const ALB = "alb.ingress.kubernetes.io";

/**
 * An Ingress served by the AWS Load Balancer Controller, when the service has one. It joins its
 * IngressGroup (Ingresses of one group share one ALB); with a certificate the ALB serves HTTPS on 443
 * and redirects HTTP on 80 to it. The target group drains a target no longer than its pod lives.
 */
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
        ...(ingress.certificateArn
          ? {
              [`${ALB}/certificate-arn`]: ingress.certificateArn,
              [`${ALB}/listen-ports`]: '[{"HTTP": 80}, {"HTTPS": 443}]',
              [`${ALB}/ssl-redirect`]: "443",
            }
          : {}),
        [`${ALB}/group.name`]: ingress.group,
        ...(instance.healthCheck ? { [`${ALB}/healthcheck-path`]: instance.healthCheck.path } : {}),
        [`${ALB}/scheme`]: ingress.scheme,
        [`${ALB}/target-group-attributes`]: `deregistration_delay.timeout_seconds=${DEREGISTRATION_DELAY_SECONDS}`,
        [`${ALB}/target-type`]: ingress.targetType,
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
