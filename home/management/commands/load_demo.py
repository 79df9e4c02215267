from django.core.management.base import BaseCommand

from home.demo import loader


class Command(BaseCommand):
    help = "Build the demo site from the seed documents and the help texts (idempotent)."

    def handle(self, *args, **options):
        home, pages = loader.load()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {len(pages) + 1} pages"))
