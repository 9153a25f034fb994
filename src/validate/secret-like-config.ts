import type { SpecError, SpecPath } from "../errors/spec-error.js";

/** Words of a config key that name a secret. */
const SECRET_WORDS = new Set(["PASSWORD", "PASSWD", "PWD", "PASS", "SECRET", "SECRETS", "TOKEN", "TOKENS", "CREDENTIAL", "CREDENTIALS", "APIKEY", "PRIVATEKEY", "DSN"]);
/** Adjacent word pairs of a config key that name a secret. */
const SECRET_PAIRS = new Set(["API KEY", "PRIVATE KEY", "ACCESS KEY", "SECRET KEY", "SIGNING KEY", "ENCRYPTION KEY", "CLIENT SECRET", "CONNECTION STRING"]);

/** Whether a config key reads like a secret: `DB_PASSWORD`, `stripeApiKey`, `GITHUB_TOKEN`, `SENTRY_DSN`, ... */
export function looksLikeSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== "");
  return words.some((w, i) => SECRET_WORDS.has(w) || SECRET_PAIRS.has(`${w} ${words[i + 1] ?? ""}`));
}

/** Whether a config value reads like a secret: a PEM private key, or a URL with a password in it. */
export function looksLikeSecretValue(value: string): boolean {
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value) || /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(value);
}

/**
 * Warns where a plain config entry looks like a secret: config becomes a ConfigMap, committed to git in
 * plain text, and readable by anyone who can read the namespace's ConfigMaps.
 */
export function checkConfigForSecrets(
  view: { readonly config: Readonly<Record<string, string>> },
  /** Where a config key is set: the environment block that sets it, or the service. */
  pathOf: (key: string) => SpecPath,
  errors: SpecError[],
): void {
  for (const [key, value] of Object.entries(view.config)) {
    const byKey = looksLikeSecretKey(key);
    if (!byKey && !looksLikeSecretValue(value)) continue;
    errors.push({
      path: pathOf(key),
      message: `${byKey ? `"${key}" looks like a secret` : `the value of "${key}" looks like it holds a credential`}, and config is written in plain text into a ConfigMap under out/ (and git)`,
      fix: `keep it in a Secret outside git and reference it under secrets: ${key}: { secretName: ..., key: ... }`,
      atKey: true,
      severity: "warning",
    });
  }
}
