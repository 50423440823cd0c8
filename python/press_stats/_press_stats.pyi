"""Type stubs of the extension module (re-exported by ``press_stats``)."""

import datetime
import decimal
import os
import pathlib
from collections.abc import Iterable
from typing import Any, Final, Literal, Optional, Union

import pyarrow

Kind = Literal[
    "count", "money", "percent", "percentage_point", "measure", "duration", "multiple", "rank", "index"
]
Approx = Literal["exact", "about", "more_than", "at_least", "nearly", "less_than", "at_most"]
Modality = Literal["actual", "target", "forecast"]
Source = Literal["sentence", "speaker", "heading", "paragraph", "document"]
DateLike = Union[datetime.date, str]

CLAIM_COLUMNS: Final[list[str]]
"""The columns of ``Extractor.extract_table``: the CSV's, then ``value_text``, ``upper_text``."""

class DecodeError(ValueError):
    """A file that cannot be read as a document: binary, damaged, or a format not read."""

class Change:
    """A change or comparison: which way, and against what."""

    @property
    def direction(self) -> Literal["up", "down"]: ...
    @property
    def basis(self) -> Optional[str]:
        """The text of the reference (``同比``, ``较上年``), or None."""
    def to_dict(self) -> dict[str, Any]: ...

class Department:
    """The government body a claim belongs to."""

    @property
    def name(self) -> str:
        """The resolved full name (``东莞市烟草专卖局``)."""
    @property
    def mention(self) -> str:
        """The text that named it (``市烟草专卖局``)."""
    @property
    def source(self) -> Source: ...
    def to_dict(self) -> dict[str, Any]: ...

class Period:
    """The period a claim refers to; an open start or end is None."""

    @property
    def text(self) -> Optional[str]:
        """The mention (``截至9月底``), or None for the document date."""
    @property
    def start(self) -> Optional[datetime.date]: ...
    @property
    def end(self) -> Optional[datetime.date]: ...
    @property
    def source(self) -> Source: ...
    def to_dict(self) -> dict[str, Any]:
        """The record's ``date`` object, dates as ``"YYYY-MM-DD"``."""

class Claim:
    """One quantitative claim (docs/claims.md §2). Frozen, comparable, hashable.

    >>> c = Extractor().extract("涉案总价值超1.1亿元。")[0]
    >>> c.value, c.unit, c.kind, c.approx
    (Decimal('110000000'), '元', 'money', 'more_than')
    """

    @property
    def doc(self) -> Optional[str]:
        """The document's name given to ``extract``, or None."""
    @property
    def start(self) -> int:
        """Char offset of the span: ``text[claim.start:claim.end] == claim.text``."""
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def value(self) -> decimal.Decimal:
        """The exact value with every multiplier applied (percentages in percent)."""
    @property
    def value_text(self) -> str:
        """The value's exact decimal text."""
    @property
    def upper(self) -> Optional[decimal.Decimal]:
        """The upper bound of a range (``2至6个月`` → 6)."""
    @property
    def approx(self) -> Approx: ...
    @property
    def unit(self) -> str: ...
    @property
    def subject(self) -> Optional[str]: ...
    @property
    def change(self) -> Optional[Change]: ...
    @property
    def modality(self) -> Modality: ...
    @property
    def department(self) -> Optional[Department]: ...
    @property
    def date(self) -> Optional[Period]: ...
    @property
    def sentence(self) -> str: ...
    @property
    def part_of(self) -> Optional[int]:
        """The ``start`` of the total this claim is a stated part of."""
    @property
    def change_of(self) -> Optional[int]:
        """The ``start`` of the value this claim is the stated change of."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines record (``doc`` first when set); ``value``/``upper`` as Decimal.

        ``json.loads(line, parse_float=Decimal)`` of the CLI's record compares equal.
        """
    def __hash__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...

