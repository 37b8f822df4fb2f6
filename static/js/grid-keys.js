// The data-entry grid moves like a spreadsheet, for keyboards ([data-grid-keys] around its table):
// Up and Down go to the same box in the row above or below; Left and Right go to the box before
// or after once the cursor is at the start or end of what is typed (so typing is unaffected);
// Enter saves the row as before (its form), and once the save settles without a problem to fix
// the cursor moves down to the same box in the next row. Tab is untouched: it still goes box by
// box and then to the row's Save button. Nothing is announced besides the box's own label.
"use strict";

(() => {
  const inputs = (grid) => Array.from(grid.querySelectorAll("tbody input[type='text']"));

  // Boxes are named "m<measure>-<field>" in every row: the column is the name.
  const columnOf = (input) => input.name;

  const rowOf = (input) => input.closest("tbody");

  function vertical(grid, input, step) {
    const rows = Array.from(grid.querySelectorAll("tbody")).filter(
      (row) => row.querySelector("input[type='text']"),
    );
    const next = rows[rows.indexOf(rowOf(input)) + step];
    return next && next.querySelector(`input[name="${CSS.escape(columnOf(input))}"]`);
  }

  function horizontal(grid, input, step) {
    const all = inputs(grid);
    return all[all.indexOf(input) + step];
  }

  function atEdge(input, step) {
    const start = input.selectionStart;
    const end = input.selectionEnd;
    if (start === null || start !== end) return false;
    return step < 0 ? start === 0 : end === input.value.length;
  }

  function target(grid, input, key) {
    if (key === "ArrowUp") return vertical(grid, input, -1);
    if (key === "ArrowDown") return vertical(grid, input, 1);
    if (key === "ArrowLeft" && atEdge(input, -1)) return horizontal(grid, input, -1);
    if (key === "ArrowRight" && atEdge(input, 1)) return horizontal(grid, input, 1);
    return null;
  }

  document.addEventListener("keydown", (event) => {
    const input = event.target;
    const grid = input instanceof HTMLInputElement && input.closest("[data-grid-keys]");
    if (!grid || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key === "Enter") {
      // Remembered for after the save: the row is replaced, so its boxes are gone by then.
      const below = vertical(grid, input, 1);
      grid.dataset.moveAfterSave = below ? below.id : "";
      return;
    }
    const next = target(grid, input, event.key);
    if (next) {
      event.preventDefault();
      next.focus();
      next.select();
    }
  });

  // Registered after js/after-swap.js (which focuses a problem to fix): that comes first.
  document.addEventListener("htmx:afterSettle", (event) => {
    const grid = event.target.closest && event.target.closest("[data-grid-keys]");
    if (!grid || !grid.dataset.moveAfterSave) return;
    const below = document.getElementById(grid.dataset.moveAfterSave);
    grid.dataset.moveAfterSave = "";
    if (event.target.querySelector("[data-grid-focus]") || !below) return;
    below.focus();
    below.select();
  });
})();
