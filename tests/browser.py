"""Debian's Chromium, headless, driven by Playwright: open a page, and
collect what a person would notice (console errors, failed loads, broken
images) and where every link leads.

The browser is required: a machine without /usr/bin/chromium fails these
tests (``.ci/run`` installs it), it does not skip them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# This machine has no network: keep Chromium from reaching for Google's services.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class Visit:
    url: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # requests that did not load
    requested: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)  # src, complete, naturalWidth, box
    links: list[str] = field(default_factory=list)  # absolute hrefs
    fetched: dict[str, dict] = field(default_factory=dict)  # href -> status, type, head (first bytes)
    fonts: dict[str, str] = field(default_factory=dict)  # web font family -> load status


@contextlib.contextmanager
def chromium():
    """A fresh headless Chromium (its own empty profile folder)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        raise AssertionError(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver (see .ci/run)")
    profile = tempfile.mkdtemp(prefix="pamphlet-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=FLAGS,
                viewport={"width": 1100, "height": 900}, device_scale_factor=1)
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def visit(context, url: str, screenshot: Path | None = None, fetch_links: bool = False) -> Visit:
    seen = Visit(url)
    page = context.new_page()
    page.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.console_errors.append(str(e)))
    page.on("requestfailed", lambda r: seen.failed.append(f"{r.url} ({r.failure})"))
    page.on("request", lambda r: seen.requested.append(r.url))
    response = page.goto(url, wait_until="load")
    if response is not None and not response.ok:
        seen.failed.append(f"{url} (status {response.status})")
    seen.images = page.eval_on_selector_all(
        "img", "els => els.map(e => ({src: e.src, complete: e.complete, naturalWidth: e.naturalWidth,"
               " box: (r => [r.x, r.y, r.width, r.height])(e.getBoundingClientRect())}))")
    seen.links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    seen.fonts = dict(page.evaluate("async () => { await document.fonts.ready;"
                                    " return [...document.fonts].map(f => [f.family, f.status]); }"))
    if fetch_links:
        for href in dict.fromkeys(h for h in seen.links if "#" not in h):
            seen.fetched[href] = page.evaluate(
                """async href => {
                     const r = await fetch(href);
                     const head = new Uint8Array(await r.arrayBuffer()).slice(0, 5);
                     return {status: r.status, type: r.headers.get('content-type'),
                             head: String.fromCharCode(...head)};
                   }""", href)
    if screenshot is not None:
        page.screenshot(path=str(screenshot), full_page=True)
    page.close()
    return seen


@contextlib.contextmanager
def serve(folder: Path):
    """The folder over HTTP on a loopback port, as any static web host would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass
