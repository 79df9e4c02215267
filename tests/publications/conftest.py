"""The archive as the publication tests need it: the minimal site's, with the seeds imported."""

import pytest

from tests.conftest import built_for_module, fresh
from tests.publications.seeds import ACTION_PLAN, PLAN_2019, PLAN_2021, REPORT_2023, import_seeds


def _import(site_pages):
    archive = site_pages.page("plans-and-reports")
    pages = import_seeds(archive, [REPORT_2023])
    return pages | import_seeds(archive, [PLAN_2021, PLAN_2019, ACTION_PLAN], blocks=1)


built = built_for_module(_import)


@pytest.fixture
def seed_publications(built, db):
    """The four seeds in the minimal site's archive, for the tests of what it lists: {slug:
    Cyrillic page}, imported once per module (tests/conftest.py). The report is imported
    whole; the three plans, whose import is tested in test_importer.py and takes seconds each,
    only with the first blocks of their body."""
    return fresh(built)
