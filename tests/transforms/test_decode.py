"""Decoding: UTF-8 and BOMs, a detector for legacy charsets, binary rejected."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from newsnorm.transforms.decode import decode_bytes, decode_html_bytes
from newsnorm.transforms.errors import DocumentRejected

ARTICLE = (
    "Caf\u00e9 owners said \u201cit\u2019s over\u201d \u2014 the na\u00efve r\u00e9sum\u00e9 "
    "fa\u00e7ade fell.\n\nThe mayor\u2019s office declined to comment on Tuesday."
)
SPANISH = (
    "Jos\u00e9 Mart\u00ednez se\u00f1al\u00f3 que el a\u00f1o fue dif\u00edcil para la "
    "regi\u00f3n.\n\nLa econom\u00eda creci\u00f3 poco, seg\u00fan el informe."
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (ARTICLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16"),
        (ARTICLE.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1252"],
)
def test_decodes_article(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == ARTICLE
    assert decoded.encoding == encoding


def test_latin1_text_decodes_to_the_same_characters() -> None:
    assert decode_bytes(SPANISH.encode("latin-1")).text == SPANISH


@pytest.mark.parametrize(
    "text",
    [
        "The council approved a 3 \u00d7 4 metre awning for the caf\u00e9 on Tuesday.\n",
        "Acme\u2122 and Zeta\u2122 reported growth; the caf\u00e9 doubled its sales.\n",
    ],
    ids=["times", "trade-mark"],
)
def test_western_symbols_keep_windows_1252(text: str) -> None:
    """The times and trade mark signs are bytes windows-1250 reads alike: no sign of another
    Latin code page (the detector says mac_latin2 or cp1250 for these)."""
    assert decode_bytes(text.encode("cp1252")).text == text


# A page whose first 64 KiB are ASCII (scripts), wrongly saying UTF-8 in an http-equiv meta.
_HEAD = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
_SCRIPT = "<script>" + "var a = 1;\n" * 7000 + "</script></head><body><p>"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (f"{_HEAD}{_SCRIPT}The caf\u00e9\u2019s owner said \u201cyes\u201d.</p>", "cp1252"),
        (_HEAD + _SCRIPT + "\u041c\u043e\u0441\u043a\u0432\u0430 \u2014 " * 20, "cp1251"),
    ],
    ids=["cp1252", "cp1251"],
)
def test_the_detector_reads_past_an_ascii_head(text: str, encoding: str) -> None:
    """The detector's sample starts where non-ASCII bytes do (it said UTF-8 for these, and
    every accent became U+FFFD)."""
    assert decode_html_bytes(text.encode(encoding)).text == text


def test_nfd_text_is_read_composed() -> None:
    assert decode_bytes(unicodedata.normalize("NFD", SPANISH).encode()).text == SPANISH


def test_cyrillic_legacy_charset_is_detected() -> None:
    text = "Москва — столица России, крупнейший город страны. " * 3
    assert decode_bytes(text.encode("cp1251")).text == text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
    ids=["zero-bytes", "whitespace", "png-header", "control-characters"],
)
def test_rejects_non_text(data: bytes, code: str) -> None:
    with pytest.raises(DocumentRejected) as caught:
        decode_bytes(data)
    assert caught.value.code == code
    assert caught.value.message


def test_a_double_byte_page_with_one_stray_byte_keeps_its_code_page() -> None:
    """One bad pair past the detector's sample is a stray byte, not a misread page: the
    Korean stays Korean (windows-1252 would make every syllable two Latin letters)."""
    korean = "\ub274\uc2a4 \uae30\uc790 \uacbd\uc81c \uc815\ubd80 \ub300\ud1b5\ub839 \uc2dc\uc7a5. "
    data = (korean * 4000).encode("cp949")
    middle = len(data) // 2 - len(data) // 2 % 2
    decoded = decode_bytes(data[:middle] + b"\xc9\xff" + data[middle:])
    assert decoded.encoding.endswith("+replacements")
    assert decoded.text.count("\ufffd") <= 2
    assert korean in decoded.text


@pytest.mark.parametrize(("controls", "rejected"), [(10, False), (12, True)])
def test_control_characters_are_counted_per_character_in_utf8(
    controls: int, rejected: bool
) -> None:
    """Counted on the UTF-8 bytes for speed, the share is still of the text's characters:
    1,000 two-byte letters with 12 controls is over 1%, though under 1% of the bytes."""
    data = ("\u00e9" * 1000 + "\x01" * controls).encode("utf-8")
    if rejected:
        with pytest.raises(DocumentRejected, match="12 control characters in 1012"):
            decode_bytes(data)
    else:
        assert decode_bytes(data).text.count("\x01") == controls


def _cut_inside_last_character(data: bytes) -> bytes:
    """`data` cut after the lead byte of its last multi-byte character, as a capture that
    stopped mid-write."""
    last = max(i for i, byte in enumerate(data) if byte >= 0xC2)
    return data[: last + 1]


@pytest.mark.parametrize(
    ("damaged", "kept"),
    [
        (_cut_inside_last_character(ARTICLE.encode()), ARTICLE[: ARTICLE.rindex("\u2019")]),
        (_cut_inside_last_character(SPANISH.encode()), SPANISH[: SPANISH.rindex("\u00fa")]),
        (ARTICLE.encode()[:40] + b"\xe9" + ARTICLE.encode()[40:], ARTICLE),
        (SPANISH.encode()[:30] + b"\x92" + SPANISH.encode()[30:], SPANISH),
    ],
    ids=["cut_article", "cut_spanish", "stray_e9", "stray_92"],
)
def test_utf8_with_a_cut_last_character_or_a_stray_byte_stays_utf8(
    damaged: bytes, kept: str
) -> None:
    """The detector read such a short text as a legacy code page (every accent mojibake:
    'CafÃ©', 'Zoû') or found no encoding at all (the input rejected for one byte)."""
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "utf-8+replacements"
    assert decoded.text.count("\ufffd") == 1
    assert decoded.text.replace("\ufffd", "") == kept
    assert decode_html_bytes(damaged).encoding == "utf-8+replacements"


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_a_legacy_text_ending_in_an_accent_is_not_taken_for_cut_utf8(codec: str) -> None:
    """A lone lead byte at the end with no character before it that decodes as UTF-8 is
    a legacy character, not a cut one."""
    text = "The ferry to Oskby ran late again, said its captain, Zo\u00eb"
    assert decode_bytes(text.encode(codec)).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Greetings from the harbour board, Gru\u00df",
        "The choir sang its last song in PER\u00da",
        "We will meet you at the caf\u00e9\u2026",
        "The mayor only said touch\u00e9\u201d",
    ],
)
def test_an_ascii_text_ending_in_one_or_two_western_characters_stays_western(text: str) -> None:
    # Review of robust27: read as UTF-8 cut inside its last character, these lost their
    # last letters to U+FFFD; a capture cut there loses that character either way.
    decoded = decode_bytes(text.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


@pytest.mark.parametrize(
    "text",
    [
        "\u00df\u201c as report news \u00c4",  # 'ß“' is one valid UTF-8 pair, 'Ä' a lead byte
        "Gr\u00fc\u00df\u201c from the quay \u00e4\u00df\u201d at n\u00e4",
    ],
)
def test_a_short_legacy_text_with_an_accidental_utf8_pair_stays_legacy(text: str) -> None:
    """One or two accented pairs that happen to form UTF-8 (here NKo letters) are no
    evidence of a UTF-8 text: fewer than four characters decode for its one failure."""
    decoded = decode_bytes(text.encode("cp1252"))
    assert "\ufffd" not in decoded.text
    assert decoded.text == text


def test_a_declared_legacy_page_keeps_its_code_page_around_a_utf8_template() -> None:
    """An article in the page's declared windows-1252 inside a template written in UTF-8 is
    read in the declared code page: read as UTF-8, every accent of the article was lost."""
    nav = ("<nav>\u00c9conomie \u00b7 Soci\u00e9t\u00e9 \u00b7 M\u00e9t\u00e9o</nav>" * 4).encode()
    article = "<p>Le pr\u00e9sident a annonc\u00e9 \u00e0 Montr\u00e9al</p>".encode("cp1252")
    for label in ("windows-1252", "iso-8859-1"):
        page = f'<meta charset="{label}">'.encode() + nav + article
        decoded = decode_html_bytes(page)
        assert "\ufffd" not in decoded.text
        assert "Le pr\u00e9sident a annonc\u00e9 \u00e0 Montr\u00e9al" in decoded.text
