/** Comments for the generated spec, keyed by the dotted spec path they explain (`clusters.main.vpc.cidr`). */
export class Inferred {
  private readonly notes = new Map<string, string>();

  /** Records why a value was inferred rather than read. */
  note(path: readonly string[], comment: string): void {
    const key = path.join(".");
    const had = this.notes.get(key);
    this.notes.set(key, had && had !== comment ? `${had}; ${comment}` : comment);
  }

  /** Whether a comment explains something strictly below the path. */
  under(path: readonly string[]): boolean {
    const prefix = `${path.join(".")}.`;
    return [...this.notes.keys()].some((k) => k.startsWith(prefix));
  }

  /** The comment for a spec path, if any. */
  at(path: readonly string[]): string | undefined {
    return this.notes.get(path.join("."));
  }
}
