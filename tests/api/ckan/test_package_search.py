"""package_search: CKAN's parameters over our search index."""

import json

import pytest

pytestmark = pytest.mark.django_db


ESC, MAT, VAC = "escuelas-de-guatemala", "matricula-por-municipio", "vacunacion"
ALL = [ESC, MAT, VAC]


def names(answer):
    return sorted(p["name"] for p in answer.result["results"])


FACETS = json.dumps(["organization", "groups", "tags", "res_format", "license_id"])


def test_search_all(api, catalog):
    plain = api.get("package_search").result
    assert plain["count"] == 3
    assert len(plain["results"]) == 3
    # As in CKAN, values are counted only for the fields asked for.
    assert plain["facets"] == {} and plain["search_facets"] == {}
    result = api.get("package_search", **{"facet.field": FACETS}).result
    assert result["facets"]["organization"] == {"mineduc": 2, "mspas": 1}
    items = result["search_facets"]["groups"]["items"]
    assert {"name": "educacion", "display_name": "educacion", "count": 2} in items


def test_search_text(api, catalog):
    assert names(api.get("package_search", q="escuelas")) == ["escuelas-de-guatemala"]
    assert api.get("package_search", q="*:*").result["count"] == 3


@pytest.mark.parametrize(
    ("fq", "expected"),
    [
        ("organization:mspas", ["vacunacion"]),
        ("+organization:mineduc", ["escuelas-de-guatemala", "matricula-por-municipio"]),
        ('tags:"primaria"', ["escuelas-de-guatemala"]),
        ("groups:salud", ["vacunacion"]),
        ("res_format:csv", ["escuelas-de-guatemala"]),
        ("license_id:CC0-1.0", ["matricula-por-municipio"]),
        ("organization:mineduc AND tags:escuelas", ["escuelas-de-guatemala"]),
        ("tags:(escuelas AND primaria)", ["escuelas-de-guatemala"]),
        ("+dataset_type:dataset +organization:mspas", ["vacunacion"]),
        ("organization:nadie", []),
        ("*:*", ALL),
        ("organization:mspas OR tags:primaria", [ESC, VAC]),
        ("organization:mspas || license_id:CC0-1.0", [MAT, VAC]),
        ("organization:(mineduc OR mspas)", ALL),
        ("organization:(mspas OR nadie)", [VAC]),
        ('tags:("matrícula" OR vacunas)', [MAT, VAC]),
        ("-organization:mspas", [ESC, MAT]),
        ("NOT organization:mspas", [ESC, MAT]),
        ("!organization:mspas", [ESC, MAT]),
        ("organization:mineduc -tags:primaria", [MAT]),
        ("organization:mineduc AND NOT tags:primaria", [MAT]),
        ("-organization:(mineduc OR mspas)", []),
        ("-organization:nadie", ALL),
        ("(groups:salud OR tags:primaria) AND -res_format:csv", [VAC]),
        ("groups:salud OR tags:primaria AND license_id:CC0-1.0", [VAC]),
        ("name:vacunacion", [VAC]),
        ('name:"vacunacion" OR name:"escuelas-de-guatemala"', [ESC, VAC]),
        ("capacity:public", ALL),
        ("capacity:private", []),
        ("metadata_modified:[NOW-1DAY TO NOW+1DAY]", ALL),
        ("metadata_created:[* TO 2000-01-01T00:00:00Z]", []),
        ("metadata_modified:[2000-01-01 TO *]", ALL),
    ],
)  # fmt: skip
def test_fq_forms(api, catalog, fq, expected):
    assert names(api.get("package_search", fq=fq)) == expected


def test_fq_id(api, catalog):
    found = api.get("package_search", fq=f'id:"{catalog.matricula.pk}"')
    assert names(found) == ["matricula-por-municipio"]


def test_fq_list_clauses_all_hold(api, catalog):
    answer = api.post(
        "package_search",
        fq_list=["organization:(mineduc OR mspas)", "-tags:primaria"],
    )
    assert names(answer) == ["matricula-por-municipio", "vacunacion"]


def test_metadata_modified_ranges_use_the_packages_timestamps(api, catalog):
    shown = api.get("package_show", id="matricula-por-municipio").result
    stamp = shown["metadata_modified"]
    exactly = api.get("package_search", fq=f"metadata_modified:[{stamp} TO {stamp}]")
    assert names(exactly) == ["matricula-por-municipio"]
    others = api.get("package_search", fq=f"-metadata_modified:[{stamp} TO {stamp}]")
    assert names(others) == ["escuelas-de-guatemala", "vacunacion"]
    after = api.get("package_search", fq=f"metadata_modified:{{{stamp}Z TO *]")
    assert "matricula-por-municipio" not in names(after)


def test_facet_counts_follow_or_and_not(api, catalog):
    facets = {"facet.field": FACETS}
    result = api.get("package_search", fq="-organization:mspas", **facets).result
    assert result["count"] == 2
    assert result["facets"]["organization"] == {"mineduc": 2}
    either = api.get("package_search", fq="tags:(primaria OR vacunas)", **facets).result
    assert either["facets"]["organization"] == {"mineduc": 1, "mspas": 1}
    assert either["facets"]["groups"] == {"educacion": 1, "salud": 1}


