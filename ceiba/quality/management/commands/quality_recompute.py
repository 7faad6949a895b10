import time
from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from ceiba.catalog.models import Dataset
from ceiba.quality.services import dataset_quality_recompute, quality_snapshot_refresh


class Command(BaseCommand):
    help = (
        "Recompute every dataset's quality score, stars, freshness and validity, "
        "then today's dashboard figures."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        with tqdm(
            total=Dataset.objects.count(),
            unit="datasets",
            disable=options["verbosity"] < 1,
        ) as bar:
            count = dataset_quality_recompute(progress=bar.update)
        rows = quality_snapshot_refresh()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Scored {count} datasets and stored {rows} figure rows "
                f"in {seconds:.1f} s."
            )
        )
