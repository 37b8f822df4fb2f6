// The data-entry grid moves like a spreadsheet, for keyboards ([data-grid-keys] around its table):
// Up and Down go to the same box in the row above or below; Left and Right go to the box before
// or after once the cursor is at the start or end of what is typed (so typing is unaffected);
// Enter saves the row (its form, with htmx) and at once moves the cursor down to the same box in
// the next row, so the next value can be typed while the save is on its way. A save that comes
// back with a problem to fix (an error or a far-outside warning) takes the cursor to it when it
// settles (js/after-swap.js); a save that succeeds moves nothing. Tab is untouched: it still goes
// box by box and then to the row's Save button. Nothing is announced besides the box's own label.
//
// Why at once, and not after the save settles (as this script did until December 2026): a move
// made when the save's swap settled came late, into whatever the person had done meanwhile.
// Typing straight on after Enter went into the row being saved, and its swap wiped it; a click
// (or a test's fill) in another row was pulled away, so the next value went into the wrong box,
// or the next Enter saved the wrong row. The moves were remembered in one place for the whole
// grid, so a second Enter before the first save settled sent the first save's move to the
// second's row. The grid's saves also go one at a time (hx-sync on the grid, in grid.jinja), so
// each answer's chart includes every earlier save.
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
      if (event.isComposing || !input.form) return;
      // The browser's own submit would come after this handler, to whichever box has the focus
      // by then: the row is saved here instead (values read now, or when the saves before it
      // are done), then the cursor goes down. The last row shown keeps it: its swap puts it
      // back in the same box (htmx keeps the focus of a box swapped for one with its id).
      event.preventDefault();
      const below = vertical(grid, input, 1);
      input.form.requestSubmit();
      if (below) {
        below.focus();
        below.select();
      }
      return;
    }
    const next = target(grid, input, event.key);
    if (next) {
      event.preventDefault();
      next.focus();
      next.select();
    }
  });
})();