def test_fq_in_q_is_a_filter(api, catalog):
    assert names(api.get("package_search", q="organization:mspas")) == ["vacunacion"]
    either = api.get("package_search", q='name:"vacunacion" OR id:"vacunacion"')
    assert names(either) == ["vacunacion"]
    words = api.get("package_search", q="escuelas -organization:mspas")
    assert names(words) == ["escuelas-de-guatemala"]


@pytest.mark.parametrize(
    "fq",
    [
        "colour:red",
        'tags:"open',
        "just words",
        "tags:escu*",
        "organization:mspas OR",
        "AND organization:mspas",
        "organization:(mspas",
        "organization:mspas)",
        "tags:[a TO b]",
        "metadata_modified:2024-01-01",
        "metadata_modified:[ayer TO hoy]",
        "metadata_modified:[NOW-3FORTNIGHTS TO *]",
        "capacity:secret",
        "((((((((((organization:mspas))))))))))",
        " OR ".join(["tags:a"] * 51),
    ],
)
def test_fq_that_cannot_be_answered_is_a_search_query_error(api, catalog, fq):
    answer = api.get("package_search", fq=fq)
    assert answer.status == 400
    assert answer.error["__type"] == "Search Query Error"
    assert answer.error["message"]


def test_rows_start_and_sort(api, catalog):
    first = api.get("package_search", sort="name asc", rows=2).result
    assert [p["name"] for p in first["results"]] == [
        "escuelas-de-guatemala",
        "matricula-por-municipio",
    ]
    rest = api.get("package_search", sort="name asc", rows=2, start=2).result
    assert [p["name"] for p in rest["results"]] == ["vacunacion"]
    assert rest["count"] == 3
    assert api.get("package_search", sort="metadata_modified desc").status == 200


def test_rows_are_capped_at_1000(api, catalog):
    answer = api.get("package_search", rows=10_000_000)
    assert answer.status == 200
    assert answer.result["count"] == 3


def test_rows_zero_counts_only(api, catalog):
    result = api.get("package_search", rows=0).result
    assert result["count"] == 3 and result["results"] == []


def test_deep_start_answers_an_empty_page(api, catalog):
    result = api.get("package_search", start=311111).result
    assert result == {**result, "count": 3, "results": []}


def test_facet_parameters(api, catalog):
    result = api.get(
        "package_search", **{"facet.field": '["tags"]', "facet.limit": 1}
    ).result
    assert list(result["facets"]) == ["tags"]
    assert len(result["facets"]["tags"]) == 1
    assert api.get("package_search", facet="false").result["facets"] == {}


def test_fl_limits_fields(api, catalog):
    result = api.get("package_search", fl="name,title", rows=1).result
    assert set(result["results"][0]) == {"name", "title"}


@pytest.mark.parametrize(
    ("params", "status", "kind"),
    [
        ({"colour": "red"}, 400, "Search Query Error"),
        ({"sort": "colour asc"}, 400, "Search Query Error"),
        ({"rows": "many"}, 409, "Validation Error"),
        ({"rows": -1}, 409, "Validation Error"),
        ({"start": "x"}, 409, "Validation Error"),
        ({"facet.field": '{"a": 1}'}, 409, "Validation Error"),
        ({"include_private": "perhaps"}, 409, "Validation Error"),
    ],
)
def test_bad_search_parameters(api, catalog, params, status, kind):
    answer = api.get("package_search", **params)
    assert answer.status == status
    assert answer.error["__type"] == kind


def private_names(answer):
    return sorted(p["name"] for p in answer.result["results"] if p["private"])


def test_include_private_adds_the_callers_drafts(api, catalog):
    answer = api.post(
        "package_search",
        token=catalog.reader_token,
        include_private=True,
        **{"facet.field": ["organization"]},
    )
    assert answer.result["count"] == 4
    assert private_names(answer) == ["borrador-interno"]
    assert answer.result["facets"]["organization"] == {"mineduc": 3, "mspas": 1}
    only = api.post(
        "package_search",
        token=catalog.reader_token,
        include_private=True,
        fq="capacity:private",
    )
    assert names(only) == ["borrador-interno"]
    found = api.get(
        "package_search",
        token=catalog.reader_token,
        include_private="true",
        q="borrador",
    )
    assert names(found) == ["borrador-interno"]


def test_portal_administrators_see_every_draft(api, catalog):
    answer = api.post("package_search", token=catalog.admin_token, include_private=True)
    assert private_names(answer) == ["borrador-interno"]
    assert answer.result["count"] == 4


@pytest.mark.parametrize(
    ("token", "include_private"),
    [("", True), ("reader_token", False), ("other_token", True)],
)
def test_drafts_stay_hidden_from_others_and_by_default(
    api, catalog, token, include_private
):
    answer = api.post(
        "package_search",
        token=getattr(catalog, token) if token else "",
        include_private=include_private,
        q="borrador",
    )
    assert answer.result["count"] == 0
    everything = api.post(
        "package_search",
        token=getattr(catalog, token) if token else "",
        include_private=include_private,
    )
    assert everything.result["count"] == 3
    assert private_names(everything) == []
