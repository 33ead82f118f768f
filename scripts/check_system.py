"""Check the Python version and the system libraries WeasyPrint needs; say what to install.

Runs with any Python 3 so that it can report an old interpreter itself. With ``--test`` it also
checks the tools only the test suite needs: poppler-utils, whose pdftotext and pdftoppm read the
briefing PDFs the tests render.
"""

import ctypes.util
import shutil
import sys

MIN_PYTHON = (3, 11)
# WeasyPrint loads these through ctypes; their absence only shows when a PDF is rendered.
WEASYPRINT_LIBS = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz": "libharfbuzz0b",
    "fontconfig": "libfontconfig1",
}
TEST_TOOLS = ["pdftotext", "pdftoppm"]


def main(argv: list[str]) -> int:
    if sys.version_info < MIN_PYTHON:
        found = ".".join(map(str, sys.version_info[:3]))
        print(
            f"Saminsats needs Python 3.11 or newer (found {found}): install it, "
            "e.g. 'apt-get install python3.11 python3.11-venv', then 'make PYTHON=python3.11 ...'."
        )
        return 1
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError:
        print("Python's venv module is missing: install it, e.g. 'apt-get install python3-venv'.")
        return 1
    missing = [pkg for lib, pkg in WEASYPRINT_LIBS.items() if ctypes.util.find_library(lib) is None]
    if missing:
        print(
            "PDF rendering (WeasyPrint) needs system libraries: install them, e.g. "
            f"'apt-get install {' '.join(missing)}' (macOS: 'brew install pango')."
        )
        return 1
    if "--test" in argv and any(shutil.which(tool) is None for tool in TEST_TOOLS):
        print(
            "The tests read PDFs with pdftotext and pdftoppm: install them, e.g. "
            "'apt-get install poppler-utils' (macOS: 'brew install poppler')."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
