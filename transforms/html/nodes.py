"""The page as the metadata readers and the dump walk it: BeautifulSoup's small API over one
lxml parse.

Parsing a page with BeautifulSoup cost 14 ms of a 43 ms page and lxml's own parse 2 ms; the
readers need little of bs4 (names, attributes, text, parents, document order). So the page is
parsed once with lxml, the tree trafilatura and htmldate read too, and mirrored here in plain
objects with bs4's names and meanings: strings typed as bs4 types them (comments, script and
style text, whitespace-only strings collapsed to ' ' or a newline outside <pre> and
<textarea>), 'class' and
'rel' as lists, the document order that `next_element` and `descendants` follow.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from itertools import islice
from typing import Any, cast

from lxml import etree
from lxml import html as lxml_html

_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
_PRESERVE = frozenset({"pre", "textarea"})
# lxml.html's element classes (trafilatura takes only its HtmlElement), looked up in C: its
# own parser asks a Python function for every element, 5% of the parse.
_HTML_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement,
    comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction,
)
# Attributes bs4 reads as space-separated lists, on every element or on the ones named.
_OTHER_LIST_ATTRS = frozenset({"accesskey", "dropzone"})  # and "class"
_NAMED_LIST_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"rel", "rev"}), "link": frozenset({"rel", "rev"}), "area": frozenset({"rel"}),
    "td": frozenset({"headers"}), "th": frozenset({"headers"}), "icon": frozenset({"sizes"}),
    "form": frozenset({"accept-charset"}), "object": frozenset({"archive"}),
    "iframe": frozenset({"sandbox"}), "output": frozenset({"for"}),
}  # fmt: skip


class _InDocument:
    """Where a string or an element stands in the page's document order, as bs4 walks it."""

    __slots__ = ()
    _index: int
    parent: Tag | None

    @property
    def _order(self) -> list[PageElement]:
        raise NotImplementedError

    @property
    def next_element(self) -> PageElement | None:
        return _at(self._order, self._index + 1)

    @property
    def previous_element(self) -> PageElement | None:
        return _at(self._order, self._index - 1)

    @property
    def next_elements(self) -> Iterator[PageElement]:
        return islice(self._order, self._index + 1, None)

    @property
    def previous_elements(self) -> Iterator[PageElement]:
        return _backwards(self._order, self._index)

    @property
    def parents(self) -> Iterator[Tag]:
        return _parents(self.parent)


class NavigableString(str, _InDocument):
    """A string of the page, linked into it as bs4's is."""

    parent: Tag
    _index: int

    @property
    def _order(self) -> list[PageElement]:
        return self.parent._doc

    def get_text(self, separator: str = "") -> str:
        """bs4 gives a string's own text only for plain (and CDATA) strings."""
        return str(self) if type(self) in _MAIN_STRINGS else ""


class Comment(NavigableString):
    """An HTML comment's content."""


class CData(NavigableString):
    """A CDATA section's content."""


class Doctype(NavigableString):
    """The document type declaration, as bs4 spells it ('html')."""


class ProcessingInstruction(NavigableString):
    """'<?target data>' as 'target data'."""


class Script(NavigableString):
    """Text inside <script>."""


class Stylesheet(NavigableString):
    """Text inside <style>."""


class TemplateString(NavigableString):
    """Text inside <template>."""


class RubyTextString(NavigableString):
    """Text inside <rt>."""


class RubyParenthesisString(NavigableString):
    """Text inside <rp>."""


_CONTAINERS: dict[str, type[NavigableString]] = {
    "script": Script, "style": Stylesheet, "template": TemplateString,
    "rt": RubyTextString, "rp": RubyParenthesisString,
}  # fmt: skip
_MAIN_STRINGS = frozenset({NavigableString, CData})


