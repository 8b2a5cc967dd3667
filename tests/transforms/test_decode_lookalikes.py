"""Short Western texts in Latin-1 read right whatever Latin code page the detector names.

The texts are invented: three opening sentences and a line naming two officials, once or
twice, for names in six languages whose accents Latin-1 holds. On such short texts the
detector often names a Latin code page that reads the same bytes as other letters (HP
Roman-8 read 'Gómez' as 'Gµmez'); windows-1252 is taken when it reads every accent as a
letter (decode.py, `_LATIN_LOOKALIKES`)."""

from __future__ import annotations

import codecs
import itertools
import unicodedata

from charset_normalizer import from_bytes
from charset_normalizer.constant import IANA_SUPPORTED
from charset_normalizer.utils import is_multi_byte_encoding

from newsnorm.transforms.decode import _LATIN_LOOKALIKES, decode_bytes

NAMES = {
    "es": ["G\u00f3mez", "Ib\u00e1\u00f1ez", "Mu\u00f1oz", "Pe\u00f1a", "N\u00fa\u00f1ez",
           "Ord\u00f3\u00f1ez", "Bego\u00f1a"],
    "nordic": ["J\u00f6nsson", "\u00c5berg", "S\u00f8rensen", "\u00d8deg\u00e5rd",
               "H\u00e5kansson", "Gu\u00f0mundsson", "\u00de\u00f3r\u00f0ard\u00f3ttir"],
    "fr": ["Lef\u00e8vre", "H\u00e9l\u00e8ne", "Fran\u00e7ois", "Beno\u00eet", "Ga\u00eblle",
           "J\u00e9r\u00f4me"],
    "de": ["M\u00fcller", "Schr\u00f6der", "Wei\u00df", "J\u00fcrgen", "K\u00f6hler",
           "D\u00fcrr"],
    "pt": ["Concei\u00e7\u00e3o", "Jo\u00e3o", "Gon\u00e7alves", "Sim\u00f5es",
           "Magalh\u00e3es"],
    "it": ["Niccol\u00f2", "Cant\u00f9", "Forl\u00ec", "Giosu\u00e8"],
}  # fmt: skip
OPENINGS = [
    "The council met on Tuesday after residents filled the hall.",
    "The ferry to the island ran late again on Friday morning.",
    "Harbour fees will rise next year, the board said.",
]
# A Latin code page: ASCII kept, and its upper half mostly Latin letters.
_MIN_LATIN_LETTERS = 30


def _texts() -> list[str]:
    return [
        " ".join([f"{opening} Officials {first} and {second} said."] * times)
        for names in NAMES.values()
        for first, second in itertools.combinations(names, 2)
        for opening in OPENINGS
        for times in (1, 2)
    ]


def test_short_latin1_texts_with_accented_names_read_as_written() -> None:
    texts = _texts()
    misread = [text for text in texts if decode_bytes(text.encode("latin-1")).text != text]
    assert misread == []


def test_the_detector_names_hp_roman8_for_some_of_them() -> None:
    """The set exercises the lookalike rule: the detector's own pick misreads some of them
    (42 of 528 as HP Roman-8 with charset-normalizer 3)."""
    picks = {str(next(iter(from_bytes(text.encode("latin-1")))).encoding) for text in _texts()}
    assert "hp_roman8" in picks


def _latin_code_pages() -> set[str]:
    """The detector's ASCII-based single-byte code pages whose upper half is mostly Latin."""
    found = set()
    for name in IANA_SUPPORTED:
        if is_multi_byte_encoding(name):
            continue
        if bytes(range(128)).decode(name, errors="replace") != "".join(map(chr, range(128))):
            continue  # EBCDIC and other pages that move ASCII
        upper = codecs.decode(bytes(range(128, 256)), name, errors="replace")
        latin = sum(char.isalpha() and "LATIN" in unicodedata.name(char, "") for char in upper)
        if latin >= _MIN_LATIN_LETTERS:
            found.add(name)
    return found


def test_every_latin_code_page_the_detector_may_name_is_a_lookalike() -> None:
    assert _latin_code_pages() - {"cp1252"} <= _LATIN_LOOKALIKES
    assert {"hp_roman8", "cp437", "cp857", "mac_turkish"} <= _latin_code_pages()


def test_a_cyrillic_or_greek_code_page_is_no_lookalike() -> None:
    assert not {"cp1251", "koi8_r", "cp866", "mac_cyrillic", "cp1253"} & _LATIN_LOOKALIKES
