from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each step builds one part of the demo site from the seeds; each is idempotent and never
# overwrites what an editor changed. Order matters: later steps hang pages under the home pages.
STEPS = [
    "home.demo.loader",
    "publications.demo",
    "home.demo.campaigns",
    "home.demo.news",
    "referrals.demo",
]


class Command(BaseCommand):
    help = "Build the demo site from the seed documents and the help texts (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for step in STEPS:
            summary = import_module(step).load()
            self.stdout.write(f"{step}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo content ready"))
