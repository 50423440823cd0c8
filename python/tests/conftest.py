"""Shared fixtures: the repository's seed articles and the CLI's records of them."""

import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

import press_stats

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"


def cli_binary() -> str:
    """The press-stats binary: $PRESS_STATS_BIN, else a built one in target/, else PATH."""
    named = os.environ.get("PRESS_STATS_BIN")
    if named:
        return named
    for profile in ("release", "debug"):
        built = ROOT / "target" / profile / "press-stats"
        if built.is_file():
            return str(built)
    found = shutil.which("press-stats")
    if found is None:
        pytest.skip("no press-stats binary (build it with cargo or set PRESS_STATS_BIN)")
    return found


@pytest.fixture(scope="session")
def extractor() -> press_stats.Extractor:
    return press_stats.Extractor()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths, SEEDS
    return paths


@pytest.fixture(scope="session")
def cli_records(tmp_path_factory) -> list[dict]:
    """The CLI's JSON Lines for fixtures/seeds, values read exactly (int or Decimal)."""
    out = tmp_path_factory.mktemp("cli") / "claims.jsonl"
    subprocess.run([cli_binary(), str(SEEDS), "-o", str(out)], check=True,
                   capture_output=True)
    with open(out, encoding="utf-8") as f:
        return [json.loads(line, parse_float=Decimal) for line in f]
