"""press-stats: every quantitative claim in Chinese government texts, as typed records.

>>> import press_stats
>>> ex = press_stats.Extractor()
>>> [c] = ex.extract("全年共查处各类涉烟违法案件1300余宗。", date="2020-12-31")
>>> c.text, c.value, c.unit, c.approx
('1300余宗', Decimal('1300'), '宗', 'more_than')
>>> c.date.start, c.date.end
(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))

``Extractor.extract_table(texts)`` gives the claims of many texts as one ``pyarrow.Table``
(one row per claim, the CSV's columns typed); ``read_path(path)`` reads a file (text in
any detected encoding, a saved web page, a ``.docx``) as the command line does.
The record's fields are described in docs/claims.md.
"""

import functools

from ._press_stats import (
    CLAIM_COLUMNS,
    Change,
    Claim,
    DecodeError,
    Department,
    Document,
    Extractor,
    Period,
    read_bytes,
    read_path,
)

__all__ = [
    "CLAIM_COLUMNS",
    "Change",
    "Claim",
    "DecodeError",
    "Department",
    "Document",
    "Extractor",
    "Period",
    "read_bytes",
    "read_path",
    "shared",
]


@functools.lru_cache(maxsize=None)
def shared() -> Extractor:
    """This process's extractor, built on first use and then reused.

    For code that runs many times in one process but cannot keep an object between runs:
    the functions a Spark job hands to ``mapInArrow`` (one extractor per executor process,
    not one per task), ``multiprocessing`` workers.

    >>> shared() is shared()
    True
    """
    return Extractor()
