/**
 * The actions and downloads the generated workflow uses, pinned to a full commit SHA (a tag can be moved; a
 * commit cannot) with the release it is, and the SHA-256 of each downloaded file as its release publishes it.
 */

export interface PinnedAction {
  readonly repository: string;
  readonly sha: string;
  readonly version: string;
}

export const CHECKOUT: PinnedAction = { repository: "actions/checkout", sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", version: "v7.0.1" };
export const SETUP_NODE: PinnedAction = { repository: "actions/setup-node", sha: "820762786026740c76f36085b0efc47a31fe5020", version: "v7.0.0" };
export const AWS_CREDENTIALS: PinnedAction = {
  repository: "aws-actions/configure-aws-credentials",
  sha: "e6de054238d6b7531b4efff3b6587d9aade6a06c",
  version: "v6.2.3",
};
export const PULUMI: PinnedAction = { repository: "pulumi/actions", sha: "8e5e406f4007fca908480587cb9893c07090f58d", version: "v7.0.0" };

export const PINNED_ACTIONS: readonly PinnedAction[] = [CHECKOUT, SETUP_NODE, AWS_CREDENTIALS, PULUMI];

/** `owner/repo@sha`, the value of a step's `uses:`. */
export function uses(action: PinnedAction): string {
  return `${action.repository}@${action.sha}`;
}

/** Appends `# <version>` to every `uses:` line of a pinned action, so a reader (and Dependabot) sees the release. */
export function commentVersions(yaml: string): string {
  let out = yaml;
  for (const action of PINNED_ACTIONS) out = out.split(`${uses(action)}\n`).join(`${uses(action)} # ${action.version}\n`);
  return out;
}

/** kubeconform, the client-side manifest check of pull requests: its linux-amd64 release archive and that archive's SHA-256. */
export const KUBECONFORM = {
  version: "v0.7.0",
  url: "https://github.com/yannh/kubeconform/releases/download/v0.7.0/kubeconform-linux-amd64.tar.gz",
  sha256: "c31518ddd122663b3f3aa874cfe8178cb0988de944f29c74a0b9260920d115d3",
} as const;
