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


@pytest.fixture(scope="module")
def cli_parquet(tmp_path_factory):
    """The CLI's Parquet output over the seed articles, and its JSON Lines output."""
    import json
    import subprocess

    from conftest import SEEDS, cli_binary

    out = tmp_path_factory.mktemp("parquet")
    parquet, jsonl = out / "claims.parquet", out / "claims.jsonl"
    for fmt, path in (("parquet", parquet), ("jsonl", jsonl)):
        subprocess.run(
            [cli_binary(), str(SEEDS), "--format", fmt, "-o", str(path)],
            check=True,
            capture_output=True,
        )
    # Exact values: JSON numbers read as Decimal, never through a float.
    text = jsonl.read_text(encoding="utf-8")
    rows = [json.loads(line, parse_float=Decimal) for line in text.splitlines()]
    return parquet, rows


def test_pandas_reads_the_cli_parquet(cli_parquet):
    pd = pytest.importorskip("pandas")
    path, rows = cli_parquet
    df = pd.read_parquet(path)
    assert len(df) == len(rows)
    assert str(df["start"].dtype) == "int64"
    # The exact decimal both as a Decimal and as its text.
    assert [Decimal(t) for t in df["value_text"]] == [Decimal(r["value"]) for r in rows]
    assert all(Decimal(t) == v for t, v in zip(df["value_text"], df["value"]))


def test_polars_reads_the_cli_parquet(cli_parquet):
    pl = pytest.importorskip("polars")
    path, rows = cli_parquet
    df = pl.read_parquet(path)
    assert df.height == len(rows)
    assert df.schema["value"] == pl.Decimal(38, 10)
    assert df.schema["date_start"] == pl.Date
    assert df.schema["start"] == pl.Int64
    starts = [(r["date"] or {}).get("start") for r in rows]
    got = [d.isoformat() if d else None for d in df["date_start"].to_list()]
    assert got == starts


def test_duckdb_reads_the_cli_parquet(cli_parquet):
    duckdb = pytest.importorskip("duckdb")
    path, rows = cli_parquet
    con = duckdb.connect()
    types = dict(
        con.sql(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{path}')").fetchall()
    )
    assert types["value"] == "DECIMAL(38,10)"
    assert types["date_start"] == "DATE"
    assert types["start"] == "BIGINT"
    money = sum(Decimal(r["value"]) for r in rows if r["kind"] == "money")
    total = con.sql(f"SELECT sum(value) FROM '{path}' WHERE kind = 'money'").fetchall()[0][0]
    assert total == money
