"""Which app imports which: the layers of Jembatan as the code has them, not as STYLE.md wishes them.

    python docs/lapisan.py            # report: every import between apps, with file:line, and the cycles
    python docs/lapisan.py --readme   # also redraw the graph between the lapisan markers of README.md

An app is a top-level directory with an `apps.py`; the project package `jembatan` counts as two,
`jembatan.lib` (helpers that must import no app) and `jembatan` (settings, urls and the rest).
Migrations, tests and test helpers are left out. Standard library only, so it runs before any
install.

An import is counted where it runs: at module level (when the importing module is loaded, which is
what can make an import cycle fail), inside a function (only when the function runs), or under
`if TYPE_CHECKING:` (never at run time; a dependency for the reader all the same).
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path

LIB = "jembatan.lib"
# Only for ordering the report and the drawing from the ground floor up; nothing here is enforced.
BAWAH = [LIB, "wilayah", "akun", "kim"]
ATAS = ["beranda", "api", "jembatan"]
LEWATI_DIREKTORI = {"migrations", "tests", ".venv", "var", "__pycache__", "node_modules"}
LEWATI_BERKAS = {"test.py", "tests.py", "conftest.py"}  # jembatan/test.py: the test base and cast

MODUL, FUNGSI, TIPE = "modul", "fungsi", "tipe"
PENANDA_AWAL, PENANDA_AKHIR = "<!-- lapisan:awal -->", "<!-- lapisan:akhir -->"


@dataclass(frozen=True)
class ImporAntarApp:
    """One import statement in one app that names a module of another app."""

    berkas: str  # relative to the project root: "kim/views.py"
    baris: int
    modul: str  # the module imported, resolved: "wilayah.models"
    tempat: str  # MODUL (runs on import), FUNGSI (inside a function) or TIPE (under if TYPE_CHECKING)

    def __str__(self) -> str:
        return f"{self.berkas}:{self.baris}  {self.modul}"


Graf = dict[tuple[str, str], list[ImporAntarApp]]


def daftar_app(root: Path) -> list[str]:
    """The apps of the project at `root`, ground floor first."""
    apps = {d.name for d in root.iterdir() if d.is_dir() and (d / "apps.py").is_file()}
    if "jembatan" in apps and (root / "jembatan" / "lib").is_dir():
        apps.add(LIB)
    return sorted(apps, key=urutan)


def urutan(app: str) -> tuple[int, int, str]:
    """Sort key: the lower floors in their order, then the modules by name, then the pages and the project."""
    if app in BAWAH:
        return (0, BAWAH.index(app), app)
    if app in ATAS:
        return (2, ATAS.index(app), app)
    return (1, 0, app)


def app_dari_modul(modul: str, apps: set[str]) -> str | None:
    """The app a dotted module name belongs to, or None for the standard library and third parties."""
    bagian = modul.split(".")
    if bagian[:2] == ["jembatan", "lib"] and LIB in apps:
        return LIB
    return bagian[0] if bagian[0] in apps else None


def _app_dari_berkas(relatif: Path, apps: set[str]) -> str:
    if relatif.parts[:2] == ("jembatan", "lib") and LIB in apps:
        return LIB
    return relatif.parts[0]


def _nama_modul(relatif: Path) -> list[str]:
    """`kim/views.py` → ["kim", "views"]; a package's `__init__.py` is the package itself."""
    bagian = list(relatif.with_suffix("").parts)
    return bagian[:-1] if bagian[-1] == "__init__" else bagian


