/**
 * The Kubernetes versions Amazon EKS offers and their support dates, from the EKS release calendar
 * (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html). Standard support lasts 14 months
 * from a version's EKS release; extended support, billed per cluster-hour on top, 12 more. On the day
 * extended support ends EKS upgrades the cluster itself. Add a row when EKS releases a version.
 */
export interface EksVersion {
  readonly version: string;
  /** Released on EKS (YYYY-MM-DD). */
  readonly released: string;
  /** First day without standard support: extended support (billed extra) from here. */
  readonly endOfStandardSupport: string;
  /** First day EKS no longer offers the version. */
  readonly endOfExtendedSupport: string;
}

/** As of this date the table was checked against the EKS release calendar. */
export const EKS_VERSIONS_CHECKED = "2026-11-26";

/** What a cluster in extended support costs, per the EKS pricing page (USD per cluster-hour). */
export const EKS_PRICE_PER_HOUR = { standard: 0.1, extended: 0.6 } as const;

export const EKS_VERSIONS: readonly EksVersion[] = [
  { version: "1.29", released: "2024-01-23", endOfStandardSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23" },
  { version: "1.30", released: "2024-05-23", endOfStandardSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23" },
  { version: "1.31", released: "2024-09-26", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
  { version: "1.32", released: "2025-01-23", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
  { version: "1.33", released: "2025-05-29", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
  { version: "1.34", released: "2025-10-02", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
  { version: "1.35", released: "2026-01-27", endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
];

/** Where a version stands on a given day. */
export type EksVersionStatus =
  | { readonly kind: "unknown" }
  | { readonly kind: "notYetReleased"; readonly entry: EksVersion }
  | { readonly kind: "standard"; readonly entry: EksVersion }
  | { readonly kind: "extended"; readonly entry: EksVersion }
  | { readonly kind: "retired"; readonly entry: EksVersion };

/** The support status of `version` on `today` (YYYY-MM-DD). */
export function eksVersionStatus(version: string, today: string): EksVersionStatus {
  const entry = EKS_VERSIONS.find((v) => v.version === version);
  if (!entry) return { kind: "unknown" };
  if (today < entry.released) return { kind: "notYetReleased", entry };
  if (today < entry.endOfStandardSupport) return { kind: "standard", entry };
  if (today < entry.endOfExtendedSupport) return { kind: "extended", entry };
  return { kind: "retired", entry };
}

/** The versions EKS offers on `today`, oldest first. */
export function offeredEksVersions(today: string): string[] {
  return EKS_VERSIONS.filter((v) => v.released <= today && today < v.endOfExtendedSupport).map((v) => v.version);
}

/** Today in UTC as YYYY-MM-DD. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The day validation judges EKS support on: `FOUNDATION_TODAY` (YYYY-MM-DD) when set, so a test suite or
 * a CI run can pin it, else today in UTC.
 */
export function validationDay(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env.FOUNDATION_TODAY;
  return pinned !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : utcToday();
}
