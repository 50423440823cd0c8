"""The CLI reads a Parquet table that pyarrow wrote as it reads the same table in CSV."""

import datetime
import json
import subprocess

import pytest

from conftest import SEEDS, cli_binary

TEXT = "今年前4个月，全市一般公共预算收入增长5%。"


def test_a_parquet_table_written_by_pyarrow_gives_the_claims_of_its_csv(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pacsv = pytest.importorskip("pyarrow.csv")
    seeds = sorted(SEEDS.glob("*.txt"))
    ids = list(range(len(seeds))) + [99]
    bodies = [p.read_text(encoding="utf-8") for p in seeds] + [TEXT]
    # 2023-12-31 20:00 UTC is already 2024 in Beijing: the column's zone decides the year.
    utc = datetime.timezone.utc
    stamps = [None] * len(seeds) + [datetime.datetime(2023, 12, 31, 20, 0, tzinfo=utc)]
    table = pa.table({
        "id": pa.array(ids, pa.int64()),
        "body": pa.array(bodies, pa.large_string()),
        "pub": pa.array(stamps, pa.timestamp("ms", tz="+08:00")),
        "score": pa.array([1.5] * len(ids), pa.float64()),
    })
    pq.write_table(table, tmp_path / "corpus.parquet", row_group_size=2)
    as_csv = table.set_column(2, "pub", pa.array(
        [None] * len(seeds) + ["2024-01-01"], pa.string()))
    pacsv.write_csv(as_csv, tmp_path / "corpus.csv")

    def run(name):
        return subprocess.run(
            [cli_binary(), "--table", str(tmp_path / name), "--text-column", "body",
             "--doc-column", "id", "--date-column", "pub", "--keep-column", "score"],
            check=True, capture_output=True, encoding="utf-8").stdout

    from_parquet = run("corpus.parquet")
    assert from_parquet == run("corpus.csv")
    rows = [json.loads(line) for line in from_parquet.splitlines()]
    assert len(rows) > 100
    [last] = [r for r in rows if r["doc"] == "99"]
    assert last["date"]["year"] == 2024 and last["score"] == "1.5"
