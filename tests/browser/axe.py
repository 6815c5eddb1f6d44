"""axe-core in the page: WCAG 2.2 AA violations, and an assertion that lists them."""

from __future__ import annotations

from playwright.sync_api import Page

AXE_URL = "/static/vendor/axe.min.js"
# WCAG 2.2 AA, as axe tags it.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Rules we exclude, each with its reason. Keep this empty unless a rule is wrong for a page.
AXE_EXCLUDED_RULES: dict[str, str] = {}


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core (our vendored copy) on the current page; return WCAG 2.2 AA violations.

    Waits for the page to finish loading first: straight after a click that navigates, the new
    document may have no <head> yet to take the script (a CI run failed that way).
    """
    page.wait_for_load_state("load")
    # From our own static files: the Content-Security-Policy refuses an inline script, as it should.
    page.add_script_tag(url=AXE_URL)
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "rules": {rule: {"enabled": False} for rule in AXE_EXCLUDED_RULES},
    }
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return result["violations"]


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    summary = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]
    assert not violations, f"axe found {len(violations)} WCAG 2.2 AA violation(s) on {page.url}:\n" + "\n".join(summary)
