"""Media (images and documents) on S3-compatible storage, switched on by the environment only
(docs/operations.md, "Scale-out switches"). Off unless MEDIA_S3_BUCKET is set: then media stay in
MEDIA_ROOT on the server's disk.

- MEDIA_S3_BUCKET: the bucket; MEDIA_S3_ENDPOINT_URL: the server, for anything but Amazon's own
  (MinIO, Garage, a provider's); MEDIA_S3_REGION; MEDIA_S3_ADDRESSING_STYLE ("path" by default
  with an endpoint, as self-hosted servers want it; "virtual" or "auto").
- The keys: MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY, or
  MEDIA_S3_SECRET_ACCESS_KEY_FILE (a file readable by the service only, e.g. a systemd
  credential); with neither, boto3's own chain (AWS_SHARED_CREDENTIALS_FILE, an instance role...).
- MEDIA_S3_PUBLIC_URL: where browsers fetch the renditions, when a proxy or CDN of the Centre
  serves the bucket (e.g. https://centar.example/media/ through nginx); unset, pages link the
  storage's own address with a signed URL that lasts MEDIA_S3_URL_SECONDS.

Documents are never linked to the bucket: Wagtail's view reads and sends them
(WAGTAILDOCS_SERVE_METHOD = "serve_view"), so privacy and collections still apply. Referral
attachments are sealed into the database (referrals/models/referral.py) and never touch media.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
# Longer than any cache keeps a page that links an image (the page cache's 300 s, a proxy's).
DEFAULT_URL_SECONDS = 6 * 60 * 60


def _secret():
    path = os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY_FILE", "").strip()
    if path:
        return Path(path).read_text().strip()
    return os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY", "").strip() or None


def media_storage():
    """STORAGES["default"] for S3 when the environment names a bucket, else None (the disk)."""
    bucket = os.environ.get("MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return None
    endpoint = os.environ.get("MEDIA_S3_ENDPOINT_URL", "").strip() or None
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": os.environ.get("MEDIA_S3_REGION", "").strip() or None,
        "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID", "").strip() or None,
        "secret_key": _secret(),
        "addressing_style": os.environ.get("MEDIA_S3_ADDRESSING_STYLE", "").strip()
        or ("path" if endpoint else None),
        "signature_version": "s3v4",
        # Objects take the bucket's policy (originals and documents must never be public).
        "default_acl": None,
        # Two uploads with one name never replace each other (as on the disk).
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": int(
            os.environ.get("MEDIA_S3_URL_SECONDS", "").strip() or DEFAULT_URL_SECONDS
        ),
    }
    public_url = os.environ.get("MEDIA_S3_PUBLIC_URL", "").strip()
    if public_url:
        parts = urlsplit(public_url)
        options["custom_domain"] = (parts.netloc + parts.path).rstrip("/")
        options["url_protocol"] = f"{parts.scheme}:"
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def media_origin():
    """The origin browsers load renditions from when media are on S3 (for the pages' and the
    admin's Content-Security-Policy), else ""."""
    if not os.environ.get("MEDIA_S3_BUCKET", "").strip():
        return ""
    url = os.environ.get("MEDIA_S3_PUBLIC_URL", "").strip()
    url = url or os.environ.get("MEDIA_S3_ENDPOINT_URL", "").strip()
    if not url:
        region = os.environ.get("MEDIA_S3_REGION", "").strip() or "us-east-1"
        url = f"https://s3.{region}.amazonaws.com"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
