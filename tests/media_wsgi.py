"""The site's WSGI application with what nginx adds in front of it in production
(deploy/nginx/cpvht-public.conf): the image renditions served from the disk under
/media/images/, and text answers to a GET compressed with gzip. For the Lighthouse runs
(tests/lighthouse_site.py), where gunicorn has no nginx in front, so that the phone Lighthouse
models gets the bytes a phone gets. Not for deployment."""

import gzip
import re
from pathlib import Path

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as site

NGINX = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "cpvht-public.conf"


def _nginx_gzip(conf):
    """The public server block's gzip_types (with text/html, which nginx always compresses),
    gzip_min_length and gzip_comp_level, read from the file that is deployed. Answers to a POST
    stay uncompressed there (BREACH): here too (gzipped)."""
    text = conf.read_text()

    def directive(name):
        return re.search(rf"^\s*{name}\s+([^;]+);", text, re.MULTILINE).group(1).split()

    types = {"text/html", *directive("gzip_types")}
    return types, int(directive("gzip_min_length")[0]), int(directive("gzip_comp_level")[0])


COMPRESSED_TYPES, MIN_LENGTH, LEVEL = _nginx_gzip(NGINX)


def gzipped(app):
    def application(environ, start_response):
        accepts = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
        if environ["REQUEST_METHOD"] == "POST" or not accepts:
            return app(environ, start_response)
        answer, body = {}, []

        def hold(status, headers, exc_info=None):
            answer.update(status=status, headers=headers, exc_info=exc_info)
            return body.append

        result = app(environ, hold)
        try:
            body.extend(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        data, headers = b"".join(body), answer["headers"]
        if _compressible(headers, data):
            data = gzip.compress(data, LEVEL, mtime=0)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers += [
                ("Content-Encoding", "gzip"),
                ("Content-Length", str(len(data))),
                ("Vary", "Accept-Encoding"),
            ]
        start_response(answer["status"], headers, answer["exc_info"])
        return [data]

    return application


def _compressible(headers, data):
    names = {name.lower(): value for name, value in headers}
    kind = names.get("content-type", "").split(";")[0].strip()
    return kind in COMPRESSED_TYPES and "content-encoding" not in names and len(data) >= MIN_LENGTH


# Renditions are made while pages render, after this process started: looked up per request.
application = gzipped(
    WhiteNoise(
        site,
        root=str(settings.MEDIA_ROOT / "images"),
        prefix="media/images/",
        autorefresh=True,
        max_age=30 * 24 * 3600,
    )
)
