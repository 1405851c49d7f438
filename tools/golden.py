"""Write or check the golden files: fixtures/pages/<case>.txt -> <case>.expected.json.

python tools/golden.py            # show which cases differ
python tools/golden.py --update   # rewrite every expected file (review the diff before committing!)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.reconstruct.page import reconstruct_page  # noqa: E402

PAGES = ROOT / "fixtures" / "pages"
VOLATILE = ("confidence",)  # scores move when the engine is tuned; the golden files pin decisions


def golden_json(path: Path) -> dict:
    """The engine's JSON for a page, without the volatile scores."""
    page = reconstruct_page(path.read_bytes(), source=path.name).to_json()
    for article in page["articles"]:
        for key in VOLATILE:
            article.pop(key, None)
    return page


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    update = "--update" in sys.argv
    differ = 0
    for txt in sorted(PAGES.glob("*.txt")):
        expected = txt.with_suffix(".expected.json")
        actual = dump(golden_json(txt))
        if not expected.exists() or expected.read_text(encoding="utf-8") != actual:
            differ += 1
            print(("updated " if update else "differs ") + txt.name)
            if update:
                expected.write_text(actual, encoding="utf-8")
    print(f"{differ} of {len(list(PAGES.glob('*.txt')))} cases differ")
    return 1 if differ and not update else 0


if __name__ == "__main__":
    raise SystemExit(main())
