from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from core import renditions


class Command(BaseCommand):
    help = (
        "Make the missing renditions of the images the live pages show (idempotent). Pages "
        "published since core/renditions.py existed have theirs already; run it once for older "
        "ones, on the internal tier."
    )

    def handle(self, *args, **options):
        Rendition = get_image_model().get_rendition_model()
        before = Rendition.objects.count()
        images = {}
        for page in renditions.live_pages():
            for image, specs in renditions.images_of(page).items():
                images.setdefault(image, set()).update(specs)
        renditions.prepare({image: sorted(specs) for image, specs in images.items()})
        made = Rendition.objects.count() - before
        self.stdout.write(f"{made} renditions made for {len(images)} images")
