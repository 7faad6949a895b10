"""Finding what a path names, as the caller may see it (visibility built in)."""

import uuid
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date

from ceiba.api.http import api_actor
from ceiba.catalog.models import Dataset
from ceiba.catalog.selectors import dataset_get, dataset_get_by_id

# A dataset is named by its slug or its id (a UUID).
DATASET_REF = r"^[A-Za-z0-9_-]{1,100}$"


def dataset_for_request(request: HttpRequest, ref: str) -> Dataset:
    actor = api_actor(request)
    try:
        dataset_id = uuid.UUID(ref)
    except ValueError:
        return dataset_get(slug=ref, actor=actor)
    return dataset_get_by_id(dataset_id=dataset_id, actor=actor)


def dataset_changed_at(dataset: Dataset) -> datetime:
    moments = [dataset.updated_at, dataset.modified, dataset.data_updated_at]
    return max(m for m in moments if m is not None)


def set_last_modified(response: HttpResponse, moment: datetime) -> None:
    response["Last-Modified"] = http_date(moment.timestamp())
