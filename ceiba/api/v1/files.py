"""A dataset's files (distributions) and every revision of each."""

import uuid
from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Router

from ceiba.api.v1 import present
from ceiba.api.v1.datasets import RefPath
from ceiba.api.v1.lookups import dataset_for_request
from ceiba.api.v1.params import reject_unknown
from ceiba.api.v1.schemas import DistributionDetailOut, FileListOut
from ceiba.catalog.selectors import distribution_get, revision_list

router = Router(tags=["files"])
FileId = Annotated[uuid.UUID, Path(description="The file's id.")]


@router.get(
    "/datasets/{ref}/files",
    response=FileListOut,
    url_name="file-list",
    summary="The files of a dataset",
)
def file_list(request: HttpRequest, ref: RefPath) -> dict:
    """The dataset's current files and links, with their tables."""
    reject_unknown(request, ())
    dataset = dataset_for_request(request, ref)
    files = [
        present.distribution_out(request, dataset, d)
        for d in dataset.live_distributions
    ]
    return {"total": len(files), "results": files}


@router.get(
    "/datasets/{ref}/files/{file_id}",
    response=DistributionDetailOut,
    url_name="file-detail",
    summary="One file, with every revision",
)
def file_detail(request: HttpRequest, ref: RefPath, file_id: FileId) -> dict:
    """A file and each of its uploads (revisions), newest first; each revision
    keeps its own download address forever."""
    reject_unknown(request, ())
    dataset = dataset_for_request(request, ref)
    distribution = distribution_get(dataset=dataset, distribution_id=file_id)
    return {
        **present.distribution_out(request, dataset, distribution),
        "revisions": [
            present.revision_out(request, distribution, revision)
            for revision in revision_list(distribution=distribution)
        ],
    }
