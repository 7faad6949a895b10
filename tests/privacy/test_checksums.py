"""CUI and NIT check digits: known numbers, every single-digit error, and SQL that
agrees with Python on random input."""

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from ceiba.privacy.checksums import (
    cui_check_digit,
    cui_is_valid,
    cui_valid_sql,
    nit_check_char,
    nit_is_valid,
    nit_valid_sql,
)


def test_known_cuis():
    assert cui_is_valid("1234567890101")  # 01 Guatemala, 01 Guatemala
    assert cui_is_valid("1234 56789 0101")
    assert cui_is_valid("8765432122217")  # 22 Jutiapa, 17
    assert not cui_is_valid("1234567890125")  # Guatemala has 17 municipalities
    assert not cui_is_valid("1234567892301")  # there is no department 23
    assert not cui_is_valid("5486270650100")
    assert not cui_is_valid("123456789010")


def test_known_nits():
    assert nit_check_char("576937") == "K"
    assert nit_is_valid("576937-K")
    assert nit_is_valid("576937k")
    assert nit_is_valid("12345678-9") == (nit_check_char("12345678") == "9")
    assert not nit_is_valid("576937-1")
    assert not nit_is_valid("K")


@given(st.integers(0, 10**8 - 1), st.integers(0, 7), st.integers(1, 9))
def test_any_single_digit_error_in_a_cui_is_caught(serial, position, delta):
    digits = f"{serial:08d}"
    check = cui_check_digit(digits)
    if check == 10:
        return
    wrong = digits[:position] + str((int(digits[position]) + delta) % 10)
    wrong += digits[position + 1 :]
    assert cui_is_valid(f"{digits}{check}0101")
    assert not cui_is_valid(f"{wrong}{check}0101")


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.from_regex(r"\A[0-9]{13}\Z") | st.from_regex(r"\A[0-9]{2,10}[0-9K]\Z"),
        min_size=1,
        max_size=40,
    )
)
def test_sql_agrees_with_python(values):
    connection = duckdb.connect()
    connection.execute("CREATE TABLE t (x VARCHAR)")
    connection.executemany("INSERT INTO t VALUES (?)", [[v] for v in values])
    cui_sql, nit_sql = (
        cui_valid_sql("CASE WHEN length(x) = 13 THEN TRY_CAST(x AS BIGINT) END"),
        nit_valid_sql("x", "TRY_CAST(x[1:-2] AS BIGINT)"),
    )
    rows = connection.execute(
        f"SELECT x, coalesce({cui_sql}, false), coalesce({nit_sql}, false) FROM t"
    ).fetchall()
    for value, cui_ok, nit_ok in rows:
        assert cui_ok == (len(value) == 13 and cui_is_valid(value))
        assert nit_ok == nit_is_valid(value)
