/**
 * The npm packages a generated Pulumi project depends on, pinned to the versions foundation's own tests
 * type-check and run the generated programs against (a test keeps them equal to package.json).
 */
export const PULUMI_PACKAGES = {
  "@pulumi/aws": "7.48.0",
  "@pulumi/eks": "4.3.0",
  "@pulumi/kubernetes": "4.34.2",
  "@pulumi/pulumi": "3.248.0",
} as const;

/** Development dependencies of a generated Pulumi project. */
export const PULUMI_DEV_PACKAGES = {
  "@types/node": "20.19.43",
  typescript: "6.0.3",
} as const;

export type PulumiPackage = keyof typeof PULUMI_PACKAGES;
