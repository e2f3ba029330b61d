"""Build steps beyond pyproject.toml, run whenever the package is built or installed:
- ships the example project (content/, layouts/, schema/) inside the package, so that
  `modul init` works after a plain `pip install` of the wheel;
- compiles the message catalogs (locale/*/LC_MESSAGES/modul.po → .mo), editable installs
  included;
- keeps setuptools' own build folder out of build/, where modul writes the PDFs.
Everything else about the package is in pyproject.toml."""

import shutil
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent
EXAMPLE = ("content", "layouts", "schema")
LOCALE = HERE / "src" / "modul" / "locale"


def compile_catalogs() -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in LOCALE.glob("*/LC_MESSAGES/modul.po"):
        with po.open("rb") as source:
            catalog = read_po(source)
        with po.with_suffix(".mo").open("wb") as target:
            write_mo(target, catalog)


class BuildWithExampleAndCatalogs(build_py):
    def run(self) -> None:
        compile_catalogs()
        super().run()
        target = Path(self.build_lib) / "modul" / "skeleton"
        for part in EXAMPLE:
            shutil.rmtree(target / part, ignore_errors=True)
            shutil.copytree(HERE / part, target / part)


setup(
    cmdclass={"build_py": BuildWithExampleAndCatalogs},
    options={"build": {"build_base": tempfile.mkdtemp(prefix="modul-setuptools-")}},
)
