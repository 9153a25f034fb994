import { jqTag } from "./deployed-tags.js";

/** The job matrices the plan computes, as the plan job's outputs. */
export const PLAN_OUTPUTS = ["provisioning", "deploy", "kubectl", "namespaces", "check", "eksctl"] as const;

/**
 * The plan step's script. It reads $EVENT (the GitHub event), $BASE (the pull request's base, or the commit
 * before the push) and writes one JSON matrix per `PLAN_OUTPUTS` entry to $GITHUB_OUTPUT:
 * - on a pull request, every target the pull request changes (to preview and check);
 * - otherwise, every target that changed since its own last successful deploy (its tag), every target never
 *   deployed, the namespaces of the eksctl clusters they run on, and the eksctl clusters this push changes.
 * On a pull request it also writes the diff as markdown to $RUNNER_TEMP/diff.md, for the comment.
 * It needs the history and the tags (a checkout with fetch-depth 0), jq and `npx foundation`.
 */
export function planScript(specArgument: string): string {
  return `plan="$RUNNER_TEMP/foundation-plan"
mkdir -p "$plan"
# The diff from a commit, computed once per commit: $plan/diff-<commit>.json.
diff_from() {
  [ -f "$plan/diff-$1.json" ] || npx foundation diff --base "$1" --spec ${specArgument} --format json > "$plan/diff-$1.json"
}
base_ok=false
if [ -n "$BASE" ] && git cat-file -e "$BASE^{commit}" 2>/dev/null; then base_ok=true; fi
# A commit without the spec (git's empty tree): the diff from it has every target of the spec, all new.
empty=$(git -c user.name=foundation -c user.email=foundation@localhost commit-tree "$(git hash-object -t tree /dev/null)" -m "no spec")
$base_ok || BASE=$empty
diff_from "$BASE"
cp "$plan/diff-$BASE.json" "$plan/base.json"
if [ "$EVENT" = pull_request ]; then
  npx foundation diff --base "$BASE" --spec ${specArgument} --format markdown > "$RUNNER_TEMP/diff.md"
  cat "$RUNNER_TEMP/diff.md" >> "$GITHUB_STEP_SUMMARY"
  jq -c '.affected | {provisioning, deploy, kubectl: [], namespaces: [], check: (.kubectl + .argocd), eksctl}' "$plan/base.json" > "$plan/plan.json"
else
  diff_from "$empty"
  cp "$plan/diff-$empty.json" "$plan/all.json"
  # The commit each target last deployed successfully, or "none".
  jq -r '(.affected.provisioning[] | .target + " " + (${jqTag("cluster")})), ((.affected.deploy + .affected.kubectl)[] | .target + " " + (${jqTag("service")}))' "$plan/all.json" |
    while read -r target tag; do
      echo "$target $(git rev-parse --quiet --verify "refs/tags/$tag^{commit}" || echo none)"
    done > "$plan/bases.txt"
  echo '{}' > "$plan/since.json"
  cut -d' ' -f2 "$plan/bases.txt" | sort -u | sed '/^none$/d' | while read -r commit; do
    if ! diff_from "$commit"; then
      echo "::warning title=foundation plan::cannot diff against $commit, the last deploy of some targets; deploying them whole"
      cp "$plan/all.json" "$plan/diff-$commit.json"
    fi
    jq -c --arg commit "$commit" --slurpfile since "$plan/diff-$commit.json" '. + {($commit): $since[0].affected}' "$plan/since.json" > "$plan/since.next"
    mv "$plan/since.next" "$plan/since.json"
  done
  jq -c -n --rawfile bases "$plan/bases.txt" --slurpfile since "$plan/since.json" --slurpfile all "$plan/all.json" --slurpfile base "$plan/base.json" '
    ($bases | split("\\n") | map(select(. != "") | split(" ") | {key: .[0], value: .[1]}) | from_entries) as $last
    | def due(group): [$all[0].affected[group][] | . as $t | $last[$t.target] as $c
        | select($c == "none" or any($since[0][$c][group][]; .target == $t.target))];
    (due("provisioning") | map(. + {tag: (${jqTag("cluster")})})) as $provisioning
    | (due("deploy") | map(. + {tag: (${jqTag("service")})})) as $deploy
    | (due("kubectl") | map(. + {tag: (${jqTag("service")})})) as $kubectl
    | ([$deploy[], $kubectl[], $base[0].affected.argocd[]] | map(.cluster) | unique) as $clusters
    | {
        provisioning: $provisioning,
        deploy: $deploy,
        kubectl: $kubectl,
        namespaces: [$all[0].affected.eksctl[] | select(.cluster as $c | $clusters | index($c))],
        check: [],
        eksctl: $base[0].affected.eksctl
      }' > "$plan/plan.json"
  jq -r '.removed[] | "::warning title=\\(.target) left the spec::nothing deletes what it deployed; destroy it by hand (see foundation diff)"' "$plan/base.json"
fi
{
  echo "### foundation plan ($EVENT)"
  echo
  jq -r 'to_entries[] | select(.value != []) | "- **\\(.key)**: " + (.value | map("\`" + (.target // .cluster) + "\`") | join(", "))' "$plan/plan.json"
} >> "$GITHUB_STEP_SUMMARY"
for group in ${PLAN_OUTPUTS.join(" ")}; do
  echo "$group=$(jq -c --arg group "$group" '.[$group]' "$plan/plan.json")" >> "$GITHUB_OUTPUT"
done`;
}
