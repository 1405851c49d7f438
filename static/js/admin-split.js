// Split a paragraph where the editor points: a click (or tap) between two characters of a paragraph's text,
// or, from the keyboard, focus the paragraph and move a visible caret with the arrow keys (Ctrl/Alt+arrow:
// to the next sentence end; Home/End), Enter to split, Escape to leave. The split posts the cut as a
// character offset (`at`, in code points, as Python counts) and the characters before it as the page
// showed them (`before`), so a paragraph changed since is refused rather than cut in the wrong place.
// Without JavaScript the paragraph's "拆分这一段…" page does the same with a form.
"use strict";
(() => {
  const SENTENCE_END = /[。！？；!?;…]/;
  const SHOWN = 10; // characters shown each side of the caret

  // The offset, in code points of the element's text, of a DOM position inside it.
  const offsetOf = (element, node, offset) => {
    const range = document.createRange();
    range.setStart(element, 0);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  };

  const pointed = (event) => {
    if (document.caretPositionFromPoint) {
      const at = document.caretPositionFromPoint(event.clientX, event.clientY);
      return at && { node: at.offsetNode, offset: at.offset };
    }
    const range = document.caretRangeFromPoint && document.caretRangeFromPoint(event.clientX, event.clientY);
    return range && { node: range.startContainer, offset: range.startOffset };
  };

  const setUp = (element, template) => {
    const chars = Array.from(element.textContent);
    const last = chars.length - 1;
    let at = null;
    let panel = null;

    const render = () => {
      element.replaceChildren();
      if (at === null) {
        element.append(chars.join(""));
        return;
      }
      const caret = document.createElement("span");
      caret.className = "nr-caret";
      caret.setAttribute("aria-hidden", "true");
      element.append(chars.slice(0, at).join(""), caret, chars.slice(at).join(""));
    };

    const close = () => {
      at = null;
      render();
      if (panel) panel.remove();
      panel = null;
    };

    const place = (offset) => {
      at = Math.min(Math.max(offset, 1), last);
      render();
      if (!panel) {
        panel = template.content.firstElementChild.cloneNode(true);
        panel.action = element.dataset.splitUrl;
        panel.querySelector("[data-cancel]").addEventListener("click", () => {
          close();
          element.focus();
        });
        element.after(panel);
      }
      const before = chars.slice(Math.max(0, at - SHOWN), at).join("");
      const after = chars.slice(at, at + SHOWN).join("");
      panel.querySelector("[name=at]").value = at;
      panel.querySelector("[name=before]").value = before;
      panel.querySelector("[data-before]").textContent = (at > SHOWN ? "…" : "") + before;
      panel.querySelector("[data-after]").textContent = after + (at + SHOWN < chars.length ? "…" : "");
      panel.querySelector("[data-where]").textContent = `第 ${at} 个字之后`;
    };

    const sentenceEnd = (from, step) => {
      for (let i = from + step; i >= 1 && i <= last; i += step) {
        if (SENTENCE_END.test(chars[i - 1])) return i;
      }
      return step > 0 ? last : 1;
    };

    element.tabIndex = 0;
    element.classList.add("is-splittable");
    // Read-only text with a caret of its own: screen readers pass the arrow keys through to it.
    element.setAttribute("role", "textbox");
    element.setAttribute("aria-readonly", "true");
    element.setAttribute("aria-multiline", "true");
    element.setAttribute("aria-describedby", "nr-split-help");
    element.addEventListener("click", (event) => {
      if (window.getSelection().toString()) return; // the editor is selecting text to copy
      const where = pointed(event);
      if (!where || !element.contains(where.node)) return;
      place(offsetOf(element, where.node, where.offset));
    });
    element.addEventListener("keydown", (event) => {
      const jump = event.ctrlKey || event.altKey;
      const moves = {
        ArrowRight: () => (jump ? sentenceEnd(at ?? 0, 1) : at === null ? 1 : at + 1),
        ArrowLeft: () => (jump ? sentenceEnd(at ?? chars.length, -1) : at === null ? last : at - 1),
        Home: () => 1,
        End: () => last,
      };
      if (moves[event.key]) {
        event.preventDefault();
        place(moves[event.key]());
      } else if (event.key === "Enter" && at !== null) {
        event.preventDefault();
        panel.requestSubmit();
      } else if (event.key === "Escape" && at !== null) {
        event.preventDefault();
        close();
      }
    });
  };

  document.addEventListener("DOMContentLoaded", () => {
    const template = document.getElementById("nr-split-template");
    if (!template) return;
    document.querySelectorAll("[data-split-url]").forEach((element) => {
      if (Array.from(element.textContent).length > 1) setUp(element, template);
    });
    const help = document.getElementById("nr-split-help");
    if (help) help.hidden = false;
  });
})();
