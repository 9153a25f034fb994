/**
 * Availability zones (by zone ID, which is the same in every account) where EKS cannot place a control
 * plane, per region: the list eksctl keeps in `pkg/az` (`zoneIDsToAvoid`). Zone names differ between
 * accounts, zone IDs do not, so the list is by ID.
 */
export const EKS_UNSUPPORTED_ZONE_IDS: Readonly<Record<string, readonly string[]>> = {
  "ca-central-1": ["cac1-az3"],
  "cn-north-1": ["cnn1-az4"],
  "us-east-1": ["use1-az3"],
  "us-west-1": ["usw1-az2"],
};

/** The zone IDs a cluster in `region` must not use. */
export function unsupportedZoneIds(region: string): readonly string[] {
  return Object.hasOwn(EKS_UNSUPPORTED_ZONE_IDS, region) ? (EKS_UNSUPPORTED_ZONE_IDS[region] as readonly string[]) : [];
}
