"""A plain install works: `pip install .` with the pip that `python3 -m venv` ships (23.2 with
Python 3.11, no upgrade, no extras) gives a `kommunarkiv parse` that reads a page that is not
Sitevision. The generic path imports trafilatura, whose justext needs lxml.html.clean: pip 23.2
does not match lxml's extra spelled html_clean, so only a direct dependency on lxml_html_clean
brings it in.

Building the venv takes about a minute (pip resolves and installs every dependency), so it is made
once per session and the tests share it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "fixtures" / "plain" / "blog-post.html"

# pip resolves and installs every dependency: about a minute on an idle machine, four under load
pytestmark = [pytest.mark.install, pytest.mark.timeout(900)]


def _base_python() -> str:
    """The interpreter this venv was made from: its `-m venv` ships the pip a user would get."""
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    return str(base if base.exists() else Path(sys.base_prefix) / "bin" / "python3")


@pytest.fixture(scope="session")
def plain_venv(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("plain-install")
    # A copy of the sources, so the build does not leave build/ or *.egg-info in the worktree.
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".venv", ".git", "data", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "tests"))
    venv = tmp / "venv"
    subprocess.run([_base_python(), "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(src)],
                         capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stderr[-2000:]
    return venv


def test_the_venv_has_the_pip_a_fresh_venv_ships(plain_venv):
    out = subprocess.run([str(plain_venv / "bin" / "pip"), "--version"], capture_output=True, text=True).stdout
    shipped = subprocess.run([_base_python(), "-c", "import ensurepip; print(ensurepip.version())"],
                             capture_output=True, text=True).stdout.strip()
    assert out.startswith(f"pip {shipped} ")


def test_parse_reads_a_page_that_is_not_sitevision(plain_venv):
    result = subprocess.run([str(plain_venv / "bin" / "kommunarkiv"), "parse", str(PAGE),
                             "--url", "https://foreningsbladet.example/2024/05/ny-cykelbana"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["title"] == "Ny cykelbana längs ån"
    assert record["extraction"]["method"] == "generic:trafilatura"
    assert "Skyltar kommer att sättas upp vid båda ändarna av sträckan." in record["body"]
    assert "Drivs med WordPress" not in record["body"]
    assert [(q["speaker"], q["role"]) for q in record["quotes"]] == [("Karin Ek", "ordförande i föreningen")]
    assert record["published_at"].startswith("2024-05-14")


def test_the_installed_package_ships_the_topic_weights(plain_venv, tmp_path):
    # Run outside the sources (cwd first on sys.path would find them): the installed archive must find
    # its weights as package data, the way archive/municipalities.txt is found, and decide with them.
    code = ("from archive.topic_model import WEIGHTS, model; from archive.topics import classify; "
            "print(WEIGHTS); print(len(model().names)); "
            "print(classify('Nya regler för enskilda avlopp', 'Slamtömningen blir tätare.', None))")
    result = subprocess.run([str(plain_venv / "bin" / "python"), "-c", code], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    path, features, topics = result.stdout.splitlines()
    assert path.startswith(str(plain_venv)) and path.endswith("archive/topic_weights.json.gz")
    from archive.topic_model import model
    assert int(features) == len(model().names)
    assert "miljö" in topics
