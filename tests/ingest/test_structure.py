"""Header detection, titles, column names and the rows under the data."""

import re

from hypothesis import given
from hypothesis import strategies as st

from ceiba.ingest.structure import (
    MAX_HEADER_ROWS,
    NAME_MAX_LENGTH,
    HeaderGuess,
    clean_title,
    column_names,
    detect_header,
    header_titles,
    is_number,
    trailing_junk,
)

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


def grid(text: str) -> list[list[str | None]]:
    """Rows written as "a | b | c", one per line; "." is an empty cell."""
    rows = []
    for line in text.strip().splitlines():
        cells = [c.strip() for c in line.split("|")]
        rows.append([None if c in ("", ".") else c for c in cells])
    return rows


def test_plain_header_on_the_first_row():
    rows = grid(
        "codigo | municipio | poblacion\n101 | Guatemala | 1205668\n102 | Mixco | 4657"
    )
    assert detect_header(rows) == HeaderGuess((0,), 1, 3)


def test_title_block_and_merged_year_groups_make_a_two_row_header():
    rows = grid(
        """
        República de Guatemala
        Población víctima de violencia intrafamiliar
        Serie histórica 2018-2019
        .
        Pueblo | 2018 | . | . | 2019 | . | .
        . | Ambos sexos | Hombres | Mujeres | Ambos sexos | Hombres | Mujeres
        Total | 300 | 100 | 200 | 330 | 110 | 220
        Maya | 120 | 40 | 80 | 130 | 40 | 90
        """
    )
    guess = detect_header(rows)
    assert guess.header_rows == (4, 5)
    assert guess.data_start == 6
    assert header_titles(rows, guess, 7, ()) == [
        "Pueblo",
        "2018 - Ambos sexos",
        "2018 - Hombres",
        "2018 - Mujeres",
        "2019 - Ambos sexos",
        "2019 - Hombres",
        "2019 - Mujeres",
    ]


def test_merge_list_fills_group_labels_and_vertical_merges():
    rows = grid(
        """
        Departamento | Año de ocurrencia | . | .
        . | 2019 | 2020 | 2021
        Guatemala | 18820 | 23719 | 27445
        Petén | 1500 | 1600 | 1700
        """
    )
    merges = [(0, 0, 1, 0), (0, 1, 0, 3)]
    guess = detect_header(rows, merges)
    assert guess.header_rows == (0, 1)
    assert header_titles(rows, guess, 4, merges) == [
        "Departamento",
        "Año de ocurrencia - 2019",
        "Año de ocurrencia - 2020",
        "Año de ocurrencia - 2021",
    ]


def test_second_header_row_of_names_over_numeric_station_columns():
    rows = grid(
        """
        . | VARIABLE | INS200501CV | INS121601CV
        FECHA | VARIABLE | CAMOTAN | CATARINA
        1/1/2022 | LLUVIA | 0.0 | -99.9
        2/1/2022 | LLUVIA | 3.5 | 0.0
        """
    )
    guess = detect_header(rows)
    assert guess.header_rows == (0, 1)
    assert header_titles(rows, guess, 4, ()) == [
        "FECHA",
        "VARIABLE",
        "INS200501CV - CAMOTAN",
        "INS121601CV - CATARINA",
    ]


def test_preamble_lines_and_a_summary_block_are_skipped():
    rows = grid(
        """
        TIPO_DE_ELECCIÓN: | CORPORACIÓN MUNICIPAL
        20 agosto 2023 23:12
        ACTAS | CAPTURADAS | PORCENTAJE
        29 | 29 | 100.0
        .
        MESA | DEPARTAMENTO | MUNICIPIO | PADRON | VOTOS | NULOS | BLANCO
        12812 | Retalhuleu | San Martín | 258 | 110 | 6 | 0
        12813 | Retalhuleu | San Martín | 259 | 120 | 4 | 1
        """
    )
    assert detect_header(rows).header_rows == (5,)


def test_all_text_rows_under_a_full_header_stay_data():
    rows = grid("nombre | apellido\nJuan | Pérez\nAna | López")
    assert detect_header(rows) == HeaderGuess((0,), 1, 2)


