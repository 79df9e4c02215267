"""Keeps an uploaded file between the preview and "Create draft", out of the media storage and
out of every URL: the file sits under a random name in a private folder, and the form carries a
signed token naming it, its original name and the editor who uploaded it. A token from another
editor, an edited one or one older than a day is refused. The text read from the file waits
beside it, so "Create draft" does not read a long PDF again. The plans carry no personal data; a
file whose preview was abandoned is deleted with the next upload after a day."""

import dataclasses
import json
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from .extract import Extracted, ExtractError

SALT = "publications.admin.staging"
MAX_AGE = 24 * 60 * 60


def folder() -> Path:
    # Shared by the web workers and the publications task worker of the internal tier.
    path = Path(settings.PUBLICATIONS_IMPORT_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def sweep(now=None):
    """Deletes the files of abandoned previews."""
    limit = (now or time.time()) - MAX_AGE
    for path in [*folder().glob("*.upload"), *folder().glob("*.text")]:
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def stage(data: bytes, filename: str, user, extracted: Extracted | None = None) -> str:
    sweep()
    name = secrets.token_hex(16)
    (folder() / f"{name}.upload").write_bytes(data)
    if extracted is not None:
        text = json.dumps(dataclasses.asdict(extracted), ensure_ascii=False)
        (folder() / f"{name}.text").write_text(text, encoding="utf-8")
    return signing.dumps({"n": name, "f": Path(filename).name[:120], "u": user.pk}, salt=SALT)


def _path(token: str, user) -> tuple[Path, str]:
    expired = ExtractError(_("The preview has expired. Upload the file again."))
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        raise expired from None
    path = folder() / f"{value['n']}.upload"
    if value.get("u") != user.pk or not path.is_file():
        raise expired
    return path, value["f"]


def load(token: str, user) -> tuple[bytes, str, Extracted | None]:
    """The staged file's bytes, its original name, and the text read from it if it was kept."""
    path, filename = _path(token, user)
    text, extracted = path.with_suffix(".text"), None
    if text.is_file():
        extracted = Extracted(**json.loads(text.read_text(encoding="utf-8")))
    return path.read_bytes(), filename, extracted


def discard(token: str, user):
    try:
        path, _filename = _path(token, user)
    except ExtractError:
        return
    path.unlink(missing_ok=True)
    path.with_suffix(".text").unlink(missing_ok=True)
