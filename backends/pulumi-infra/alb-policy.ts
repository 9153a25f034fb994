import policy from "./aws-load-balancer-controller-v2.8.1-iam-policy.json" with { type: "json" };
import { createProgramFile, printProgram, tsLiteral } from "../../src/render/typescript.js";

/** The AWS Load Balancer Controller release the IAM policy data file belongs to (chart 1.8.x). */
export const AWS_LOAD_BALANCER_CONTROLLER_VERSION = "v2.8.1";

/** Module of the generated project holding the policy, imported by `index.ts` (without extension). */
export const ALB_POLICY_MODULE = "aws-load-balancer-controller-policy";

/**
 * The controller's IAM policy as a typed module of the generated project: owned by the project and
 * reviewed with it, rather than downloaded when deploying.
 */
export function albPolicyModule(specName: string): string {
  const file = createProgramFile(`${ALB_POLICY_MODULE}.ts`);
  file.addImportDeclaration({ moduleSpecifier: "@pulumi/aws", namespaceImport: "aws", isTypeOnly: true });
  file.addStatements(`
/** The AWS Load Balancer Controller release the policy below is for. */
export const AWS_LOAD_BALANCER_CONTROLLER_VERSION = ${tsLiteral(AWS_LOAD_BALANCER_CONTROLLER_VERSION)};

/**
 * IAM policy of the AWS Load Balancer Controller ${AWS_LOAD_BALANCER_CONTROLLER_VERSION}, as its documentation publishes it
 * (docs/install/iam_policy.json at tag ${AWS_LOAD_BALANCER_CONTROLLER_VERSION}). Pinned here, not fetched when deploying:
 * upgrade it together with the chart.
 */
export const awsLoadBalancerControllerPolicy: aws.iam.PolicyDocument = ${tsLiteral(policy)};`);
  return printProgram(file, specName);
}
