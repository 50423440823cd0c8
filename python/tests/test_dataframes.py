"""pandas, Polars and DuckDB read the Arrow table with its types (each skipped if absent)."""

import datetime
from decimal import Decimal

import pytest

pa = pytest.importorskip("pyarrow")

TEXTS = ["2020年全市共查处各类涉烟违法案件1300余宗,涉案总价值超1.1亿元,同比增长12.5%。"]


@pytest.fixture(scope="module")
def table(extractor):
    return extractor.extract_table(TEXTS, docs=["a"], dates=["2021-01-20"])


def test_pandas(table):
    pd = pytest.importorskip("pandas")
    df = table.to_pandas()
    assert str(df["start"].dtype) == "int64"
    assert df["value"].map(type).eq(Decimal).all()
    assert df.loc[df.text == "超1.1亿元", "value"].item() == Decimal("110000000")
    assert df["date_start"].iloc[0] == datetime.date(2020, 1, 1)
    assert df["part_of"].isna().all()


def test_polars(table):
    pl = pytest.importorskip("polars")
    df = pl.from_arrow(table)
    assert df.schema["value"] == pl.Decimal(38, 10)
    assert df.schema["date_start"] == pl.Date
    assert df.schema["start"] == pl.Int64
    assert df.filter(pl.col("text") == "1300余宗")["value"].item() == Decimal("1300")


def test_duckdb(table):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.register("claims", table)
    types = dict(con.sql("SELECT column_name, column_type FROM (DESCRIBE claims)").fetchall())
    assert types["value"] == "DECIMAL(38,10)"
    assert types["date_start"] == "DATE"
    assert types["start"] == "BIGINT"
    total = con.sql("SELECT sum(value) FROM claims WHERE kind = 'money'").fetchall()[0][0]
    assert total == Decimal("110000000")
