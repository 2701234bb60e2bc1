"""A Playwright page that records everything a reader's browser does.

Every request that leaves 127.0.0.1 is aborted and recorded; so are failed
responses, console errors, uncaught exceptions and every Content Security Policy
violation the page or any of its frames reports (`securitypolicyviolation`). Closed
shadow roots are opened, so tests can see inside the diagrams Material draws (and
Zensical's search dialog)."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route

from scripts.core.chromium import OPEN_SHADOW_ROOTS, local_context

# How long the network must stay quiet (no request in flight) for a page to count as
# loaded: long enough for the scripts the load event starts to ask for what they need
# (the search index, the sitemap), much shorter than `networkidle`'s fixed 500 ms.
QUIET_MS = 150


@dataclass
class Visit:
    page: Page
    offsite: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    in_flight: int = 0
    violations: list[str] = field(default_factory=list)

    def requested(self, fragment: str) -> list[str]:
        return [url for url in self.requests if fragment in url]

    def goto(self, url: str) -> None:
        """Open url and wait for its load event, then for the network to be quiet."""
        self.page.goto(url, wait_until="load")
        self.quiet()

    def quiet(self, timeout_ms: int = 30_000) -> None:
        """Wait until no request of this page has been in flight for QUIET_MS: what
        the scripts started has arrived, or failed and been recorded."""
        waited = quiet_for = 0
        step = 25
        while quiet_for < QUIET_MS:
            if waited >= timeout_ms:
                raise AssertionError(f"requests still in flight after {timeout_ms} ms")
            self.page.wait_for_timeout(step)
            waited += step
            quiet_for = quiet_for + step if self.in_flight == 0 else 0

    def assert_clean(self) -> None:
        """No off-site request, every response 2xx/3xx, no console error, no Content
        Security Policy violation."""
        assert self.offsite == [], f"requests that left 127.0.0.1: {self.offsite}"
        assert self.violations == [], f"Content Security Policy violations: {self.violations}"
        assert self.failed == [], f"failed responses: {self.failed}"
        assert self.errors == [], f"console errors: {self.errors}"


# Each build's search UI: the control that opens it, its box, and each result's link.
# Material's box sits in the header; Zensical's is in a dialog that the header's
# button opens, drawn in a shadow root.
SEARCH_UIS = (
    ("input.md-search__input", "input.md-search__input", "a.md-search-result__link"),
    ("button.md-search__button", "input[role=combobox]", "[role=listbox] a[role=option]"),
)


def open_search(page: Page) -> tuple[Locator, str]:
    """Open whichever search UI the page has: its box, and the selector of its results."""
    for opener, box, results in SEARCH_UIS:
        if page.locator(opener).count():
            if not page.locator(box).is_visible():
                page.locator(opener).click()
            return page.locator(box), results
    raise AssertionError("no search UI on the page")


# Reports each Content Security Policy violation of every frame to the test, through
# the binding that record_violations() exposes; added before any page script runs.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => {
  window.__reportViolation(
    [event.effectiveDirective, event.blockedURI, event.sourceFile, event.lineNumber,
     event.sample].join(" | "))
}, true);
"""


def record_violations(context: BrowserContext, into: list[str]) -> None:
    """Append every Content Security Policy violation of the context's pages to `into`."""
    context.expose_binding("__reportViolation", lambda _source, text: into.append(text))
    context.add_init_script(REPORT_VIOLATIONS)


def open_page(
    browser: Browser,
    *,
    color_scheme: str = "light",
    viewport: dict | None = None,
) -> Visit:
    offsite: list[str] = []
    context = local_context(
        browser,
        offsite,
        color_scheme=color_scheme,
        viewport=viewport or {"width": 1280, "height": 900},
        service_workers="block",
    )
    violations: list[str] = []
    record_violations(context, violations)
    page = context.new_page()
    visit = Visit(page, offsite=offsite, violations=violations)

    def started(request) -> None:
        visit.requests.append(request.url)
        visit.in_flight += 1

    def ended(request) -> None:
        visit.in_flight -= 1

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and visit.failed.append(f"{response.status} {response.url}")
        ),
    )
    # ERR_ABORTED is either our own abort of an off-site request (recorded above) or
    # a request the browser dropped because the test moved to another page.
    page.on(
        "requestfailed",
        lambda request: (
            request.failure != "net::ERR_ABORTED"
            and visit.failed.append(f"failed {request.url}: {request.failure}")
        ),
    )
    page.on("console", lambda msg: msg.type == "error" and visit.errors.append(msg.text))
    page.on("pageerror", lambda exc: visit.errors.append(f"uncaught: {exc}"))
    return visit


def close(context: BrowserContext) -> None:
    """Close a test's context. Its route handlers go first, without waiting for one
    still running: a run hung for eight minutes in context.close() after a page that
    had sent an <a ping> (Playwright waits for active route handlers on close)."""
    context.unroute_all(behavior="ignoreErrors")
    context.close()


def open_file_page(browser: Browser) -> tuple[Page, list[str], list[str]]:
    """A page that may read file:// and nothing else (the offline copy): the page, the
    requests it was refused, and its console errors and policy violations."""
    context = browser.new_context()
    context.add_init_script(OPEN_SHADOW_ROOTS)
    blocked: list[str] = []
    errors: list[str] = []
    record_violations(context, errors)

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page, blocked, errors
