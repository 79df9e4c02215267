"""The archive as the publication tests need it: the minimal site's, with the seeds imported."""

import pytest

from tests.publications.seeds import ACTION_PLAN, PLAN_2019, PLAN_2021, REPORT_2023, import_seeds


@pytest.fixture
def seed_publications(site_pages):
    """The four seeds in the minimal site's archive, for the tests of what it lists: {slug:
    Cyrillic page}. The report is imported whole; the three plans, whose import is tested in
    test_importer.py and takes seconds each, only with the first blocks of their body."""
    archive = site_pages.page("plans-and-reports")
    pages = import_seeds(archive, [REPORT_2023])
    return pages | import_seeds(archive, [PLAN_2021, PLAN_2019, ACTION_PLAN], blocks=1)
