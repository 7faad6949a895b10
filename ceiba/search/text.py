"""Spanish text normalisation: one function turns documents and queries into terms.

``fold`` lowercases, strips accents and splits text into words of letters and digits
(underscores, dots and dashes separate words, so ``matricula_2023.csv`` gives three).
``terms`` then drops Spanish stopwords and stems each word with Snowball.

Both search backends index and query these terms, so SQLite and PostgreSQL agree
word for word. Snowball stems are not a fixed point (``acelerado`` → ``aceler`` →
``acel``): normalise raw text exactly once, never a normalised string again.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

# Longer "words" are base64, hashes or glued URLs: nobody searches for them.
MAX_WORD_LENGTH = 60

_WORD = re.compile(r"[^\W_]+")

# Snowball's Spanish list (the one PostgreSQL ships), folded like the text, without
# the forms of "estado" and "sentido": in government data they are nouns (the State,
# financial statements, direction of traffic) that people search for.
_STOPWORDS = """
    de la que el en y a los del se las por un para con no una su al lo como mas pero
    sus le ya o este si porque esta entre cuando muy sin sobre tambien me hasta hay
    donde quien desde todo nos durante todos uno les ni contra otros ese eso ante
    ellos e esto mi antes algunos unos yo otro otras otra tanto esa estos mucho
    quienes nada muchos cual poco ella estar estas algunas algo nosotros mis tu te ti
    tus ellas nosotras vosotros vosotras os mio mia mios mias tuyo tuya tuyos tuyas
    suyo suya suyos suyas nuestro nuestra nuestros nuestras vuestro vuestra vuestros
    vuestras esos esas estoy estamos estais estan estes estemos esteis esten estare
    estaras estara estaremos estareis estaran estaria estarias estariamos estariais
    estarian estaba estabas estabamos estabais estaban estuve estuviste estuvo
    estuvimos estuvisteis estuvieron estuviera estuvieras estuvieramos estuvierais
    estuvieran estuviese estuvieses estuviesemos estuvieseis estuviesen estando estad
    he has ha hemos habeis han haya hayas hayamos hayais hayan habre habras habra
    habremos habreis habran habria habrias habriamos habriais habrian habia habias
    habiamos habiais habian hube hubiste hubo hubimos hubisteis hubieron hubiera
    hubieras hubieramos hubierais hubieran hubiese hubieses hubiesemos hubieseis
    hubiesen habiendo habido habida habidos habidas soy eres es somos sois son sea
    seas seamos seais sean sere seras sera seremos sereis seran seria serias seriamos
    seriais serian era eras eramos erais eran fui fuiste fue fuimos fuisteis fueron
    fuera fueras fueramos fuerais fueran fuese fueses fuesemos fueseis fuesen
    sintiendo siente sentid tengo tienes tiene tenemos teneis tienen tenga tengas
    tengamos tengais tengan tendre tendras tendra tendremos tendreis tendran tendria
    tendrias tendriamos tendriais tendrian tenia tenias teniamos teniais tenian tuve
    tuviste tuvo tuvimos tuvisteis tuvieron tuviera tuvieras tuvieramos tuvierais
    tuvieran tuviese tuvieses tuviesemos tuvieseis tuviesen teniendo tenido tenida
    tenidos tenidas tened
"""
STOPWORDS = frozenset(_STOPWORDS.split())

# A Snowball stemmer keeps state while it works, so threads take turns.
_STEMMER = snowballstemmer.stemmer("spanish")
_STEMMER_LOCK = threading.Lock()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> list[str]:
    """The words of ``text``, lowercase and without accents."""
    # Decomposing can reveal capitals (℃ → °C), so case is folded on both sides.
    words = _WORD.findall(strip_accents(text.casefold()).casefold())
    return [word for word in words if len(word) <= MAX_WORD_LENGTH]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    with _STEMMER_LOCK:
        return _STEMMER.stemWord(word)


def terms(text: str) -> list[str]:
    """The search terms of ``text``: folded words, minus stopwords, stemmed."""
    return [stem(word) for word in fold(text) if word not in STOPWORDS]


def normalise(text: str) -> str:
    return " ".join(terms(text))
