import type { Backend } from "../src/backend.js";
import { argocdBackend } from "./argocd/index.js";
import { eksctlBackend } from "./eksctl/index.js";
import { kubectlBackend } from "./kubectl/index.js";
import { pulumiAppBackend } from "./pulumi-app/index.js";
import { pulumiInfraBackend } from "./pulumi-infra/index.js";

/** Every backend: infrastructure first, then applications. */
export const BACKENDS: readonly Backend[] = [eksctlBackend, pulumiInfraBackend, pulumiAppBackend, kubectlBackend, argocdBackend];
