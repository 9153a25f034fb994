import { mockAutoscalingGroupName } from "./mock-protocol.js";

/** The AWS account the mocked providers report. */
export const MOCK_ACCOUNT = "123456789012";

/** The region a stack runs in when its config sets none. */
export const MOCK_DEFAULT_REGION = "us-east-1";

/** The OIDC issuer the mocked eks.Cluster reports (without https://). */
export function mockIssuer(cluster: string, region = MOCK_DEFAULT_REGION): string {
  return `oidc.eks.${region}.amazonaws.com/id/${cluster.toUpperCase()}`;
}

/** The availability zones `aws.getAvailabilityZones` reports in a region under the mocks: three, in order. */
export function mockZones(region = MOCK_DEFAULT_REGION): { readonly names: readonly string[]; readonly zoneIds: readonly string[] } {
  const prefix = region.replace(/^(\w\w)-(\w)\w*-(\d+)$/, "$1$2$3");
  return { names: ["a", "b", "c"].map((z) => `${region}${z}`), zoneIds: [1, 2, 3].map((n) => `${prefix}-az${n}`) };
}

/**
 * The outputs the mocked providers report for the resources a generated program reads back (beyond its
 * own inputs): eks.Cluster is a remote component, so its outputs are faked here, and so are the ARNs and
 * names AWS would assign.
 */
export function mockState(type: string, name: string, inputs: Record<string, unknown>, region = MOCK_DEFAULT_REGION): Record<string, unknown> {
  const named = String(inputs.name ?? name);
  switch (type) {
    case "eks:index:Cluster": {
      const issuer = mockIssuer(named, region);
      const kubeconfig = { apiVersion: "v1", kind: "Config", clusters: [{ name: named }] };
      return {
        eksCluster: { name: named, version: inputs.version },
        kubeconfig,
        kubeconfigJson: JSON.stringify(kubeconfig),
        oidcIssuer: issuer,
        oidcProviderUrl: `https://${issuer}`,
        oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/${issuer}`,
      };
    }
    case "aws:eks/nodeGroup:NodeGroup":
      return { resources: [{ autoscalingGroups: [{ name: mockAutoscalingGroupName(String(inputs.nodeGroupName)) }] }] };
    case "aws:iam/role:Role":
      return { arn: `arn:aws:iam::${MOCK_ACCOUNT}:role/${named}`, name: named };
    case "aws:iam/policy:Policy":
      return { arn: `arn:aws:iam::${MOCK_ACCOUNT}:policy/${named}` };
    default:
      return {};
  }
}
