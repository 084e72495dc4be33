"""Page dumps made the way users' dumps are made: what headless Chromium renders.

Each page's saved HTML is loaded with JavaScript off and every network request refused
(nothing leaves the machine; external stylesheets and images are simply absent), each
image's alt text is set on a line of its own just before the image (as in the seed dump),
and `innerText` is taken twice: of the whole page, and of the article's own region, the
smallest element holding nearly all of the gold body text.  One browser, a few tabs.
"""

from __future__ import annotations

import asyncio
from typing import Awaitable, Callable

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

# Runs inside the page (page.evaluate works with the page's own scripts off).  `keys` are the
# gold paragraphs, lower-cased letters and digits only, with their weights (lengths).
_SCRIPT = r"""
([keys]) => {
  for (const n of document.querySelectorAll('noscript')) n.remove();
  for (const img of document.querySelectorAll('img[alt]')) {
    const alt = (img.getAttribute('alt') || '').trim();
    if (!alt) continue;
    const line = document.createElement('div');
    line.textContent = alt;
    img.parentNode.insertBefore(line, img);
  }
  const body = document.body || document.documentElement;
  const cache = new Map();
  const norm = (el) => {
    let t = cache.get(el);
    if (t === undefined) { t = (el.textContent || '').toLowerCase().replace(/[^a-z0-9]+/g, ''); cache.set(el, t); }
    return t;
  };
  // The deepest element holding each key, found by walking down from the body.
  const weight = new Map();
  let total = 0;
  for (const [key, w] of keys) {
    if (!norm(body).includes(key)) continue;
    total += w;
    let el = body;
    for (;;) {
      let next = null;
      for (const child of el.children) { if (norm(child).includes(key)) { next = child; break; } }
      if (!next) break;
      el = next;
    }
    for (let a = el; a; a = a.parentElement) weight.set(a, (weight.get(a) || 0) + w);
  }
  let region = body;
  if (total > 0) {
    let best = null, bestDepth = -1;
    for (const [el, w] of weight) {
      if (w < 0.9 * total) continue;
      let depth = 0;
      for (let a = el; a; a = a.parentElement) depth++;
      if (depth > bestDepth) { best = el; bestDepth = depth; }
    }
    region = best || body;
  }
  return [body.innerText || '', region.innerText || '', total];
}
"""


def gold_keys(paragraphs: list[str]) -> list[list]:
    """What the page script looks for: each gold paragraph's first 60 letters and digits."""
    keys = []
    for text in paragraphs:
        key = "".join(c for c in text.lower() if c.isascii() and c.isalnum())
        if len(key) >= 15:
            keys.append([key[:60], len(key)])
    return keys


async def _render_one(context, html: str, keys: list[list]) -> tuple[str, str]:
    page = await context.new_page()
    try:
        try:
            await page.set_content(html, wait_until="domcontentloaded", timeout=30_000)
        except Exception:
            pass  # a page that never finishes loading is rendered as far as it got
        whole, region, _ = await page.evaluate(_SCRIPT, [keys])
        return whole, region
    finally:
        await page.close()


async def render_all(jobs: list, keys_of: Callable, html_of: Callable, done: Callable[[object, str, str], None],
                     failed: Callable[[object, str], None], tabs: int = 2) -> None:
    """Render every job (in `tabs` tabs of one browser) and hand each result to `done`."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = await browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        await context.route("**/*", lambda route: route.abort())
        queue: asyncio.Queue = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)

        async def worker():
            while not queue.empty():
                job = queue.get_nowait()
                try:
                    whole, region = await asyncio.wait_for(_render_one(context, html_of(job), keys_of(job)), 90)
                except Exception as error:  # one page that cannot be rendered never stops the build
                    failed(job, f"{type(error).__name__}: {error}")
                    continue
                done(job, whole, region)

        await asyncio.gather(*(worker() for _ in range(tabs)))
        await browser.close()
