import { mockAutoscalingGroupName } from "./mock-protocol.js";

/** The AWS account the mocked providers report. */
export const MOCK_ACCOUNT = "123456789012";

/** The region a stack runs in when its config sets none. */
export const MOCK_DEFAULT_REGION = "us-east-1";

/** The OIDC issuer the mocked eks.Cluster reports (without https://). */
export function mockIssuer(cluster: string, region = MOCK_DEFAULT_REGION): string {
  return `oidc.eks.${region}.amazonaws.com/id/${cluster.toUpperCase()}`;
}

/** One zone of a region, as `aws.getAvailabilityZones` describes it. */
export interface MockZone {
  readonly name: string;
  readonly zoneId: string;
  readonly zoneType: "availability-zone" | "local-zone";
  readonly optInStatus: "opt-in-not-required" | "opted-in";
}

/**
 * Every zone of a region under the mocks, as an account that opted in to a Local Zone sees them, in name
 * order: the Local Zone `<region>-lz-1a` first, then the availability zones a to d (zone IDs az1 to az4).
 * A program that takes the first three zones without filtering gets the Local Zone, and in us-east-1 the
 * zone ID EKS rejects there (use1-az3).
 */
export function mockZones(region = MOCK_DEFAULT_REGION): readonly MockZone[] {
  const prefix = region.replace(/^(\w\w)-(\w)\w*-(\d+)$/, "$1$2$3");
  return [
    { name: `${region}-lz-1a`, zoneId: `${prefix}-lz1-az1`, zoneType: "local-zone", optInStatus: "opted-in" },
    ...["a", "b", "c", "d"].map((z, i) => ({ name: `${region}${z}`, zoneId: `${prefix}-az${i + 1}`, zoneType: "availability-zone" as const, optInStatus: "opt-in-not-required" as const })),
  ];
}

/** The arguments of `aws.getAvailabilityZones` the mocks honour. */
export interface ZoneQuery {
  readonly filters?: readonly { readonly name: string; readonly values: readonly string[] }[];
  readonly excludeZoneIds?: readonly string[];
  readonly excludeNames?: readonly string[];
}

/** What `aws.getAvailabilityZones` returns under the mocks: the region's zones its filters and exclusions keep (all are available). */
export function mockZoneReply(region: string, query: ZoneQuery): { names: string[]; zoneIds: string[] } {
  const fields: Readonly<Record<string, (zone: MockZone) => string>> = {
    "zone-type": (z) => z.zoneType,
    "opt-in-status": (z) => z.optInStatus,
    "zone-name": (z) => z.name,
    "zone-id": (z) => z.zoneId,
  };
  const kept = mockZones(region).filter(
    (zone) =>
      !(query.excludeZoneIds ?? []).includes(zone.zoneId) &&
      !(query.excludeNames ?? []).includes(zone.name) &&
      (query.filters ?? []).every((filter) => {
        const field = fields[filter.name];
        if (!field) throw new Error(`the mocks do not know the zone filter ${filter.name}`);
        return filter.values.includes(field(zone));
      }),
  );
  return { names: kept.map((z) => z.name), zoneIds: kept.map((z) => z.zoneId) };
}

/** The version `aws.eks.getAddonVersion` reports under the mocks for an add-on and a Kubernetes version. */
export function mockAddonVersion(addonName: string, kubernetesVersion: string): string {
  return `v${kubernetesVersion}.0-${addonName}-eksbuild.1`;
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
      return { resources: [{ autoscalingGroups: [{ name: mockAutoscalingGroupName(String(inputs.nodeGroupName ?? inputs.nodeGroupNamePrefix)) }] }] };
    case "aws:iam/role:Role":
      return { arn: `arn:aws:iam::${MOCK_ACCOUNT}:role/${named}`, name: named };
    case "aws:iam/policy:Policy":
      return { arn: `arn:aws:iam::${MOCK_ACCOUNT}:policy/${named}` };
    default:
      return {};
  }
}