def test_numbers_in_the_first_row_mean_no_header():
    rows = grid("1 | 2.5 | 3\n4 | 5.5 | 6")
    assert detect_header(rows) == HeaderGuess((), 0, 3)


def test_small_integers_with_words_over_numeric_columns_are_a_header():
    rows = grid(
        "Edad | Total | 1 | 2 | 3 | 10 y más | Ignorado\n"
        "Todas | 342694 | 121234 | 92529 | 57230 | 1867 | 5763\n"
        "10 | 2 | 2 | 0 | 0 | 0 | 0"
    )
    assert detect_header(rows).header_rows == (0,)


def test_years_as_header_cells():
    rows = grid(
        "Rango | 2015 | 2016\n0 a 4 | 1868690 | 1875914\n5 a 9 | 1807144 | 1812004"
    )
    assert detect_header(rows).header_rows == (0,)


def test_empty_grid():
    assert detect_header([]) == HeaderGuess((), 0, 0)


def test_totals_notes_and_sources_under_the_data_are_junk():
    tail = grid(
        """
        Maya | 120 | 40
        Total general | 300 | 100
        Fuente: INE, Estadísticas de Violencia Intrafamiliar.
        1/ Cifras preliminares.
        """
    )
    assert trailing_junk(tail, width=3) == 3


def test_sin_datos_above_a_total_stays():
    tail = grid("827 | 2022-06-07 | 5\n828 | SIN DATOS | 200810\n829 | Total | 421640")
    assert trailing_junk(tail, width=3) == 1


def test_unlabeled_sum_row_is_junk_only_with_sums():
    tail = grid("a | 1 | 2\nb | 3 | 4\n. | 4 | 6")
    assert trailing_junk(tail, width=3) == 0
    assert trailing_junk(tail, width=3, sums={1: 8.0, 2: 12.0}) == 1


def test_short_rows_are_not_mistaken_for_notes():
    tail = grid("Jutiapa | 54.48\nN/A | 12")
    assert trailing_junk(tail, width=2) == 0


def test_column_names():
    titles = [
        "Código Municipio",
        "",
        "Año",
        "2022 - Hombres",
        "a",
        "A",
        "a_2",
        "idMunicipio",
    ]
    assert column_names(titles) == [
        "codigo_municipio",
        "columna_2",
        "anio",
        "c_2022_hombres",
        "a",
        "a_2",
        "a_2_2",
        "id_municipio",
    ]


def test_clean_title():
    assert clean_title("  Población\n total \u00a0 2018 ") == "Población total 2018"
    assert clean_title(None) == ""


def test_is_number():
    for text in ["12", "-99.9", "1,234.56", "1.234,56", "415,210,000.00", ".5", "45%"]:
        assert is_number(text), text
    for text in ["2022⅟", "20/08/2023", "--", "N/A", "", None, "1-4"]:
        assert not is_number(text), text


@given(st.lists(st.text(max_size=80), max_size=40))
def test_names_are_unique_identifiers_for_any_titles(titles):
    names = column_names(titles)
    assert len(names) == len(titles)
    assert len(set(names)) == len(names)
    for name in names:
        assert IDENTIFIER.match(name), name
        assert len(name) <= NAME_MAX_LENGTH
    assert column_names(titles) == names


cells = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "Total", "Fuente: INE", "2018", "12", "1,5", "x"]),
    st.text(max_size=12),
)


@given(st.lists(st.lists(cells, max_size=8), max_size=30))
def test_header_detection_is_bounded_and_deterministic(rows):
    guess = detect_header(rows)
    assert 0 <= guess.data_start <= len(rows)
    assert len(guess.header_rows) <= MAX_HEADER_ROWS
    assert list(guess.header_rows) == sorted(set(guess.header_rows))
    assert all(index < guess.data_start for index in guess.header_rows)
    assert detect_header(rows) == guess
    width = max((len(r) for r in rows), default=0)
    assert len(header_titles(rows, guess, width, ())) == width


@given(st.lists(st.lists(cells, max_size=6), max_size=20))
def test_trailing_junk_never_exceeds_the_tail(tail):
    assert 0 <= trailing_junk(tail, width=3) <= len(tail)
