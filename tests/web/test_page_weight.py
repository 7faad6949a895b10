"""Light pages for slow connections: each public page, with its CSS and JS, compressed,
stays within 60 KB."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.factories import make_dataset, make_institution

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 60 * 1024


@pytest.fixture
def pages():
    mineduc = make_institution()
    for n in range(25):
        make_dataset(
            f"Estadística educativa {n}",
            publisher=mineduc,
            themes=["educacion"],
            keywords=[f"tema{n}", "educación"],
            places=["0101"],
            description="Descripción larga. " * 40,
            files={f"datos-{n}.csv": b"a,b\n1,2\n"},
        )
    return [
        "/",
        "/datos/?q=educacion",
        "/datos/estadistica-educativa-1/",
        "/instituciones/mineduc/",
        "/temas/educacion/",
    ]


def _assets(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)


def test_pages_stay_within_the_budget(client: Client, pages):
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        body = response.content
        if response.get("Content-Encoding") != "gzip":
            body = gzip.compress(body)
        total = len(body)
        for asset in _assets(
            response.content.decode()
            if not response.get("Content-Encoding")
            else gzip.decompress(response.content).decode()
        ):
            with open(finders.find(asset), "rb") as handle:
                total += len(gzip.compress(handle.read()))
        assert total <= BUDGET_BYTES, f"{url} weighs {total} bytes compressed"
