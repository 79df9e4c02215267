"""Each test gets its own audit anchor file, as it gets its own rolled-back transaction: a head
anchored by one test's chain must not be checked against the next test's chain."""

import pytest


@pytest.fixture(autouse=True)
def audit_anchor_file(settings, tmp_path):
    settings.AUDIT_ANCHOR_FILE = tmp_path / "audit-anchor.log"
    return settings.AUDIT_ANCHOR_FILE
