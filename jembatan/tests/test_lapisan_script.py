"""docs/lapisan.py, the import graph between apps, on a small made-up project (never on the real one)."""

import importlib.util
import re
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "docs" / "lapisan.py"
_spec = importlib.util.spec_from_file_location("lapisan", _PATH)
assert _spec is not None and _spec.loader is not None
lapisan = importlib.util.module_from_spec(_spec)
sys.modules["lapisan"] = lapisan
_spec.loader.exec_module(lapisan)


def tulis(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def proyek(tmp_path) -> Path:
    """lib ← wilayah ← akun ← kim ← warta, with a module-level cycle kim ↔ warta and a function-level one akun ↔ kim."""
    return tulis(
        tmp_path,
        {
            "jembatan/__init__.py": "",
            "jembatan/apps.py": "",
            "jembatan/settings.py": "import os\n",
            "jembatan/urls.py": "from django.urls import path\nfrom .lib import http\n",
            "jembatan/wsgi.py": "from jembatan import lib\n",
            "jembatan/test.py": "from warta.models import Berita\n",
            "jembatan/lib/__init__.py": "from . import text\n",
            "jembatan/lib/http.py": "from jembatan.lib.text import normalise\nfrom jembatan import settings\n",
            "jembatan/lib/text.py": "import unicodedata\n",
            "wilayah/__init__.py": "",
            "wilayah/apps.py": "",
            "wilayah/models.py": "from django.db import models\nfrom jembatan.lib.text import normalise\n",
            "akun/apps.py": "",
            "akun/akses.py": "",
            "akun/models.py": (
                "from wilayah.models import Level, Wilayah\n"
                "\n"
                "\n"
                "def kim_user(user):\n"
                "    from kim.models import Kim\n"
                "\n"
                "    return Kim.objects.filter(user=user)\n"
            ),
            "kim/apps.py": "",
            "kim/models.py": "import wilayah.models\nfrom akun.models import User\nfrom .signals import ping\n",
            "kim/signals.py": "from typing import TYPE_CHECKING\n\nfrom warta.models import Berita\n\nif TYPE_CHECKING:\n    from siaran.models import Siaran\n",
            "kim/views.py": "class View:\n    from wilayah.models import Wilayah\n\n    async def get(self):\n        import warta.feeds\n",
            "kim/migrations/0001_initial.py": "from warta.models import Berita\n",
            "kim/tests/test_views.py": "from siaran.models import Siaran\n",
            "warta/apps.py": "",
            "warta/models.py": "from kim.models import Kim\ntry:\n    from akun import akses\nexcept ImportError:\n    akses = None\n",
            "warta/test_helpers.py": "from siaran import models\n",
            "siaran/apps.py": "",
            "siaran/models.py": "",
            "bench/run.py": "from kim.models import Kim\n",
            ".venv/lib/kim.py": "from warta import models\n",
            "var/cache.py": "from warta import models\n",
        },
    )


def baris(impor) -> list[tuple[str, int, str, str]]:
    return [(i.berkas, i.baris, i.modul, i.tempat) for i in impor]


def test_apps_are_directories_with_apps_py_and_jembatan_lib_is_one_of_its_own(proyek):
    assert lapisan.daftar_app(proyek) == ["jembatan.lib", "wilayah", "akun", "kim", "siaran", "warta", "jembatan"]


def test_imports_at_module_level_and_inside_functions_are_told_apart(proyek):
    g = lapisan.graf(proyek)
    assert baris(g[("akun", "wilayah")]) == [("akun/models.py", 1, "wilayah.models", "modul")]
    assert baris(g[("akun", "kim")]) == [("akun/models.py", 5, "kim.models", "fungsi")]
    # A class body runs on import; an async method does not; TYPE_CHECKING never runs.
    assert baris(g[("kim", "wilayah")]) == [
        ("kim/models.py", 1, "wilayah.models", "modul"),
        ("kim/views.py", 2, "wilayah.models", "modul"),
    ]
    assert baris(g[("kim", "warta")]) == [
        ("kim/signals.py", 3, "warta.models", "modul"),
        ("kim/views.py", 5, "warta.feeds", "fungsi"),
    ]
    assert baris(g[("kim", "siaran")]) == [("kim/signals.py", 6, "siaran.models", "tipe")]
    assert baris(g[("warta", "akun")]) == [("warta/models.py", 3, "akun.akses", "modul")]


def test_jembatan_lib_is_split_from_the_rest_of_the_project_package(proyek):
    g = lapisan.graf(proyek)
    assert baris(g[("wilayah", "jembatan.lib")]) == [("wilayah/models.py", 2, "jembatan.lib.text", "modul")]
    assert baris(g[("jembatan", "jembatan.lib")]) == [
        ("jembatan/urls.py", 2, "jembatan.lib.http", "modul"),
        ("jembatan/wsgi.py", 1, "jembatan.lib", "modul"),
    ]
    # lib reaching up into the project package is an edge; lib importing itself is not.
    assert baris(g[("jembatan.lib", "jembatan")]) == [("jembatan/lib/http.py", 2, "jembatan.settings", "modul")]
    assert ("jembatan.lib", "jembatan.lib") not in g and ("kim", "kim") not in g


def test_migrations_tests_test_helpers_virtualenv_and_non_apps_are_left_out(proyek):
    g = lapisan.graf(proyek)
    files = {i.berkas for impor in g.values() for i in impor}
    assert not any("migrations" in f or "tests" in f or f.startswith((".venv", "var", "bench")) for f in files)
    assert "jembatan/test.py" not in files and "warta/test_helpers.py" not in files
    assert ("jembatan", "warta") not in g and ("warta", "siaran") not in g


def test_cycles_at_module_level_and_counting_functions_too(proyek):
    g = lapisan.graf(proyek)
    assert lapisan.siklus(g, termasuk_fungsi=False) == [["jembatan.lib", "jembatan"], ["kim", "warta"]]
    assert lapisan.siklus(g, termasuk_fungsi=True) == [
        ["jembatan.lib", "jembatan"],
        ["akun", "kim"],
        ["kim", "warta"],
        ["akun", "kim", "warta"],
    ]


def test_a_longer_cycle_is_found_and_starts_at_its_lowest_floor(tmp_path):
    tulis(
        tmp_path,
        {
            "wilayah/apps.py": "",
            "wilayah/models.py": "from kim.models import Kim\n",
            "akun/apps.py": "",
            "akun/models.py": "from wilayah.models import Wilayah\n",
            "kim/apps.py": "",
            "kim/models.py": "from akun.models import User\n",
        },
    )
    assert lapisan.siklus(lapisan.graf(tmp_path)) == [["wilayah", "kim", "akun"]]


def test_mermaid_draws_module_level_imports_from_the_ground_floor_up(proyek):
    g = lapisan.graf(proyek)
    drawing = lapisan.mermaid(g, lapisan.daftar_app(proyek))
    lines = drawing.splitlines()
    assert lines[:2] == ["```mermaid", "flowchart BT"] and lines[-1] == "```"
    assert '    jembatan_lib["jembatan.lib"]' in lines and '    siaran["siaran"]' in lines
    assert "    wilayah -->|2| kim" in lines  # two module-level imports of wilayah by kim
    assert "    warta -->|1| kim" in lines and "    kim -->|1| warta" in lines
    assert not any(line.startswith("    kim -->") and line.endswith(" akun") for line in lines)  # only inside a function
    assert not any("siaran -->" in line for line in lines)  # only under TYPE_CHECKING


def test_readme_block_is_rewritten_between_its_markers_only(proyek, capsys):
    readme = proyek / "README.md"
    readme.write_text("# Proyek\n\n<!-- lapisan:awal -->\nold graph\n<!-- lapisan:akhir -->\n\nEnd.\n", encoding="utf-8")
    assert lapisan.main(["--root", str(proyek), "--readme"]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Proyek\n\n<!-- lapisan:awal -->\n```mermaid\nflowchart BT\n")
    assert text.endswith("```\n<!-- lapisan:akhir -->\n\nEnd.\n") and "old graph" not in text
    assert "kim → warta → kim" in capsys.readouterr().out
    assert lapisan.main(["--root", str(proyek), "--readme"]) == 0
    assert readme.read_text(encoding="utf-8") == text


def test_readme_without_markers_is_left_alone(proyek, capsys):
    readme = proyek / "README.md"
    readme.write_text("# Proyek\n", encoding="utf-8")
    assert lapisan.main(["--root", str(proyek), "--readme"]) == 1
    assert readme.read_text(encoding="utf-8") == "# Proyek\n"
    assert "no <!-- lapisan:awal -->" in capsys.readouterr().err


def test_report_lists_every_import_with_file_and_line(proyek, capsys):
    assert lapisan.main(["--root", str(proyek)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^  akun → kim +0 / +1 / +0$", out, re.MULTILINE)
    assert "      akun/models.py:5  kim.models" in out
    assert "Cycles at module level:\n  jembatan.lib → jembatan → jembatan.lib\n  kim → warta → kim\n" in out
