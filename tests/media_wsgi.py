"""The site's WSGI application with the image renditions served from the disk, as
deploy/nginx/cpvht-public.conf serves /media/images/ in production: for the Lighthouse runs
(tests/lighthouse_site.py), where gunicorn has no nginx in front. Not for deployment."""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as site

# Renditions are made while pages render, after this process started: looked up per request.
application = WhiteNoise(
    site,
    root=str(settings.MEDIA_ROOT / "images"),
    prefix="media/images/",
    autorefresh=True,
    max_age=30 * 24 * 3600,
)
