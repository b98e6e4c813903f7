"""What the browser tests ask a page in Chromium (width, text, contrast, resources,
screenshots, printing), and the constants they share; the fixtures are in conftest."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

#: A4 at 96 CSS pixels per inch, the width Chromium lays a printed page out at
#: (210 mm); the printed text area is narrower still (the page's margins).
A4_WIDTH = 794
#: The text width of a printed A4 page of ``demat render`` (its @page margins: 12 mm
#: each side), where the page is really laid out when printed.
A4_TEXT_WIDTH = 794 - round(24 * 96 / 25.4)
DESKTOP_WIDTH = 1280
#: Set to refresh docs/screenshots/ from the tests (``DEMAT_UPDATE_SCREENSHOTS=1``).
UPDATE_SCREENSHOTS = "DEMAT_UPDATE_SCREENSHOTS"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


_CONTRAST = """
const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
  v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const opaque = c => { const m = c.match(/[\\d.]+/g); return m.length < 4 || Number(m[3]) > 0; };
const behind = e => { for (; e; e = e.parentElement) {
  const c = getComputedStyle(e).backgroundColor; if (opaque(c)) return c; }
  return 'rgb(255, 255, 255)'; };
const bad = [];
const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walk.nextNode()) {
  const node = walk.currentNode; if (!node.textContent.trim()) continue;
  const e = node.parentElement, a = lum(getComputedStyle(e).color), b = lum(behind(e));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < arguments[0])
    bad.push(e.tagName + ' ' + ratio.toFixed(2) + ': ' + node.textContent.trim().slice(0, 40));
}
return bad;
"""


def plain(text: str) -> str:
    """``text`` with its no-break spaces as plain spaces (amounts: ``1 234,56 €``), as
    PDF text extraction may give either."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


class Page:
    """One open page and the few questions the tests ask it."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver

    def js(self, script: str, *args: object) -> Any:
        return self.driver.execute_script(script, *args)

    def viewport(self, width: int, height: int = 1000, *, media: str = "screen") -> None:
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})

    def open(self, path: Path) -> None:
        self.driver.get(path.resolve().as_uri())
        assert self.js("return document.readyState") == "complete"

    def overflow(self) -> int:
        """By how many CSS pixels the page is wider than the viewport (0: it fits),
        the widest element named when it does not."""
        return int(
            self.js(
                "const d = document.documentElement;"
                "return Math.max(d.scrollWidth, document.body.scrollWidth) - d.clientWidth;"
            )
        )

    def widest(self) -> str:
        return str(
            self.js(
                "let w = null, r = 0; for (const e of document.querySelectorAll('body *')) {"
                " const b = e.getBoundingClientRect().right; if (b > r) { r = b; w = e; } }"
                "return w ? w.tagName + ' ' + w.className + ' ' + r : '';"
            )
        )

    def text(self) -> str:
        return str(self.js("return document.body.innerText"))

    def low_contrast(self, minimum: float) -> list[str]:
        """Every piece of text whose contrast with its background is below ``minimum``
        (WCAG's ratio, computed from the colours Chromium actually applies)."""
        return list(self.js(_CONTRAST, minimum))

    def fetched(self) -> list[str]:
        """Every resource the page loaded besides itself (a self-contained page: none)."""
        return list(self.js("return performance.getEntriesByType('resource').map(e => e.name)"))

    def screenshot(self, target: Path, width: int) -> bytes:
        """The whole page at ``width`` as PNG, written to ``target``."""
        self.viewport(width)
        height = int(self.js("return document.documentElement.scrollHeight"))
        self.viewport(width, height)
        png: bytes = self.driver.get_screenshot_as_png()
        target.write_bytes(png)
        if os.environ.get(UPDATE_SCREENSHOTS):
            DOCS.mkdir(parents=True, exist_ok=True)
            (DOCS / target.name).write_bytes(png)
        self.viewport(width)
        return png

    def print_pdf(self) -> bytes:
        """The page printed by Chromium on A4 (its own print engine, our @page rules)."""
        import base64

        from selenium.webdriver.common.print_page_options import PrintOptions

        options = PrintOptions()
        options.page_width = 21.0
        options.page_height = 29.7
        options.shrink_to_fit = False  # a page too wide must show, not be scaled down
        return base64.b64decode(self.driver.print_page(options))
