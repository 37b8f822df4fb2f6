// The project form's organisation picker (templates/projects/_organisation_picker.jinja), over
// htmx: results come as you type; what is ticked in them moves to the chosen list before the
// next results replace them. "Find organisations" (the form's search round trip without
// JavaScript) becomes a plain button, so Enter in any other box saves the form again; Enter in
// the search box searches. Also: the region chosen to lead is not offered as participating.
"use strict";

(() => {
  const search = (picker) => picker.querySelector("input[type='search']");
  const ask = (picker) => search(picker).dispatchEvent(new Event("search"));

  function chosenBoxes(picker, results) {
    const chosen = picker.querySelector("[data-organisations-chosen]");
    const box = chosen.querySelector(".nhsuk-checkboxes");
    if (box) return box;
    const group = results.querySelector(".nhsuk-form-group").cloneNode(true);
    group.querySelector("legend").textContent = chosen.dataset.legend;
    const empty = group.querySelector(".nhsuk-checkboxes");
    empty.replaceChildren();
    chosen.replaceChildren(group);
    return empty;
  }

  function keepTicked(picker, results) {
    const ticked = Array.from(results.querySelectorAll("input[type='checkbox']:checked"));
    if (!ticked.length) return;
    const boxes = chosenBoxes(picker, results);
    ticked.forEach((input) => boxes.append(input.closest(".nhsuk-checkboxes__item")));
  }

  function offerParticipating(form) {
    const lead = form.querySelector("select[name='lead_region']");
    if (!lead) return;
    form.querySelectorAll("input[name='participating_regions']").forEach((input) => {
      const leads = input.value === lead.value;
      input.closest(".nhsuk-checkboxes__item").hidden = leads;
      if (leads) input.checked = false;
    });
  }

  function start(picker) {
    const find = picker.querySelector("[data-organisation-find]");
    find.type = "button";
    find.addEventListener("click", () => ask(picker));
    search(picker).addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      ask(picker);
    });
    const form = picker.closest("form");
    offerParticipating(form);
    form.addEventListener("change", (event) => {
      if (event.target.name === "lead_region") offerParticipating(form);
    });
  }

  document.addEventListener("htmx:beforeSwap", (event) => {
    const results = event.detail.target;
    const picker = results.closest("[data-organisation-picker]");
    if (picker && results.id === "organisation-results") keepTicked(picker, results);
  });

  document.querySelectorAll("[data-organisation-picker]").forEach(start);
})();
