"""Claims from Python equal the CLI's records, with exact and typed values."""

import dataclasses
import datetime
from decimal import Decimal

import pytest

import press_stats


def test_every_claim_equals_the_cli_record_row_for_row(extractor, seed_paths, cli_records):
    ours = [c.to_dict() for p in seed_paths for c in extractor.extract(press_stats.read_path(p))]
    assert len(ours) == len(cli_records) > 100
    for mine, cli in zip(ours, cli_records):
        assert mine == cli
        assert list(mine) == list(cli)  # the record's key order too
        # Exact, not merely equal as floats: the decimal's digits are the JSON's.
        assert mine["value"] == Decimal(str(cli["value"]))


def test_a_string_with_a_doc_name_gives_the_same_claims_as_its_file(extractor, seed_paths):
    for p in seed_paths:
        from_file = extractor.extract(press_stats.read_path(p))
        from_text = extractor.extract(p.read_text(encoding="utf-8"), doc=p.name)
        assert from_file == from_text


def test_offsets_slice_the_text(extractor, seed_paths):
    for p in seed_paths:
        text = press_stats.read_path(p).text
        claims = extractor.extract(text)
        assert claims
        for c in claims:
            assert text[c.start:c.end] == c.text
            assert c.text in c.sentence


def test_values_are_decimals_and_periods_dates(extractor):
    text = "2020年,东莞市烟草专卖局全年共查处各类涉烟违法案件1300余宗,涉案总价值超1.1亿元,同比增长12.5%。"
    claims = extractor.extract(text, date=datetime.date(2021, 1, 20))
    by_text = {c.text: c for c in claims}
    money = by_text["超1.1亿元"]
    assert type(money.value) is Decimal and money.value == Decimal("110000000")
    assert money.value_text == "110000000"
    assert money.kind == "money" and money.unit == "元" and money.approx == "more_than"
    count = by_text["1300余宗"]
    assert isinstance(count.date, press_stats.Period)
    assert count.date.start == datetime.date(2020, 1, 1)
    assert count.date.end == datetime.date(2020, 12, 31)
    assert type(count.date.start) is datetime.date
    assert count.department.name == "东莞市烟草专卖局"
    rate = by_text["12.5%"]
    assert rate.value == Decimal("12.5") and rate.change.direction == "up"
    assert rate.change.basis == "同比"


def test_exact_decimals_beyond_a_float(extractor):
    [c] = extractor.extract("全年实现交易额12345678901234.567元。")
    assert c.value == Decimal("12345678901234.567")
    assert str(c.value) == "12345678901234.567"
    assert float(c.value) != c.value  # a double could not hold it


def test_ranges_have_an_upper_bound(extractor):
    [c] = extractor.extract("办理时限压缩至2至6个月。")
    assert (c.value, c.upper, c.unit) == (Decimal(2), Decimal(6), "月")


def test_claims_are_frozen_and_hashable(extractor):
    [c] = extractor.extract("全年共查处各类涉烟违法案件1300余宗。")
    with pytest.raises(AttributeError):
        c.value = Decimal(1)
    with pytest.raises(AttributeError):
        c.date.start = None
    assert {c, extractor.extract("全年共查处各类涉烟违法案件1300余宗。")[0]} == {c}
    assert not dataclasses.is_dataclass(c)  # dataclass-like: attributes and to_dict()
    assert "1300余宗" in repr(c)


def test_metadata_arguments_are_used(extractor):
    text = "今年以来全市新增就业1.2万人。"
    [c] = extractor.extract(text, date="2021-05-12", region="东莞市", publisher="东莞市人力资源和社会保障局")
    assert c.date.start == datetime.date(2021, 1, 1)
    assert c.date.end == datetime.date(2021, 5, 12)
    assert c.department.name == "东莞市人力资源和社会保障局"
    assert c.department.source == "document"
    [c] = extractor.extract(text, date=datetime.datetime(2021, 5, 12, 8, 30))
    assert c.date.end == datetime.date(2021, 5, 12)


def test_a_saved_page_gives_its_metadata(tmp_path, extractor):
    page = tmp_path / "t20210512_1.html"
    page.write_text(
        '<html><head><meta charset="utf-8"><title>全市就业情况</title>'
        '<meta name="PubDate" content="2021-05-12 09:00">'
        "</head><body><p>今年以来全市新增就业1.2万人。</p></body></html>",
        encoding="utf-8",
    )
    doc = press_stats.read_path(page)
    assert doc.format == "html"
    assert "新增就业1.2万人" in doc.text
    [c] = extractor.extract(doc)
    assert c.doc == page.name
    assert doc.text[c.start:c.end] == "1.2万人"


def test_read_path_decodes_gbk(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes("全市新增就业1.2万人，城镇登记失业率3.5%。\r\n".encode("gbk"))
    doc = press_stats.read_path(p)
    assert doc.text == "全市新增就业1.2万人，城镇登记失业率3.5%。\n"
    assert doc.encoding in ("GBK", "GB18030")
    assert doc.malformed_bytes == 0
    assert press_stats.read_path(p, encoding="gbk").text == doc.text


def test_errors_are_python_exceptions_with_the_message(tmp_path, extractor):
    missing = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        press_stats.read_path(missing)
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(press_stats.DecodeError, match="binary file"):
        press_stats.read_path(binary)
    assert issubclass(press_stats.DecodeError, ValueError)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(ValueError, match="PDF files are not supported"):
        press_stats.read_path(pdf)
    with pytest.raises(OSError):
        press_stats.read_path(tmp_path)
    with pytest.raises(ValueError, match="encoding"):
        press_stats.read_path(binary, encoding="no-such-encoding")
    with pytest.raises(ValueError, match="2021-13-01"):
        extractor.extract("1.2万人", date="2021-13-01")
    with pytest.raises(TypeError):
        extractor.extract("1.2万人", date=20210101)
    with pytest.raises(TypeError):
        extractor.extract(b"1.2\xe4\xb8\x87")
    with pytest.raises(TypeError):
        extractor.extract("1.2万人", "2021-01-01")  # keyword-only


def test_empty_and_claimless_texts(extractor):
    assert extractor.extract("") == []
    assert extractor.extract("今天天气很好。") == []


def test_read_bytes_reads_as_read_path(tmp_path, seed_paths):
    p = seed_paths[0]
    assert press_stats.read_bytes(p.read_bytes(), p.name).text == press_stats.read_path(p).text
    with pytest.raises(press_stats.DecodeError, match="a.pdf"):
        press_stats.read_bytes(b"%PDF-1.4", "a.pdf")


def test_shared_is_one_extractor_per_process():
    assert press_stats.shared() is press_stats.shared()
    assert isinstance(press_stats.shared(), press_stats.Extractor)
