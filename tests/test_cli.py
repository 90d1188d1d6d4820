"""The command line: JSON Lines out, exit codes 0 / 1 / 2 (slow: parses with the model)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from iomextract.cli import main

pytestmark = pytest.mark.slow
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "release.txt"


def test_parse_prints_one_json_line_per_input(capsys, tmp_path):
    second = tmp_path / "b.txt"
    second.write_text("Un titre\nLe 3 juin, rien.\n", encoding="utf-8")
    assert main(["parse", str(EXAMPLE), str(second)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert records[0]["title"].startswith("L'OIM et le HCR")
    assert records[1]["source"] == {"file": str(second)}


def test_parse_reports_missing_files_and_exits_1(capsys, tmp_path):
    assert main(["parse", str(EXAMPLE), str(tmp_path / "missing.txt")]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert "missing.txt" in captured.err


def test_bad_published_is_a_usage_error(capsys):
    assert main(["parse", "--published", "demain", str(EXAMPLE)]) == 2
    assert "E020" in capsys.readouterr().err


def test_stdin_and_pretty_output():
    out = subprocess.run([sys.executable, "-m", "iomextract.cli", "parse", "--pretty", "-"],
                         input=EXAMPLE.read_bytes(), capture_output=True, check=True)
    record = json.loads(out.stdout)
    assert record["emails"][0]["address"] == "amahamadou@iom.int"
    assert out.stdout.count(b"\n") > 10


def test_missing_command_is_a_usage_error():
    out = subprocess.run([sys.executable, "-m", "iomextract.cli"], capture_output=True)
    assert out.returncode == 2
