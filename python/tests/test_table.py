"""extract_table: a pyarrow.Table built in Rust, typed, equal to the claims row for row."""

import csv
import datetime
import subprocess
from decimal import Decimal

import pytest

import press_stats
from conftest import SEEDS, cli_binary

pa = pytest.importorskip("pyarrow")



@pytest.fixture(scope="module")
def csv_columns(tmp_path_factory):
    """The header of the CLI's CSV output."""
    out = tmp_path_factory.mktemp("csv") / "claims.csv"
    subprocess.run([cli_binary(), str(SEEDS), "--format", "csv", "-o", str(out)],
                   check=True, capture_output=True)
    with open(out, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def expected_schema(csv_columns):
    dec = pa.decimal128(38, 10)
    types = {"start": pa.int64(), "end": pa.int64(), "part_of": pa.int64(),
             "change_of": pa.int64(), "date_year": pa.int64(), "value": dec, "upper": dec,
             "date_start": pa.date32(), "date_end": pa.date32()}
    return [(name, types.get(name, pa.string()))
            for name in csv_columns + ["value_text", "upper_text"]]


def test_columns_are_the_csvs_typed(extractor, csv_columns):
    table = extractor.extract_table(["全市新增就业1.2万人。"])
    assert press_stats.CLAIM_COLUMNS == csv_columns + ["value_text", "upper_text"]
    assert [(f.name, f.type) for f in table.schema] == expected_schema(csv_columns)


def test_a_table_with_zero_rows_has_the_schema(extractor, csv_columns):
    for texts in ([], ["今天天气很好。"]):
        table = extractor.extract_table(texts)
        assert table.num_rows == 0
        assert [(f.name, f.type) for f in table.schema] == expected_schema(csv_columns)


def test_rows_equal_the_claims(extractor, seed_paths):
    texts = [press_stats.read_path(p).text for p in seed_paths]
    names = [p.name for p in seed_paths]
    table = extractor.extract_table(texts, docs=names)
    claims = [c for t, n in zip(texts, names) for c in extractor.extract(t, doc=n)]
    assert table.num_rows == len(claims) > 100
    rows = table.to_pylist()
    for row, c in zip(rows, claims):
        d = c.date
        assert row["doc"] == c.doc
        assert (row["start"], row["end"], row["text"]) == (c.start, c.end, c.text)
        assert row["value"] == c.value and row["value_text"] == c.value_text
        assert Decimal(row["value_text"]) == c.value
        assert row["upper"] == c.upper
        assert (row["kind"], row["unit"], row["approx"]) == (c.kind, c.unit, c.approx)
        assert row["subject"] == c.subject and row["sentence"] == c.sentence
        assert row["change_direction"] == (c.change and c.change.direction)
        assert row["department_name"] == (c.department and c.department.name)
        assert row["date_start"] == (d and d.start) and row["date_end"] == (d and d.end)
        assert row["date_source"] == (d and d.source)
        assert (row["part_of"], row["change_of"]) == (c.part_of, c.change_of)
    assert any(r["date_start"] for r in rows) and any(r["part_of"] is not None for r in rows)


def test_dates_and_docs_per_text(extractor):
    table = extractor.extract_table(
        ["今年以来全市新增就业1.2万人。", "今年以来全市新增就业1.3万人。", "全年新增就业1.4万人。"],
        docs=["a", "b", 7],
        dates=[datetime.date(2021, 5, 12), "2022-03-01", None],
    )
    rows = table.to_pylist()
    assert [r["doc"] for r in rows] == ["a", "b", "7"]
    assert rows[0]["date_end"] == datetime.date(2021, 5, 12)
    assert rows[1]["date_end"] == datetime.date(2022, 3, 1)
    assert [r["doc"] for r in extractor.extract_table(["1.2万人", "3人"]).to_pylist()] == ["0", "1"]


def test_values_beyond_decimal128_keep_their_text(extractor):
    table = extractor.extract_table(["全年实现交易额12345678901234.567元,比重为0.000000000001%。"])
    rows = table.to_pylist()
    assert rows[0]["value"] == Decimal("12345678901234.567")
    tiny = [r for r in rows if r["value_text"] == "0.000000000001"]
    assert tiny and tiny[0]["value"] is None  # more than 10 decimals: null, text exact


def test_bad_arguments_raise(extractor):
    with pytest.raises(ValueError, match="lengths differ"):
        extractor.extract_table(["a", "b"], docs=["a"])
    with pytest.raises(TypeError):
        extractor.extract_table([b"bytes"])
    with pytest.raises(ValueError):
        extractor.extract_table(["a"], dates=["not a date"])
