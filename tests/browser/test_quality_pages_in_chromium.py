"""The quality pages in real Chromium: no axe-core violations, usable at 360 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from ceiba.quality.services import dataset_quality_recompute, quality_snapshot_refresh
from tests.factories import make_dataset, make_institution

pytestmark = pytest.mark.django_db(transaction=True)
PAGES = ["/calidad/", "/calidad/mineduc/", "/datos/escuelas/"]


@pytest.fixture
def site(live_server, vocabularies):
    import datetime as dt

    from django.utils import timezone

    mineduc = make_institution()
    make_dataset(
        "Escuelas",
        publisher=mineduc,
        themes=["educacion"],
        frequency="MONTHLY",
        files={"escuelas.csv": b"codigo,total\n1,10\n"},
    )
    dataset_quality_recompute()
    quality_snapshot_refresh(date=timezone.localdate() - dt.timedelta(days=1))
    quality_snapshot_refresh()
    return live_server.url


@pytest.mark.parametrize("path", PAGES)
def test_quality_pages_have_no_accessibility_violations(site, page, path):
    page.goto(site + path)
    results = Axe().run(page)
    assert results.response["violations"] == [], results.generate_report()


@pytest.mark.parametrize("path", PAGES)
def test_quality_pages_fit_a_360_px_phone(site, page, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
