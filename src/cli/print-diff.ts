import type { Io } from "./report.js";
import { COLORS, PLAIN, type Palette } from "../diff/core/palette.js";

/** How `foundation diff` prints its result. */
export type DiffFormat = "text" | "markdown" | "json";

/** A diff's two human renderings (JSON is the same for every diff). */
export interface DiffRenderers<T> {
  markdown(diff: T): string;
  text(diff: T, palette: Palette): string;
}

/** Prints a diff in the chosen format: JSON with a version field, Markdown, or text (colored on a terminal). */
export function printDiff<T extends object>(io: Io, format: DiffFormat, diff: T, render: DiffRenderers<T>, color: boolean): void {
  if (format === "json") io.out(JSON.stringify({ version: 1, ...diff }, null, 2));
  else if (format === "markdown") io.out(render.markdown(diff).replace(/\n$/, ""));
  else io.out(render.text(diff, color ? COLORS : PLAIN).replace(/\n$/, ""));
}