class Tag(_InDocument):
    """An element: its name, attributes, parent, children and place in document order."""

    __slots__ = ("_doc", "_end", "_index", "attrs", "contents", "name", "parent")

    def __init__(self, name: str, attrs: dict[str, Any], parent: Tag | None) -> None:
        self.name = name
        self.attrs = attrs
        self.parent = parent
        self.contents: list[PageElement] = []
        self._doc: list[PageElement] = []
        self._index = -1
        self._end = 0

    def __repr__(self) -> str:
        return f"<{self.name}>"

    @property
    def _order(self) -> list[PageElement]:
        return self._doc

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)

    @property
    def descendants(self) -> Iterator[PageElement]:
        return iter(self._doc[self._index + 1 : self._end])

    @property
    def string(self) -> NavigableString | None:
        """The one string inside, through single children, as bs4's `.string` (walked, not
        recursed: a chain of a thousand nested elements is no reason to fail a page)."""
        node: Tag = self
        while len(node.contents) == 1:
            child = node.contents[0]
            if isinstance(child, NavigableString):
                return child
            node = child
        return None

    @property
    def body(self) -> Tag | None:
        return self.find("body")

    def get_text(self, separator: str = "") -> str:
        """The strings bs4 counts as text here joined: no comments, and no script or style
        text unless this is the script or style."""
        wanted = _MAIN_STRINGS if self.name not in _CONTAINERS else {_CONTAINERS[self.name]}
        strings = self._doc[self._index + 1 : self._end]
        return separator.join([cast(str, node) for node in strings if type(node) in wanted])

    def find(self, name: object = None, **attrs: object) -> Tag | None:
        found = self.find_all(name, limit=1, **attrs)
        return cast(Tag, found[0]) if found else None

    def find_previous_siblings(self, name: str) -> list[Tag]:
        """Elements named `name` before this one in its parent, nearest first."""
        siblings = self.parent.contents if self.parent is not None else []
        before = siblings[: _position(siblings, self)]
        return [node for node in reversed(before) if isinstance(node, Tag) and node.name == name]

    def find_next_siblings(self, name: str) -> list[Tag]:
        """Elements named `name` after this one in its parent, nearest first."""
        siblings = self.parent.contents if self.parent is not None else []
        after = siblings[_position(siblings, self) + 1 :]
        return [node for node in after if isinstance(node, Tag) and node.name == name]

    def find_all(
        self, name: object = None, limit: int | None = None, string: object = None, **attrs: object
    ) -> list[Any]:
        """Elements matching `name` (a name, names or True) and attribute values (a string
        or a compiled pattern), or with `string` alone, strings the pattern finds."""
        found: list[Any] = []
        for node in self.descendants:
            if string is not None:
                hit = isinstance(node, NavigableString) and _matches(string, node)
            else:
                hit = isinstance(node, Tag) and _named(node, name, attrs)
            if hit:
                found.append(node)
                if limit is not None and len(found) >= limit:
                    break
        return found


class BeautifulSoup(Tag):
    """The document: '[document]', holding the doctype, the root element and around it."""

    __slots__ = ("_tags",)

    def __init__(self) -> None:
        super().__init__("[document]", {}, None)
        self._tags: list[Tag] = []

    @property
    def tags(self) -> list[Tag]:
        """Every element in page order (`find_all(True)`), listed as mirrored; do not change."""
        return self._tags


PageElement = Tag | NavigableString
_RELEASED: list[PageElement] = []  # what a released mirror's lists are: empty, never added to


def parse_page(html: str) -> tuple[BeautifulSoup, Any]:
    """The page parsed once by lxml (repairing markup as bs4 on lxml does) and its mirror;
    the lxml tree is what trafilatura and htmldate read (None when lxml finds no element)."""
    # bs4 feeds lxml the same way: whole, with a leading byte-order mark dropped. bs4's
    # event-driven build had no depth cap; lxml's tree stops at 256 levels (trafilatura's
    # own parse lost deeper text), at 2048 with huge_tree.
    parser = etree.HTMLParser(
        recover=True, huge_tree=True, collect_ids=False, default_doctype=False
    )
    parser.set_element_class_lookup(_HTML_CLASSES)
    try:
        parser.feed(html.removeprefix("\ufeff"))
        root = parser.close()
    except (etree.ParserError, etree.XMLSyntaxError):  # no document (libxml2 before 2.14)
        root = None
    doc = BeautifulSoup()
    if root is None:
        return doc, None
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None:
        _add_string(doc, _doctype(dtd.name, dtd.external_id, dtd.system_url), Doctype, False)
    for sibling in reversed(list(root.itersiblings(preceding=True))):
        _mirror(sibling, doc)
    _mirror(root, doc)
    for sibling in root.itersiblings():
        _mirror(sibling, doc)
    doc._end = len(doc._doc)
    return doc, root


def release(doc: BeautifulSoup) -> None:
    """Unlink a mirror once read: its parent/child links are cycles, which only the cycle
    collector frees, after scanning them again and again; without them reference counting
    frees the page at once (whole HTML path, 160 tuning pages: 49.4 -> 45.6 ms of CPU a page,
    four runs each). Strings keep their parents; the mirror holds nothing after (the order
    every element shares is emptied once, not unlinked from each)."""
    for tag in doc._tags:
        tag.contents = _RELEASED
    doc._doc.clear()
    doc._doc = doc.contents = _RELEASED
    doc._tags = []


