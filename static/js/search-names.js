// The search form's reporter and region boxes: as one types, the names the archive holds that contain the
// text are offered in the box's <datalist>, from /search/names.json. Without this script the boxes still
// work: the page then says which names a name not found may mean.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-names-url]");
  if (!form) return;
  const url = form.dataset.namesUrl;
  for (const input of form.querySelectorAll("input[data-names]")) {
    const list = document.getElementById(input.getAttribute("list"));
    const kind = input.dataset.names;
    const known = new Map(); // text -> names, this page only
    let timer = 0;
    let asked = "";
    const show = (names) => {
      list.replaceChildren(
        ...names.map((name) => {
          const option = document.createElement("option");
          option.value = name.value;
          option.label = `${name.count} 篇`;
          return option;
        }),
      );
    };
    const ask = async (text) => {
      if (known.has(text)) return show(known.get(text));
      asked = text;
      try {
        const response = await fetch(`${url}?${new URLSearchParams({ kind, q: text })}`);
        if (!response.ok) return;
        const names = (await response.json()).names;
        known.set(text, names);
        if (asked === text) show(names);
      } catch {
        // Offline or the server away: the box stays a plain text box.
      }
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const text = input.value.trim();
      if (!text) return show([]);
      timer = setTimeout(() => ask(text), 120);
    });
  }
});
