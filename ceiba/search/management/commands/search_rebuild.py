from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from ceiba.catalog.selectors import dataset_list_indexed
from ceiba.search.services import search_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the live datasets of the catalog (drafts too)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        total = dataset_list_indexed().count()
        with tqdm(
            total=total, unit="datasets", disable=options["verbosity"] < 1
        ) as bar:
            count = search_rebuild(progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} datasets."))
