"""An editor imports a plan from its PDF in the admin (issue 17): signs in with both factors,
uploads the PDF, sees the structure with its counts, and creates a draft that is not live, with
no script, style or request refused by the admin's Content-Security-Policy on the way."""

import urllib.error
import urllib.request

import pytest

from tests.browser.test_triage import make_staff, sign_in
from tests.publications.documents import print_pdf
from tests.publications.seeds import PLAN_2021, _read

pytestmark = pytest.mark.browser


def test_editor_imports_a_pdf_plan_as_a_draft(site, desk, tmp_path):
    # Next year's plan: the 2021 plan with its year changed, so no page holds it yet.
    pdf = tmp_path / "plan-rada-2027.pdf"
    pdf.write_bytes(print_pdf(desk.context.new_page(), _read(PLAN_2021).replace("2021", "2027")))

    refused = []  # the import screens run under the admin's no-inline-script policy
    desk.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
    sign_in(desk, site, *make_staff(site, "Editor"))
    desk.goto(site + "/admin/")
    desk.get_by_role("button", name="Publications").click()
    desk.get_by_role("link", name="Import").click()
    desk.wait_for_url("**/admin/publications/import/")
    desk.get_by_label("File").set_input_files(str(pdf))
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

    desk.get_by_role("button", name="Create draft").click()
    desk.wait_for_url("**/admin/pages/*/edit/")
    assert "Draft created" in desk.locator("body").inner_text()
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(site + "/plans-and-reports/work-plan-2027/")  # noqa: S310
    assert error.value.code == 404, "the draft is not live"
    assert refused == []
