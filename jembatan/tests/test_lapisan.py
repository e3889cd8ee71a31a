"""The floors of the project, as STYLE.md sets them, checked against the code (docs/lapisan.py reads it).

jembatan.lib (no app) ← wilayah ← akun ← kim ← the modules ← the pages that combine modules (beranda) and
the API ← the project package. Apps import downward only; a module never imports a module beside it; an
import inside a function between apps says on its line why it cannot be at the top.
"""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LANTAI = {"jembatan.lib": 0, "wilayah": 1, "akun": 2, "kim": 3, "beranda": 5, "api": 5, "jembatan": 6}
MODUL_LAIN = 4  # every other app is a module of the product (warta, siaran, diskusi, cekfakta, …)


@pytest.fixture(scope="module")
def lapisan():
    spec = importlib.util.spec_from_file_location("lapisan", ROOT / "docs" / "lapisan.py")
    modul = importlib.util.module_from_spec(spec)
    sys.modules["lapisan"] = modul  # dataclasses look their module up by name
    spec.loader.exec_module(modul)
    return modul


@pytest.fixture(scope="module")
def graf(lapisan):
    return lapisan.graf(ROOT)


def _lantai(app: str) -> int:
    return LANTAI.get(app, MODUL_LAIN)


def test_no_import_cycle_between_apps(lapisan, graf):
    assert lapisan.siklus(graf, termasuk_fungsi=False) == []
    assert lapisan.siklus(graf, termasuk_fungsi=True) == []


def test_apps_import_downward_only_and_never_a_module_beside_them(graf, lapisan):
    salah = [
        f"{a} → {b}: {', '.join(map(str, impor))}"
        for (a, b), impor in graf.items()
        if _lantai(b) > _lantai(a) or (_lantai(a) == _lantai(b) == MODUL_LAIN and any(i.tempat == lapisan.MODUL for i in impor))
    ]
    assert not salah, "\n".join(salah)


def test_akun_imports_no_app_but_wilayah_at_any_level(graf):
    assert {b for (a, b) in graf if a == "akun"} <= {"wilayah", "jembatan.lib"}
    assert {b for (a, b) in graf if a == "wilayah"} <= {"jembatan.lib"}
    assert not [b for (a, b) in graf if a == "jembatan.lib"]


def test_imports_between_apps_inside_functions_say_why(graf, lapisan):
    tanpa_alasan = []
    for impor in (i for daftar in graf.values() for i in daftar if i.tempat == lapisan.FUNGSI):
        baris = (ROOT / impor.berkas).read_text(encoding="utf-8").splitlines()[impor.baris - 1]
        if "#" not in baris:
            tanpa_alasan.append(str(impor))
    assert not tanpa_alasan, "imports inside functions without a reason on their line:\n" + "\n".join(tanpa_alasan)


def test_the_readme_draws_the_graph_the_code_has(graf, lapisan):
    """The drawing in README.md's layout section is redrawn by `python docs/lapisan.py --readme`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blok = readme.split(lapisan.PENANDA_AWAL, 1)[1].split(lapisan.PENANDA_AKHIR, 1)[0]
    assert blok.strip() == lapisan.mermaid(graf, lapisan.daftar_app(ROOT)).strip(), "run: python docs/lapisan.py --readme"


def test_every_app_is_in_the_test_paths_and_the_first_party_list(lapisan):
    """A new app's tests run in the suite, and ruff sorts its imports as ours."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    apps = {a for a in lapisan.daftar_app(ROOT) if a != "jembatan.lib"}
    assert apps - set(config["tool"]["pytest"]["ini_options"]["testpaths"]) == set()
    assert apps - set(config["tool"]["ruff"]["lint"]["isort"]["known-first-party"]) == set()
