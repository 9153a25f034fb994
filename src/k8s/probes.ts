import type { IContainer } from "kubernetes-models/v1/Container";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { HealthCheck, ServiceInstance } from "../model/model.js";
import { PORT_NAME } from "./names.js";

/** Seconds between startup probes. */
export const STARTUP_PERIOD_SECONDS = 5;
/** How long a container may take to start after the health check's initial delay: 5 minutes. */
export const STARTUP_FAILURE_THRESHOLD = 60;
/** Liveness restarts a container only after this many times the failures that take it out of rotation. */
export const LIVENESS_TOLERANCE = 3;

/**
 * The container's probes from the health check. The startup probe holds the other two back until the
 * application answers (slow starts are not restarted); readiness takes a pod out of the Service and the
 * ALB after `failureThreshold` failures; liveness restarts it only after three times as many, on
 * `livenessPath` when the spec names one that does not depend on other systems, so a failing dependency
 * drains pods from traffic without restarting all of them.
 */
export function probes(instance: ServiceInstance): Pick<IContainer, "startupProbe" | "readinessProbe" | "livenessProbe"> {
  const check = instance.healthCheck;
  if (!check) return {};
  const httpGet = (path: string) => ({ path, port: check.port === instance.port ? PORT_NAME : check.port });
  const timing = (c: HealthCheck): Pick<IProbe, "periodSeconds" | "timeoutSeconds"> => ({ periodSeconds: c.periodSeconds, timeoutSeconds: c.timeoutSeconds });
  return {
    startupProbe: {
      httpGet: httpGet(check.path),
      initialDelaySeconds: check.initialDelaySeconds,
      periodSeconds: STARTUP_PERIOD_SECONDS,
      timeoutSeconds: check.timeoutSeconds,
      failureThreshold: STARTUP_FAILURE_THRESHOLD,
    },
    readinessProbe: { httpGet: httpGet(check.path), ...timing(check), failureThreshold: check.failureThreshold },
    livenessProbe: { httpGet: httpGet(check.livenessPath), ...timing(check), failureThreshold: check.failureThreshold * LIVENESS_TOLERANCE },
  };
}
