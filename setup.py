"""Ships the example project (content/, layouts/, schema/) inside the package, so that
`modul init` works after a plain `pip install` of the wheel. Everything else about the
package is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

EXAMPLE = ("content", "layouts", "schema")


class BuildWithExample(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "modul" / "skeleton"
        for part in EXAMPLE:
            shutil.rmtree(target / part, ignore_errors=True)
            shutil.copytree(Path(__file__).parent / part, target / part)


setup(cmdclass={"build_py": BuildWithExample})