class _Pembaca(ast.NodeVisitor):
    """Collects (line, module, name or "", where) for every import, relative ones resolved."""

    def __init__(self, paket: list[str]):
        self.paket = paket  # the package a relative import starts from
        self.tempat = [MODUL]
        self.impor: list[tuple[int, str, str, str]] = []

    def _dalam(self, tempat: str, node: ast.AST) -> None:
        self.tempat.append(tempat)
        self.generic_visit(node)
        self.tempat.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._dalam(FUNGSI, node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._dalam(FUNGSI, node)

    def visit_If(self, node: ast.If) -> None:
        uji = node.test
        if (isinstance(uji, ast.Name) and uji.id == "TYPE_CHECKING") or (
            isinstance(uji, ast.Attribute) and uji.attr == "TYPE_CHECKING"
        ):
            self.tempat.append(TIPE if self.tempat[-1] == MODUL else self.tempat[-1])
            for child in node.body:
                self.visit(child)
            self.tempat.pop()
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.impor.append((node.lineno, alias.name, "", self.tempat[-1]))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            dasar = self.paket[: len(self.paket) - (node.level - 1)] if node.level > 1 else self.paket
            modul = ".".join([*dasar, *([node.module] if node.module else [])])
        else:
            modul = node.module or ""
        for alias in node.names:
            self.impor.append((node.lineno, modul, alias.name, self.tempat[-1]))


def berkas_python(root: Path, apps: list[str]) -> list[Path]:
    """The Python files of the apps, without migrations, tests and test helpers."""
    hasil = []
    for app in {a.split(".")[0] for a in apps}:
        for path in sorted((root / app).rglob("*.py")):
            relatif = path.relative_to(root)
            if LEWATI_DIREKTORI.intersection(relatif.parts[:-1]):
                continue
            if path.name in LEWATI_BERKAS or path.name.startswith("test_"):
                continue
            hasil.append(path)
    return sorted(hasil)


def graf(root: Path) -> Graf:
    """(importer app, imported app) → the imports behind that edge, for every pair of different apps."""
    apps = daftar_app(root)
    himpunan = set(apps)
    hasil: Graf = defaultdict(list)
    for path in berkas_python(root, apps):
        relatif = path.relative_to(root)
        pengimpor = _app_dari_berkas(relatif, himpunan)
        bagian = _nama_modul(relatif)
        paket = bagian if path.name == "__init__.py" else bagian[:-1]
        pembaca = _Pembaca(paket)
        pembaca.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for baris, dari, nama, tempat in pembaca.impor:
            modul = _modul_nyata(root, dari, nama)
            diimpor = app_dari_modul(modul, himpunan)
            impor = ImporAntarApp(relatif.as_posix(), baris, modul, tempat)
            # `from wilayah.models import Level, Wilayah` is one import of wilayah.models, not two.
            if diimpor and diimpor != pengimpor and impor not in hasil[(pengimpor, diimpor)]:
                hasil[(pengimpor, diimpor)].append(impor)
    return dict(sorted(hasil.items(), key=lambda kv: (urutan(kv[0][0]), urutan(kv[0][1]))))


def _modul_nyata(root: Path, dari: str, nama: str) -> str:
    """The module `from dari import nama` loads: `dari.nama` when that is a module of the project, else `dari`.

    So `from jembatan import lib` is an import of jembatan.lib, `from wilayah.models import Wilayah` of wilayah.models.
    """
    if nama and nama != "*":
        calon = root.joinpath(*dari.split("."), nama)
        if calon.with_suffix(".py").is_file() or (calon / "__init__.py").is_file():
            return f"{dari}.{nama}"
    return dari


def _dihitung(impor: ImporAntarApp, termasuk_fungsi: bool) -> bool:
    return termasuk_fungsi or impor.tempat == MODUL


def siklus(g: Graf, termasuk_fungsi: bool = False) -> list[list[str]]:
    """Import cycles between apps, each as the apps in order (["kim", "warta"] is kim → warta → kim).

    Only module-level imports count unless `termasuk_fungsi`, then imports inside functions and under
    TYPE_CHECKING count too. For every edge that lies on a cycle, one shortest cycle through it is
    returned, so each such edge shows up at least once; cycles start at their lowest floor.
    """
    tetangga: dict[str, list[str]] = defaultdict(list)
    for (a, b), impor in g.items():
        if any(_dihitung(i, termasuk_fungsi) for i in impor):
            tetangga[a].append(b)
    for a in tetangga:
        tetangga[a].sort(key=urutan)
    hasil: set[tuple[str, ...]] = set()
    for a in list(tetangga):
        for b in tetangga[a]:
            jalur = _jalur_terpendek(tetangga, b, a)
            if jalur:
                lingkar = [a, *jalur[:-1]]
                awal = lingkar.index(min(lingkar, key=urutan))
                hasil.add(tuple(lingkar[awal:] + lingkar[:awal]))
    return [list(c) for c in sorted(hasil, key=lambda c: (len(c), [urutan(x) for x in c]))]


def _jalur_terpendek(tetangga: dict[str, list[str]], dari: str, ke: str) -> list[str] | None:
    """Breadth-first: the apps from `dari` to `ke` along the edges, both ends included."""
    sebelum: dict[str, str | None] = {dari: None}
    antrian = deque([dari])
    while antrian:
        app = antrian.popleft()
        if app == ke:
            jalur = [app]
            langkah = sebelum[app]
            while langkah is not None:
                jalur.append(langkah)
                langkah = sebelum[langkah]
            return jalur[::-1]
        for berikut in tetangga.get(app, []):
            if berikut not in sebelum:
                sebelum[berikut] = app
                antrian.append(berikut)
    return None


def _id(app: str) -> str:
    return app.replace(".", "_")


def mermaid(g: Graf, apps: list[str] | None = None) -> str:
    """The module-level graph as a Mermaid `flowchart BT` block, the ground floor at the bottom.

    An arrow goes from an app up to an app that imports it at module level, labelled with the number
    of imports; an arrow pointing down is an import against the floors. `apps` adds apps that import
    and are imported by none.
    """
    semua = sorted({*(apps or []), *(a for edge in g for a in edge)}, key=urutan)
    baris = [
        "```mermaid",
        "flowchart BT",
        "    %% Written by `python docs/lapisan.py --readme`: an arrow goes from an app to one that imports it",
        "    %% at module level, with the number of such imports.",
    ]
    baris += [f'    {_id(app)}["{app}"]' for app in semua]
    for (pengimpor, diimpor), impor in sorted(g.items(), key=lambda kv: (urutan(kv[0][1]), urutan(kv[0][0]))):
        jumlah = sum(i.tempat == MODUL for i in impor)
        if jumlah:
            baris.append(f"    {_id(diimpor)} -->|{jumlah}| {_id(pengimpor)}")
    baris.append("```")
    return "\n".join(baris) + "\n"


def laporan(g: Graf, apps: list[str]) -> str:
    """The readable report: a summary per edge, the cycles, then every import with file:line."""
    lebar = max((len(f"{a} → {b}") for a, b in g), default=0)
    out = [
        f"Apps, ground floor first: {', '.join(apps)}",
        "",
        "Imports between apps (module level / in functions / type checking only):",
    ]
    for (a, b), impor in g.items():
        jumlah = [sum(i.tempat == t for i in impor) for t in (MODUL, FUNGSI, TIPE)]
        out.append(f"  {f'{a} → {b}':<{lebar}}  {jumlah[0]:>3} / {jumlah[1]:>3} / {jumlah[2]:>3}")
    for judul, termasuk_fungsi in [("Cycles at module level:", False), ("Cycles counting imports inside functions too:", True)]:
        out += ["", judul]
        out += [f"  {' → '.join([*c, c[0]])}" for c in siklus(g, termasuk_fungsi)] or ["  none"]
    out += ["", "Every import:"]
    for (a, b), impor in g.items():
        out.append(f"  {a} → {b}")
        for tempat, nama in [(MODUL, "module level"), (FUNGSI, "in functions"), (TIPE, "type checking only")]:
            daftar = [i for i in impor if i.tempat == tempat]
            if daftar:
                out.append(f"    {nama}:")
                out += [f"      {i}" for i in daftar]
    return "\n".join(out) + "\n"


def tulis_readme(readme: Path, blok: str) -> bool:
    """Put `blok` between the lapisan markers of `readme`; False, and nothing written, without them."""
    teks = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    awal, akhir = teks.find(PENANDA_AWAL), teks.find(PENANDA_AKHIR)
    if awal < 0 or akhir < awal:
        return False
    baru = f"{teks[: awal + len(PENANDA_AWAL)]}\n{blok}{teks[akhir:]}"
    if baru != teks:
        readme.write_text(baru, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="redraw the graph between the lapisan markers of README.md")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent, help="project root")
    args = parser.parse_args(argv)
    apps = daftar_app(args.root)
    g = graf(args.root)
    print(laporan(g, apps), end="")
    if args.readme:
        readme = args.root / "README.md"
        if not tulis_readme(readme, mermaid(g, apps)):
            print(f"\n{readme} has no {PENANDA_AWAL} … {PENANDA_AKHIR} markers: nothing written.", file=sys.stderr)
            return 1
        print(f"\nGraph written to {readme}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
