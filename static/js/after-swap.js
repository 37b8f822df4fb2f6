// What the pages' htmx swaps need besides htmx, as listeners: hx-on attributes would need htmx
// to run their text with eval, which the Content-Security-Policy refuses.
//
// data-focus-after-settle="<selector>" on a container: when a swap in it settles, focus the
// first match in the swapped content; with data-focus-if-lost="<selector>" too, a match for that
// when the swap left focus nowhere (on <body>), so keyboard users keep their place.
//
// data-error-links-focus on a container: a link in an error summary swapped into it focuses its
// field (NHS.UK frontend does this only for the summaries on the page when it loaded).
"use strict";

document.addEventListener("htmx:afterSettle", (event) => {
  const swapped = event.target;
  const container = swapped.closest("[data-focus-after-settle]");
  if (!container) return;
  const lost = document.activeElement === document.body && container.dataset.focusIfLost;
  const target =
    swapped.querySelector(container.dataset.focusAfterSettle) ||
    (lost && swapped.querySelector(container.dataset.focusIfLost));
  if (target) target.focus();
});

document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-error-links-focus] .nhsuk-error-summary a");
  const input = link && document.getElementById(link.hash.slice(1));
  if (input) {
    event.preventDefault();
    input.focus();
  }
});
