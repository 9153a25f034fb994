import type { Backend } from "../src/backend.js";
import { kubectlBackend } from "./kubectl/index.js";

/** Every backend, in the order their files are listed. */
export const BACKENDS: readonly Backend[] = [kubectlBackend];
