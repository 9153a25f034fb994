/** The AWS partitions other than `aws`, by the region prefixes that mark them. */
export const AWS_PARTITION_PREFIXES: readonly (readonly [prefix: string, partition: string])[] = [
  ["cn-", "aws-cn"],
  ["us-gov-", "aws-us-gov"],
  ["us-isob-", "aws-iso-b"],
  ["us-iso-", "aws-iso"],
  ["eu-isoe-", "aws-iso-e"],
  ["us-isof-", "aws-iso-f"],
];

/**
 * The partition of a region: what its ARNs start with (`arn:<partition>:`). IAM, EKS access policies and
 * AWS-managed policies live under the partition of the account's region (`arn:aws-cn:...` in China,
 * `arn:aws-us-gov:...` in GovCloud), and an ARN of another partition is rejected.
 */
export function awsPartition(region: string): string {
  return AWS_PARTITION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? "aws";
}
