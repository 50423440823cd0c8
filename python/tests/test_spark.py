"""examples/spark/claims_job.py in Spark's local mode: its claims equal the CLI's, row for row.

Skipped unless pyspark is installed and Java is found.
"""

import datetime
import importlib.util
import os
import shutil
from decimal import Decimal

import pytest

from conftest import ROOT, SEEDS

pytest.importorskip("pyspark")
pq = pytest.importorskip("pyarrow.parquet")
if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
    pytest.skip("no Java for Spark", allow_module_level=True)

spec = importlib.util.spec_from_file_location(
    "claims_job", ROOT / "examples" / "spark" / "claims_job.py")
claims_job = importlib.util.module_from_spec(spec)
spec.loader.exec_module(claims_job)


def flat(record):
    """A CLI record as extract_table's row (values exact, dates typed)."""
    day = lambda s: s and datetime.date.fromisoformat(s)  # noqa: E731
    dep, date, change = record["department"] or {}, record["date"] or {}, record["change"] or {}
    return {
        "doc": record["doc"], "start": record["start"], "end": record["end"],
        "text": record["text"], "kind": record["kind"],
        "value_text": Decimal(str(record["value"])),
        "upper_text": None if record["upper"] is None else Decimal(str(record["upper"])),
        "approx": record["approx"], "unit": record["unit"], "subject": record["subject"],
        "change_direction": change.get("direction"), "change_basis": change.get("basis"),
        "modality": record["modality"], "department_name": dep.get("name"),
        "department_mention": dep.get("mention"), "department_source": dep.get("source"),
        "date_text": date.get("text"), "date_start": day(date.get("start")),
        "date_end": day(date.get("end")), "date_source": date.get("source"),
        "sentence": record["sentence"], "part_of": record["part_of"],
        "change_of": record["change_of"],
    }


def read_claims(folder):
    rows = pq.read_table(folder).to_pylist()
    for r in rows:
        for k in ("value_text", "upper_text"):
            r[k] = None if r[k] is None else Decimal(r[k])
        period = r["date_end"] or r["date_start"]
        year = r.pop("year")
        assert year == (period.year if period else None)
        if "date_year" in r:  # the CSV's column, where the library has it
            assert r.pop("date_year") == year
        assert r.pop("value") in (r["value_text"], None)  # null only where it does not fit
        assert r.pop("upper") in (r["upper_text"], None)
    return sorted(rows, key=lambda r: (r["doc"], r["start"]))


def test_spark_job_over_a_folder_equals_the_cli(tmp_path, cli_records):
    out = tmp_path / "claims"
    claims_job.main([str(SEEDS), str(out), "--master", "local[2]"])
    assert any(p.name.startswith("year=") for p in out.iterdir())
    ours = read_claims(out)
    assert ours == [flat(r) for r in cli_records]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_paths):
    """The seed articles as a Parquet table of (doc, text, date), dates given."""
    import pyarrow as pa

    path = tmp_path_factory.mktemp("corpus") / "corpus.parquet"
    texts = [p.read_text(encoding="utf-8") for p in seed_paths]
    dates = [datetime.date(2021, 1 + i, 15) for i in range(len(texts))]
    pq.write_table(pa.table({"doc": [p.name for p in seed_paths], "text": texts,
                             "date": pa.array(dates, pa.date32())}), path)
    return path, texts, [p.name for p in seed_paths], dates


def test_spark_job_over_a_table_equals_extract_table(tmp_path, corpus, extractor):
    path, texts, docs, dates = corpus
    out = tmp_path / "claims"
    claims_job.main([str(path), str(out), "--master", "local[2]"])
    expected = extractor.extract_table(texts, docs=docs, dates=dates).to_pylist()
    for r in expected:
        for k in ("value_text", "upper_text"):
            r[k] = None if r[k] is None else Decimal(r[k])
        r.pop("value"), r.pop("upper"), r.pop("date_year", None)
    assert read_claims(out) == sorted(expected, key=lambda r: (r["doc"], r["start"]))


def test_pipe_recipe_equals_extract_table(tmp_path, corpus, extractor):
    from conftest import cli_binary

    import subprocess

    binary = cli_binary()
    usage = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    if "--stdin-jsonl" not in usage:
        pytest.skip("the binary has no --stdin-jsonl")
    spec = importlib.util.spec_from_file_location(
        "claims_pipe", ROOT / "examples" / "spark" / "claims_pipe.py")
    claims_pipe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(claims_pipe)
    path, texts, docs, dates = corpus
    out = tmp_path / "claims"
    claims_pipe.main([str(path), str(out), "--bin", binary, "--master", "local[2]"])
    rows = pq.read_table(out).to_pylist()
    expected = extractor.extract_table(texts, docs=docs, dates=dates).to_pylist()
    key = lambda r: (r["doc"], r["start"])  # noqa: E731
    assert len(rows) == len(expected)
    for got, want in zip(sorted(rows, key=key), sorted(expected, key=key)):
        assert got["value"] == want["value"] and got["date_end"] == want["date_end"]
        assert (got["text"], got["department_name"]) == (want["text"], want["department_name"])
