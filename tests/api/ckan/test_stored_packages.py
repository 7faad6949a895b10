"""package_show and package_search answer from stored bodies, and never from one
that a change has made stale."""

import io
import json

from django.conf import settings

from ceiba.api.ckan import stored
from ceiba.api.ckan.envelope import json_bytes
from ceiba.api.models import PackageBody
from ceiba.catalog.models import Licence

SHOW = "/api/3/action/package_show"


def _show(client, ref, **headers):
    response = client.get(SHOW, {"id": ref}, **headers)
    return response.status_code, response.json()


def test_an_unchanged_package_is_read_in_one_query(
    client, catalog, django_assert_num_queries
):
    _status, first = _show(client, "escuelas-de-guatemala")
    assert PackageBody.objects.filter(dataset=catalog.escuelas).count() == 1
    with django_assert_num_queries(1):
        _status, again = _show(client, "escuelas-de-guatemala")
    assert again == first
    with django_assert_num_queries(1):
        _status, by_id = _show(client, str(catalog.escuelas.pk))
    assert by_id == first
    assert first["result"]["resources"][0]["url"].endswith("/descargar")


def test_an_edit_is_served_at_once(
    client, api, catalog, django_capture_on_commit_callbacks
):
    _show(client, "escuelas-de-guatemala")
    with django_capture_on_commit_callbacks(execute=True):
        patched = api.post(
            "package_patch",
            catalog.editor_token,
            id="escuelas-de-guatemala",
            title="Escuelas públicas",
        )
    assert patched.result["title"] == "Escuelas públicas"
    _status, body = _show(client, "escuelas-de-guatemala")
    assert body["result"]["title"] == "Escuelas públicas"


def test_a_body_read_before_a_change_never_matches_after_it(
    client, api, catalog, rf, django_capture_on_commit_callbacks
):
    """A request that loaded the dataset before a change committed stores its body
    after the change: the stamp it read is already old, so it is not served."""
    _status, old = _show(client, "escuelas-de-guatemala")
    variant = stored.variant(rf.get(SHOW))
    before = stored.find_one("escuelas-de-guatemala", variant)
    with django_capture_on_commit_callbacks(execute=True):
        patched = api.post(
            "package_patch",
            catalog.editor_token,
            id=str(catalog.escuelas.pk),
            notes="Nueva",
        )
    assert patched.result["notes"] == "Nueva"
    stored.keep(
        [(catalog.escuelas.pk, before.generation, json_bytes(old["result"]))], variant
    )
    _status, body = _show(client, "escuelas-de-guatemala")
    assert body["result"]["notes"] == "Nueva"


def test_an_unpublished_dataset_is_not_served_from_its_stored_body(
    client, api, catalog, django_capture_on_commit_callbacks
):
    _show(client, "matricula-por-municipio")
    # Unpublishing through the catalog without letting the hooks run: the body and
    # its stamp are still current, and visibility alone must refuse it.
    catalog.matricula.status = "draft"
    catalog.matricula.save(update_fields=["status"])
    status, body = _show(client, "matricula-por-municipio")
    assert status == 404
    assert body["error"]["__type"] == "Not Found Error"
    status, _body = _show(
        client, "matricula-por-municipio", HTTP_AUTHORIZATION=catalog.reader_token
    )
    assert status == 200


def test_an_institution_renamed_shows_in_its_packages(
    client, catalog, django_capture_on_commit_callbacks
):
    from ceiba.catalog.services import institution_update
    from tests.factories import portal_admin

    _show(client, "escuelas-de-guatemala")
    with django_capture_on_commit_callbacks(execute=True):
        institution_update(
            actor=portal_admin(), institution=catalog.mineduc, name="Mineduc renombrado"
        )
    _status, body = _show(client, "escuelas-de-guatemala")
    assert body["result"]["organization"]["title"] == "Mineduc renombrado"


def test_a_licence_relabelled_shows_in_its_packages(client, catalog):
    _show(client, "matricula-por-municipio")
    licence = Licence.objects.get(code="CC0-1.0")
    licence.labels = {**licence.labels, "es": "Dominio público (CC0)"}
    licence.save()
    _status, body = _show(client, "matricula-por-municipio")
    assert body["result"]["license_title"] == "Dominio público (CC0)"


def test_each_language_and_site_address_has_its_own_body(client, catalog):
    _status, spanish = _show(client, "escuelas-de-guatemala")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _status, english = _show(client, "escuelas-de-guatemala")
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert spanish["result"]["groups"][0]["title"] == "Educación"
    assert english["result"]["groups"][0]["title"] == "Education"
    _status, other_site = _show(client, "escuelas-de-guatemala", HTTP_HOST="localhost")
    assert other_site["result"]["ckan_url"].startswith("http://localhost/")
    assert spanish["result"]["ckan_url"].startswith("http://testserver/")
    assert PackageBody.objects.filter(dataset=catalog.escuelas).count() == 3


def test_search_results_are_the_stored_packages(
    client, catalog, django_assert_max_num_queries
):
    search = "/api/3/action/package_search"
    first = client.get(search, {"q": "escuelas", "facet": "false"}).json()["result"]
    assert [p["name"] for p in first["results"]] == ["escuelas-de-guatemala"]
    _status, shown = _show(client, "escuelas-de-guatemala")
    assert first["results"][0] == shown["result"]
    with django_assert_max_num_queries(4) as queries:
        again = client.get(search, {"q": "escuelas", "facet": "false"}).content
    assert json.loads(again)["result"] == first
    # The search itself, then the stored bodies: no dataset is loaded again.
    assert not [
        q for q in queries.captured_queries if "catalog_distribution" in q["sql"]
    ]


def test_tables_ready_after_a_body_was_stored_show_in_it(
    client, catalog, django_capture_on_commit_callbacks
):
    """A file's tables are registered by a task after the file was added: the
    package stored in between says datastore_active false until then."""
    from ceiba.catalog.services import distribution_add_file
    from tests.api.ckan.conftest import CSV
    from tests.factories import portal_admin

    with django_capture_on_commit_callbacks() as hooks:
        distribution_add_file(
            actor=portal_admin(),
            dataset=catalog.matricula,
            source=io.BytesIO(CSV),
            filename="matricula.csv",
            title="",
        )
    changed = [h for h in hooks if getattr(h, "name", None) == "dataset_changed"]
    assert changed
    with django_capture_on_commit_callbacks(execute=True):
        for hook in changed:
            hook()
    _status, before = _show(client, "matricula-por-municipio")
    assert before["result"]["resources"][0]["datastore_active"] is False
    with django_capture_on_commit_callbacks(execute=True):
        for hook in hooks:
            if hook not in changed:
                hook()
    _status, after = _show(client, "matricula-por-municipio")
    assert after["result"]["resources"][0]["datastore_active"] is True