class Document:
    """A file read by ``read_path``: its decoded text and what a saved page says."""

    @property
    def text(self) -> str:
        """The text that claim offsets point into (BOM removed, line ends ``\\n``)."""
    @property
    def path(self) -> pathlib.Path: ...
    @property
    def format(self) -> Literal["text", "html", "docx"]: ...
    @property
    def encoding(self) -> str: ...
    @property
    def encoding_guessed(self) -> bool: ...
    @property
    def malformed_bytes(self) -> int: ...
    @property
    def title(self) -> Optional[str]: ...
    @property
    def date(self) -> Optional[datetime.date]:
        """A saved page's publication date."""
    @property
    def path_date(self) -> Optional[datetime.date]:
        """The date the file's path holds, as the command line reads it
        (``t20230516_1.html``, ``2023-05-16/a.txt``, ``20230516_x.txt``): the document's date
        when no ``date`` is given, its page has none and its text states none.

        >>> read_bytes("今年前4个月，全市收入增长5%。".encode(), "news/t20230516_1.txt").path_date
        datetime.date(2023, 5, 16)
        """
    @property
    def publisher(self) -> Optional[str]: ...
    @property
    def site(self) -> Optional[str]: ...

def read_path(path: Union[str, os.PathLike[str]], *, encoding: Optional[str] = None) -> Document:
    """Reads a file as the command line does: its format by its extension, its encoding
    detected, and the date its path holds (``Document.path_date``).

    Raises ``FileNotFoundError`` (or another ``OSError``) when it cannot be read,
    ``DecodeError`` when it is binary, damaged or a PDF, ``ValueError`` for an unknown
    ``encoding``.

    >>> doc = read_path("fixtures/seeds/000_5a25de44587b9c28.txt")  # doctest: +SKIP
    >>> claims = Extractor().extract(doc)                            # doctest: +SKIP
    """

def read_bytes(data: bytes, name: Union[str, os.PathLike[str]], *, encoding: Optional[str] = None) -> Document:
    """Reads a file's bytes as ``read_path`` reads a file named ``name`` (its extension
    tells the format): for bytes from elsewhere than a local path (a Spark ``binaryFile``
    row, an archive). Raises as ``read_path`` does.

    >>> read_bytes("全市新增就业1.2万人。".encode("gbk"), "a.txt").text
    '全市新增就业1.2万人。'
    """

class Extractor:
    """Finds quantitative claims. Build once and share: thread-safe, and the GIL is
    released while it extracts, so threads extract in parallel.

    >>> ex = Extractor()
    >>> [c.text for c in ex.extract("全市新增就业1.2万人,城镇登记失业率3.5%。")]
    ['1.2万人', '3.5%']
    """

    def __init__(self) -> None: ...
    def extract(
        self,
        text: Union[str, Document],
        *,
        doc: Optional[str] = None,
        date: Optional[DateLike] = None,
        title: Optional[str] = None,
        region: Optional[str] = None,
        publisher: Optional[str] = None,
    ) -> list[Claim]:
        """The claims of ``text`` in text order.

        ``date`` (publication date) resolves relative periods; ``title``, ``region`` and
        ``publisher`` are what a crawl knows (they win over what the text says). A
        ``Document`` from ``read_path`` adds its page's metadata and the date in its path as the
        CLI does (what is given here wins), and its file name is the default ``doc``.
        """
    def extract_table(
        self,
        texts: Iterable[str],
        docs: Optional[Iterable[object]] = None,
        dates: Optional[Iterable[Optional[DateLike]]] = None,
    ) -> pyarrow.Table:
        """The claims of many texts as one ``pyarrow.Table`` built in Rust.

        One row per claim with ``CLAIM_COLUMNS``: ``value``/``upper`` as
        ``decimal128(38, 10)`` (null when a value does not fit; ``value_text`` and
        ``upper_text`` hold the exact decimal), ``date_start``/``date_end`` as ``date32``,
        offsets as ``int64``, the rest ``utf8``. ``docs`` names each text (default: its
        index as a string); ``dates`` gives each text's publication date.

        >>> t = Extractor().extract_table(["全市新增就业1.2万人。"], docs=["a"])
        >>> t.column("value").to_pylist()
        [Decimal('12000.0000000000')]
        """
