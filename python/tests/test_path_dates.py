"""read_path dates a file by the date in its path as the CLI does."""

import datetime
import json
import subprocess

import press_stats
from conftest import cli_binary

TEXT = "今年前4个月，全市一般公共预算收入增长5%。"


def cli_docs_and_claims(tmp_path, folder):
    docs = tmp_path / "docs.jsonl"
    out = subprocess.run([cli_binary(), str(folder), "--docs", str(docs)], check=True,
                         capture_output=True, encoding="utf-8").stdout
    claims = [json.loads(line) for line in out.splitlines()]
    with open(docs, encoding="utf-8") as f:
        records = {d["doc"]: d for d in map(json.loads, f)}
    return records, claims


def test_read_path_dates_a_file_by_its_path_as_the_cli_does(tmp_path, extractor):
    folder = tmp_path / "in"
    names = ["www/202305/t20230516_1234567.txt", "2022-11-03/notes.txt", "20210512_x.txt",
             "plain/000_5a25de44587b9c28.txt"]
    for n in names:
        (folder / n).parent.mkdir(parents=True, exist_ok=True)
        (folder / n).write_text(TEXT, encoding="utf-8")
    records, cli_claims = cli_docs_and_claims(tmp_path, folder)
    years = []
    for n in names:
        doc = press_stats.read_path(folder / n)
        claims = extractor.extract(doc, doc=n)
        assert [c.to_dict() for c in claims] == [c for c in cli_claims if c["doc"] == n]
        cli_date = records[n]["date"]
        assert doc.path_date == (cli_date and datetime.date.fromisoformat(cli_date))
        years.append((claims[0].to_dict()["date"] or {}).get("year"))
    assert years == [2023, 2022, 2021, None]
    assert press_stats.read_path(folder / names[0]).path_date == datetime.date(2023, 5, 16)
    # A date given wins over the path's, as --date and --meta do.
    [c] = extractor.extract(press_stats.read_path(folder / names[0]),
                            date=datetime.date(2019, 1, 2))
    assert c.to_dict()["date"]["year"] == 2019