def _mirror(element: Any, doc: BeautifulSoup) -> None:
    """Mirror `element` and what it holds into `doc` in one pass over lxml's document order
    (no recursion: deep pages cannot recurse us out): each element opens with its text, and
    its tail follows once the next element met is no longer inside it."""
    order, tags = doc._doc, doc._tags
    # Open elements: the lxml element, its mirror, the string type and whitespace rule inside.
    stack: list[tuple[Any, Tag, type[NavigableString], bool]] = [
        (None, doc, NavigableString, False)
    ]
    for item in element.iter():
        parent = item.getparent()
        while stack[-1][0] is not parent and len(stack) > 1:  # elements that end here
            done, ended, _, _ = stack.pop()
            ended._end = len(order)
            if done.tail:
                _add_string(stack[-1][1], done.tail, stack[-1][2], stack[-1][3])
        _, outer, kind, keep = stack[-1]
        name = item.tag
        if not isinstance(name, str):
            if name is etree.Comment:
                _add_string(outer, item.text or "", Comment, keep)
            elif name is etree.PI:
                _add_string(outer, f"{item.target} {item.text or ''}", ProcessingInstruction, keep)
            if item.tail:  # an entity lxml kept: bs4 sees none, but the text after it
                _add_string(outer, item.tail, kind, keep)
            continue
        tag = Tag(name, _attributes(name, item.items()), outer)
        tag._doc, tag._index = order, len(order)
        order.append(tag)
        tags.append(tag)
        outer.contents.append(tag)
        inner = _CONTAINERS.get(name, kind)
        inner_keep = keep or name in _PRESERVE
        stack.append((item, tag, inner, inner_keep))
        if item.text:
            _add_string(tag, item.text, inner, inner_keep)
    while len(stack) > 1:
        done, ended, _, _ = stack.pop()
        ended._end = len(order)
        if done.tail:
            _add_string(stack[-1][1], done.tail, stack[-1][2], stack[-1][3])


def _add_string(parent: Tag, text: str, kind: type[NavigableString], keep: bool) -> None:
    if not keep and not text.strip(_ASCII_SPACES):
        text = "\n" if "\n" in text else " "
    string = kind(text)
    string.parent = parent
    order = parent._doc
    string._index = len(order)
    order.append(string)
    parent.contents.append(string)


def _attributes(name: str, items: list[tuple[str, str]]) -> dict[str, Any]:
    """The element's attributes (lxml's `items()`: `attrib` is a proxy read key by key),
    the ones bs4 reads as lists split at whitespace."""
    if not items:
        return {}
    attrs: dict[str, Any] = dict(items)
    # str.split() splits where re.findall(r"\S+") does (every code point checked), faster.
    if "class" in attrs:
        attrs["class"] = attrs["class"].split()
    if len(attrs) > 1:
        for key in _OTHER_LIST_ATTRS.intersection(attrs):
            attrs[key] = attrs[key].split()
    if name in _NAMED_LIST_ATTRS:
        for key in attrs.keys() & _NAMED_LIST_ATTRS[name]:
            attrs[key] = attrs[key].split()
    return attrs


def _doctype(name: str | None, public: str | None, system: str | None) -> str:
    value = name or ""
    if public is not None:
        value += f' PUBLIC "{public}"'
        if system is not None:
            value += f' "{system}"'
    elif system is not None:
        value += f' SYSTEM "{system}"'
    return value


def _backwards(order: list[PageElement], index: int) -> Iterator[PageElement]:
    for before in range(index - 1, -1, -1):
        yield order[before]


def _at(order: list[PageElement], index: int) -> PageElement | None:
    return order[index] if 0 <= index < len(order) else None


def _position(siblings: list[PageElement], tag: Tag) -> int:
    return next(index for index, node in enumerate(siblings) if node is tag)


def _parents(tag: Tag | None) -> Iterator[Tag]:
    while tag is not None:
        yield tag
        tag = tag.parent


def _named(tag: Tag, name: object, attrs: dict[str, object]) -> bool:
    if name is not None and name is not True:
        if isinstance(name, str):
            if tag.name != name:
                return False
        elif not isinstance(name, Collection) or tag.name not in name:
            return False
    for key, wanted in attrs.items():
        value = tag.attrs.get(key)
        if value is None or not _matches(wanted, value):
            return False
    return True


def _matches(wanted: object, value: object) -> bool:
    text = " ".join(value) if isinstance(value, list) else str(value)
    if isinstance(wanted, re.Pattern):
        return wanted.search(text) is not None
    return text == wanted
