from django.core.management.base import BaseCommand
from django.db import transaction

from demo import campaigns, forms, identification, news, pages, publications

# Each step builds one part of the demo site from the data files in demo/content/ and the seeds;
# each is idempotent and never overwrites what an editor changed. Order matters: later steps
# hang pages under the home pages, and the order of the home page's children is the menu's.
STEPS = [pages, publications, campaigns, news, forms, identification]


class Command(BaseCommand):
    help = "Build the demo site from the seed documents and the help texts (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for step in STEPS:
            summary = step.load()
            self.stdout.write(f"{step.__name__}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo content ready"))
