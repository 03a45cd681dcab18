import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSmall, shownOrNull, suppressGroups, suppressTable, totalsOf } from "./suppression.ts";

/** The hidden figures of a table as a picture: "x" hidden, "." shown, the margins last. */
function picture(cells: number[][], min: number): string[] {
  const s = suppressTable(cells, min);
  const mark = (hidden: boolean) => (hidden ? "x" : ".");
  return [
    ...s.cells.map((row, r) => `${row.map(mark).join("")}|${mark(s.rowTotals[r] ?? false)}`),
    `${s.columnTotals.map(mark).join("")}|${mark(s.total)}`,
  ];
}

describe("small counts", () => {
  it("is small from 1 up to one under the minimum; zero is not", () => {
    expect([0, 1, 4, 5, 6].map((n) => isSmall(n, 5))).toEqual([false, true, true, false, false]);
  });

  it("shows a value or null", () => {
    expect(shownOrNull(7, false)).toBe(7);
    expect(shownOrNull(7, true)).toBeNull();
  });
});

describe("suppressing a table of counts", () => {
  it("shows a table without small cells as it is", () => {
    expect(
      picture(
        [
          [10, 20],
          [30, 40],
        ],
        5,
      ),
    ).toEqual(["..|.", "..|.", "..|."]);
  });

  it("hides a cell of 3 and the next smallest cell of its row and column, and the cell that makes both lines safe", () => {
    // 3 is small; its row then hides 8 (smaller than 20), its column hides 6 (smaller than 9).
    // 8's column and 6's row then have one hidden cell each: 7 (the smallest in both) closes them.
    expect(
      picture(
        [
          [3, 8, 20],
          [6, 7, 30],
          [9, 12, 40],
        ],
        5,
      ),
    ).toEqual(["xx.|.", "xx.|.", "...|.", "...|."]);
  });

  it("hides a total under the minimum with its cells, and its sibling so that the grand total does not give it away", () => {
    // Row 1 sums to 3: both its cells (1 and 2) and its total are small. The totals column then
    // has exactly one hidden figure, so the smaller other row total (row 0) is hidden too.
    const s = suppressTable(
      [
        [10, 12],
        [1, 2],
        [20, 30],
      ],
      5,
    );
    expect(s.cells[1]).toEqual([true, true]);
    expect(s.rowTotals).toEqual([true, true, false]);
    expect(s.total).toBe(false);
  });

  it("shows zeros and does not hide them while another cell is left", () => {
    // The 2 is hidden; its row hides 9 rather than the zero.
    expect(picture([[2, 0, 9, 30]], 5)).toEqual(["x.x.|.", "x.x.|."]);
  });

  it("keeps zeros shown when a total can be hidden instead", () => {
    // The 3 is hidden, so its row hides the 10; the totals row (3 hidden) hides the 10 of column 1,
    // and column 1 then has two hidden figures: its zero stays shown.
    expect(
      picture(
        [
          [3, 10],
          [0, 0],
        ],
        5,
      ),
    ).toEqual(["xx|.", "..|.", "xx|."]);
    // A small cell and its small total hide each other; secondary cells are hidden with their totals.
    expect(
      picture(
        [
          [4, 0],
          [10, 10],
        ],
        5,
      ),
    ).toEqual(["x.|x", "x.|x", "..|."]);
  });

  it("keeps a table of zeros shown", () => {
    expect(picture([[0, 0]], 5)).toEqual(["..|.", "..|."]);
  });

  it("works at the boundary: 4 is hidden, 5 is shown", () => {
    expect(suppressGroups([4, 10], 5)).toEqual({ groups: [true, true], total: false });
    expect(suppressGroups([5, 10], 5)).toEqual({ groups: [false, false], total: false });
  });

  it("hides subgroups so that none can be worked out from the group's total", () => {
    expect(suppressGroups([9, 3, 20], 5)).toEqual({ groups: [true, true, false], total: false });
    expect(suppressGroups([3, 1], 5)).toEqual({ groups: [true, true], total: true });
    expect(suppressGroups([0, 12], 5)).toEqual({ groups: [false, false], total: false });
  });

  it("refuses a ragged table", () => {
    expect(() => suppressTable([[1, 2], [3]], 5)).toThrow();
  });

  it("adds up the margins", () => {
    expect(
      totalsOf([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual({ rowTotals: [3, 7], columnTotals: [4, 6], total: 10 });
  });
});

const table = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([r, c]) => fc.array(fc.array(fc.nat({ max: 30 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

describe("suppression, for any table", () => {
  it("leaves no row or column with exactly one hidden figure, total included", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 2, max: 10 }), (cells, min) => {
        const s = suppressTable(cells, min);
        const hiddenGrid = [...s.cells.map((row, r) => [...row, s.rowTotals[r] ?? false]), [...s.columnTotals, s.total]];
        const rows = hiddenGrid;
        const columns = (hiddenGrid[0] ?? []).map((_, c) => hiddenGrid.map((row) => row[c] ?? false));
        for (const line of [...rows, ...columns]) expect(line.filter(Boolean).length).not.toBe(1);
      }),
    );
  });

  it("hides every small cell and total, and never a figure of a table without small ones", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 2, max: 10 }), (cells, min) => {
        const s = suppressTable(cells, min);
        const sums = totalsOf(cells);
        cells.forEach((row, r) => {
          row.forEach((n, c) => {
            if (isSmall(n, min)) expect(s.cells[r]?.[c]).toBe(true);
          });
          if (isSmall(sums.rowTotals[r] ?? 0, min)) expect(s.rowTotals[r]).toBe(true);
        });
        sums.columnTotals.forEach((n, c) => {
          if (isSmall(n, min)) expect(s.columnTotals[c]).toBe(true);
        });
        const anySmall = [...cells.flat(), ...sums.rowTotals, ...sums.columnTotals, sums.total].some((n) => isSmall(n, min));
        if (!anySmall) expect([...s.cells.flat(), ...s.rowTotals, ...s.columnTotals, s.total].some(Boolean)).toBe(false);
      }),
    );
  });
});
