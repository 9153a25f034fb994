/**
 * How CI remembers what it deployed: one git tag per target, `foundation-deployed/cluster/<cluster>` or
 * `foundation-deployed/service/<service>/<environment>`, on the last commit whose deploy of that target
 * succeeded. The plan diffs each target against its own tag, so a failed or cancelled deploy is retried by
 * the next run instead of being skipped, and a target that was never deployed (no tag) is deployed whole.
 */

export const TAG_PREFIX = "foundation-deployed";

/** jq: the tag of an affected target of the given kind. */
export function jqTag(kind: "cluster" | "service"): string {
  return `"${TAG_PREFIX}/${kind}/" + (.target | sub("@"; "/"))`;
}

/**
 * Moves the target's tag ($TAG) to the commit just deployed ($GITHUB_SHA) and pushes it. It follows the deploy
 * even backwards: a late re-run of an older run puts older content on the cluster, and the tag then says so,
 * so the next plan deploys the newer changes again.
 */
export function recordDeployScript(): string {
  return ['git tag --force "$TAG" "$GITHUB_SHA"', 'git push --force origin "refs/tags/$TAG"'].join("\n");
}
