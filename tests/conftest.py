import importlib
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path: Path):
    """Each test stores files in its own folder and runs tasks inline."""
    settings.DATA_DIR = tmp_path / "data"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "files"},
        },
        # The manifest storage needs `collectstatic`; tests serve from the apps.
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    cache.clear()
    yield
    shutil.rmtree(tmp_path / "files", ignore_errors=True)


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent: the real Guatemalan files are not available")
    return SHARED


@pytest.fixture
def vocabularies() -> None:
    """Put back the vocabularies the migrations load, for transactional tests (their
    flush between tests empties every table)."""
    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("ceiba.catalog.migrations.0002_vocabularies")
    with connection.schema_editor() as editor:
        migration.load_vocabularies(apps, editor)
