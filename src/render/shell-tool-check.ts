/**
 * Shell that stops a script (exit 1) before it changes anything when any of `tools` (foundation's own list,
 * never a spec value) is not on PATH, naming every one that is missing.
 */
export function shellToolCheck(tools: readonly string[]): string {
  return `missing=()
${tools.map((tool) => `command -v ${tool} >/dev/null 2>&1 || missing+=(${tool})\n`).join("")}if ((\${#missing[@]} > 0)); then
  echo "error: missing required tools: \${missing[*]}; install them and run again" >&2
  exit 1
fi
`;
}
