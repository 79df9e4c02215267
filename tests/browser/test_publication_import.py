"""An editor publishes a plan from its PDF in the admin (issue 17): signs in with both factors,
uploads the PDF, sees the structure with its counts, creates a draft that is not live, previews
it and submits it; the moderator's approval publishes it, and the public archive lists it with
the PDF to download. No script, style or request is refused by the admin's
Content-Security-Policy on the way. With GUIDE_SCREENSHOTS_DIR set, the steps' screenshots are
written for docs/publishing.md (tests/browser/staff_desk.py)."""

import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.staff_desk import screenshot
from tests.browser.staff_steps import footer_action
from tests.browser.test_triage import make_staff, sign_in
from tests.publications.documents import print_pdf
from tests.publications.seeds import PLAN_2021, _read

pytestmark = pytest.mark.browser
TITLE_YEAR = "2027"
PAGE = "/plans-and-reports/work-plan-2027/"
APPROVE = "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"


def fetch(url):
    with urllib.request.urlopen(url) as response:  # noqa: S310 (the test's own server)
        return response.headers.get_content_type(), response.read()


def watch_csp(page):
    refused = []  # the import screens run under the admin's no-inline-script policy
    page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
    return refused


def import_and_check_the_preview(desk, site, pdf):
    desk.goto(site + "/admin/")
    desk.get_by_role("button", name="Publications").click()
    desk.get_by_role("link", name="Import").click()
    desk.wait_for_url("**/admin/publications/import/")
    desk.get_by_label("File").set_input_files(str(pdf))
    screenshot("publications-import-upload", desk.locator("main"), "en")
    desk.get_by_role("button", name="Read the file").click()

    desk.get_by_role("heading", name="Structure found").wait_for()
    counts = desk.locator("[data-import-counts]")

    def count(label):
        header = desk.get_by_role("rowheader", name=label, exact=True)
        return counts.locator("tr", has=header).locator("td").inner_text()

    found = (count("General goals"), count("Specific goals"), count("Indicators"))
    assert found == ("4", "9", "70")
    body = desk.locator("main").inner_text()
    assert "application/pdf" in body and "130" in body
    screenshot("publications-import-preview", desk.locator("main"), "en")


def create_preview_and_submit(desk):
    """The draft from the preview, previewed in the editor and submitted: its page id."""
    desk.get_by_role("button", name="Create draft").click()
    desk.wait_for_url("**/admin/pages/*/edit/")
    page_id = re.search(r"/pages/(\d+)/edit/", desk.url).group(1)
    assert "Draft created" in desk.locator("body").inner_text()
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(desk.url.split("/admin/")[0] + PAGE)
    assert error.value.code == 404, "the draft is not live"

    desk.get_by_role("button", name="Toggle preview").click()
    preview = desk.frame_locator("#w-preview-iframe")
    # The preview renders the page with the public policy; the panel frames it all the same.
    expect(preview.locator("h1")).to_contain_text(TITLE_YEAR, timeout=30_000)
    expect(preview.locator("main")).to_contain_text("130")
    screenshot("publications-import-draft-preview", desk, "en")

    footer_action(desk, "button[name=action-submit]").click()
    expect(desk.locator(".messages")).to_contain_text(TITLE_YEAR)
    return page_id


def approve(browser, site, page_id):
    """A moderator, signed in with both factors, approves the submitted page: it is published."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    moderator = context.new_page()
    refused = watch_csp(moderator)
    sign_in(moderator, site, *make_staff(site, "Moderator"))
    moderator.goto(f"{site}/admin/pages/{page_id}/edit/")
    footer_action(moderator, APPROVE).click()
    expect(moderator.locator(".messages")).to_contain_text(TITLE_YEAR)
    context.close()
    return refused


def test_editor_imports_a_pdf_plan_and_it_is_published_with_its_pdf(site, desk, browser, tmp_path):
    # The 2021 plan with its year changed: no page of the demo's archive holds it yet.
    pdf = tmp_path / "plan-rada-2027.pdf"
    plan = _read(PLAN_2021).replace("2021", TITLE_YEAR)
    pdf.write_bytes(print_pdf(desk.context.new_page(), plan))

    refused = watch_csp(desk)
    sign_in(desk, site, *make_staff(site, "Editor"))
    import_and_check_the_preview(desk, site, pdf)
    page_id = create_preview_and_submit(desk)
    refused += approve(browser, site, page_id)

    # The public archive lists the plan, and its page offers the PDF that was uploaded.
    _type, archive = fetch(site + "/plans-and-reports/")
    assert PAGE in archive.decode()
    _type, html = fetch(site + PAGE)
    links = re.findall(r'href="(/documents/[^"]+\.pdf)"', html.decode())
    assert links, "a link to the PDF"
    content_type, document = fetch(site + links[0])
    assert content_type == "application/pdf" and document == pdf.read_bytes()
    assert refused == []
