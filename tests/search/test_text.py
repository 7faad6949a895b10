"""The Spanish normaliser shared by documents and queries."""

from hypothesis import given
from hypothesis import strategies as st

from ceiba.search.text import MAX_WORD_LENGTH, fold, normalise, strip_accents, terms

LETTERS = "abcdefghijklmnñopqrstuvwxyzáéíóúü"
SPANISH = st.text(
    alphabet=LETTERS + LETTERS.upper() + "0123456789 .,;-_¿?¡!'\"", max_size=200
)


def test_fold_lowercases_strips_accents_and_splits_words():
    assert fold("Educación BÁSICA, año 2024") == ["educacion", "basica", "ano", "2024"]
    assert fold("matricula_escolar-2023.csv") == ["matricula", "escolar", "2023", "csv"]
    assert fold("Pingüino ÑANDÚ") == ["pinguino", "nandu"]


def test_fold_drops_words_nobody_searches_for():
    assert fold("a" * (MAX_WORD_LENGTH + 1) + " corto") == ["corto"]


def test_decomposition_never_leaves_capitals():
    assert fold("℃ ﬁ Ⅻ") == ["c", "fi", "xii"]


def test_terms_drop_stopwords_and_stem():
    assert terms("Las escuelas de la Ciudad de Guatemala") == [
        "escuel",
        "ciud",
        "guatemal",
    ]


def test_singular_and_plural_meet():
    assert terms("escuelas") == terms("Escuela")
    assert terms("poblaciones") == terms("Población")
    assert terms("instituciones") == terms("institución")


def test_estado_is_a_word_not_a_stopword():
    assert terms("Estados financieros del Estado") == terms("estado financiero estado")
    assert terms("estado") != []


def test_only_stopwords_give_no_terms():
    assert terms("de la y el que") == []
    assert normalise("¿?¡! -- ** ") == ""


@given(st.text())
def test_never_fails_on_any_text(text):
    assert isinstance(normalise(text), str)


@given(st.text())
def test_folding_is_idempotent(text):
    words = fold(text)
    assert fold(" ".join(words)) == words


@given(st.text())
def test_folded_text_gives_the_same_terms(text):
    assert terms(" ".join(fold(text))) == terms(text)


@given(SPANISH)
def test_accents_and_case_do_not_matter(text):
    assert terms(strip_accents(text)) == terms(text)
    assert terms(text.upper()) == terms(text.lower())
