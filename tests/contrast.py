"""WCAG 2 text contrast, measured in the browser on the colours Chromium computed (an equivalent of axe-core's
color-contrast rule, which is not available offline here).

Every visible text is checked against the background it is painted on: the nearest opaque background of its
ancestors, with translucent backgrounds and the text's own translucency (colour alpha, `opacity` of it and its
ancestors) blended in. SVG text is checked against the shape drawn under it in its group (the tile map). Text
of 24 px, or 18.66 px bold, needs 3:1; the rest 4.5:1 (level AA). Hidden text and text inside disabled
controls are skipped, as WCAG exempts them.
"""

from __future__ import annotations

from typing import Any

AA_NORMAL = 4.5
AA_LARGE = 3.0

_SCRIPT = r"""
() => {
  const parse = (value) => {
    if (!value || value === "none" || value === "transparent") return [0, 0, 0, 0];
    let m = value.match(/^rgba?\(([^)]+)\)$/);
    if (m) {
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = value.match(/^color\(srgb ([^)]+)\)$/);
    if (m) {
      const p = m[1].split(/[ /]+/).filter(Boolean).map(Number);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    return null;
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat([1]);
  };
  const luminance = (c) => {
    const ch = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    let bg = [255, 255, 255, 1];
    const root = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (root && root[3] > 0) bg = over(root, bg);
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const opacity = (el) => {
    let o = 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      o *= Number(getComputedStyle(node).opacity);
    }
    return o;
  };
  const visible = (el) => {
    const s = getComputedStyle(el);
    if (s.visibility === "hidden" || s.display === "none") return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    if (s.clip === "rect(0px, 0px, 0px, 0px)" || s.clipPath === "inset(50%)") return false;
    return true;
  };
  const describe = (el) => {
    const id = el.id ? "#" + el.id : "";
    const cls = typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "";
    return el.tagName.toLowerCase() + id + cls;
  };
  const failures = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.textContent.trim()) continue;
    const el = text.parentElement;
    if (!el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest("script, style, title, desc, [disabled], [aria-disabled=true], [hidden]")) continue;
    if (!visible(el)) continue;
    const s = getComputedStyle(el);
    let fg, bg;
    if (el instanceof SVGElement) {
      if (el.closest("svg") && el.closest("svg").closest("[aria-hidden=true]")) continue;
      fg = parse(s.fill);
      const group = el.parentElement;
      const shape = group && group.tagName.toLowerCase() !== "svg" ? group.querySelector(":scope > rect") : null;
      bg = shape ? over(parse(getComputedStyle(shape).fill), background(group)) : background(group);
    } else {
      fg = parse(s.color);
      bg = background(el);
    }
    if (!fg || !bg) continue;
    fg = fg.slice();
    fg[3] *= opacity(el);
    const shown = over(fg, bg);
    const size = parseFloat(s.fontSize);
    const bold = Number(s.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const need = large ? 3.0 : 4.5;
    const r = ratio(shown, bg);
    if (r + 0.005 < need) {
      failures.push({
        element: describe(el),
        text: text.textContent.trim().slice(0, 30),
        ratio: Math.round(r * 100) / 100,
        need,
        color: s.color,
        background: "rgb(" + bg.slice(0, 3).map(Math.round).join(", ") + ")",
      });
    }
  }
  return failures;
}
"""


def contrast_failures(page: Any) -> list[dict[str, Any]]:
    """The texts of the page Playwright shows whose contrast is below WCAG AA, with their ratios."""
    return page.evaluate(_SCRIPT)
