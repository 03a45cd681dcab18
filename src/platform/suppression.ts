/**
 * Statistical disclosure control for tables of counts (röjandekontroll): no published figure may
 * describe a group smaller than the municipality's minimum group size, nor let one be worked out
 * by subtraction from a total that is shown. Pure functions, shared by every results page.
 *
 * A table is rows × columns of counts with its row totals, column totals and grand total. Every
 * row and every column (the totals row and the totals column included) is a *line*: its cells sum
 * to its total. A line with exactly one hidden figure, total included, gives that figure away.
 *
 * 1. Primary suppression: every cell and every total with 0 < n < min is hidden.
 * 2. Secondary suppression: while some line has exactly one hidden figure, hide one more figure of
 *    that line: its smallest shown non-zero cell; failing that a shown zero; failing that its total.
 *    Repeat until no line has exactly one hidden figure (it stops: each step hides one more figure).
 *
 * This is the rule for counts of persons and families (who has the problem, custody, placements)
 * and for distributions whose small cells could identify someone. A share or mean of anonymous
 * survey answers follows the respondents' rule instead (suppressRespondentGroups, decision 0045):
 * it says nothing about a person, so only the size of the group of respondents counts.
 *
 * Zeros: a zero is shown. A zero describes nobody, so it is never hidden as primary. Nor is it
 * preferred as a secondary cell: an empty category is often known or easy to guess (nobody
 * answered "not satisfied"), and then the hidden small cell equals the hidden sum again. A zero is
 * hidden only when a line has nothing else left to hide.
 */

/** What a hidden figure shows on a page; the API gives null with `suppressed: true`. */
export const SUPPRESSED = "..";

/** Whether a count describes a group too small to show: more than nobody, fewer than the minimum. */
export function isSmall(n: number, min: number): boolean {
  return n > 0 && n < min;
}

export interface Suppression {
  /** cells[r][c]: whether the cell is hidden. */
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
  total: boolean;
}

interface Figure {
  value: number;
  hidden: boolean;
  /** A total is hidden only when the line has no cell left to hide. */
  isTotal: boolean;
}

/** The sums of a table: row totals, column totals and the grand total. */
export function totalsOf(cells: number[][]): { rowTotals: number[]; columnTotals: number[]; total: number } {
  const columns = cells[0]?.length ?? 0;
  const rowTotals = cells.map((row) => row.reduce((s, n) => s + n, 0));
  const columnTotals = Array.from({ length: columns }, (_, c) => cells.reduce((s, row) => s + (row[c] ?? 0), 0));
  return { rowTotals, columnTotals, total: rowTotals.reduce((s, n) => s + n, 0) };
}

/**
 * Which figures of a table of counts to hide, primary and secondary, for a minimum group size.
 * Every row must have the same number of columns; counts are whole numbers ≥ 0.
 */
export function suppressTable(cells: number[][], min: number): Suppression {
  const columns = cells[0]?.length ?? 0;
  if (cells.some((row) => row.length !== columns)) throw new Error("every row of the table must have the same number of columns");
  const sums = totalsOf(cells);
  const figure = (value: number, isTotal: boolean): Figure => ({ value, hidden: isSmall(value, min), isTotal });

  // The augmented table: the last row holds the column totals, the last column the row totals.
  const grid: Figure[][] = cells.map((row, r) => [...row.map((n) => figure(n, false)), figure(sums.rowTotals[r] ?? 0, true)]);
  grid.push([...sums.columnTotals.map((n) => figure(n, true)), figure(sums.total, true)]);
  const R = cells.length;
  const C = columns;

  // Lines: each row with its row total, each column with its column total, both margins too.
  const lines: Figure[][] = [];
  for (let r = 0; r <= R; r++) lines.push(grid[r] ?? []);
  for (let c = 0; c <= C; c++) lines.push(grid.map((row) => row[c] as Figure));

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const total = line[line.length - 1] as Figure;
      const parts = line.slice(0, -1);
      const hiddenCount = line.filter((f) => f.hidden).length;
      if (hiddenCount !== 1) continue;
      const next = secondaryChoice(parts) ?? (total.hidden ? undefined : total);
      if (next) {
        next.hidden = true;
        changed = true;
      }
    }
  }

  return {
    cells: cells.map((row, r) => row.map((_, c) => grid[r]?.[c]?.hidden ?? false)),
    rowTotals: cells.map((_, r) => grid[r]?.[C]?.hidden ?? false),
    columnTotals: Array.from({ length: C }, (_, c) => grid[R]?.[c]?.hidden ?? false),
    total: grid[R]?.[C]?.hidden ?? false,
  };
}

/** The figure to hide next in a line: the smallest shown non-zero part, else a shown zero. */
function secondaryChoice(parts: Figure[]): Figure | undefined {
  const shown = parts.filter((f) => !f.hidden);
  const byValue = (a: Figure, b: Figure) => a.value - b.value;
  return shown.filter((f) => f.value > 0).sort(byValue)[0] ?? shown.sort(byValue)[0];
}

/**
 * A list of group sizes that add up to a shown total (subgroups of a group): one column of a
 * table. Returns which groups and whether the total are hidden.
 */
export function suppressGroups(counts: number[], min: number): { groups: boolean[]; total: boolean } {
  const s = suppressTable(
    counts.map((n) => [n]),
    min,
  );
  return { groups: s.cells.map((row) => row[0] ?? false), total: s.columnTotals[0] ?? s.total };
}

/**
 * The respondents' rule (decision 0045): groups of anonymous respondents (answers) that add up to a
 * whole whose share or mean may be shown. A group's share or mean is shown when the group has at
 * least `min` respondents, whatever the answers (15 of 17 is shown). Hidden are every group with
 * 0 < n < min, and then more groups, the smallest shown non-empty one first, until the hidden
 * groups together have at least `min` respondents: then neither one hidden group nor the hidden
 * ones together can be worked back from the whole (whole − shown = hidden, a group of ≥ min).
 * When the groups run out first, the whole itself is under the minimum and is hidden as well.
 * Returns which groups are hidden; groups of 0 are never hidden (they describe nobody).
 */
export function suppressRespondentGroups(sizes: readonly number[], min: number): boolean[] {
  const hidden = sizes.map((n) => isSmall(n, min));
  const hiddenSum = () => sizes.reduce((s, n, i) => s + (hidden[i] ? n : 0), 0);
  for (;;) {
    const sum = hiddenSum();
    if (sum === 0 || sum >= min) return hidden;
    let next = -1;
    sizes.forEach((n, i) => {
      if (!hidden[i] && n > 0 && (next < 0 || n < (sizes[next] ?? 0))) next = i;
    });
    if (next < 0) return hidden;
    hidden[next] = true;
  }
}

/** A figure as shown: the value, or null when it is hidden (the API's form). */
export function shownOrNull<T>(value: T, hidden: boolean): T | null {
  return hidden ? null : value;
}
