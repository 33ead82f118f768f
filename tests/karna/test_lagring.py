"""Generated files: a full disk becomes ``DiskenFull`` with no part of the file left, and a file
written again replaces its leftover."""

import errno

import pytest
from django.core.files.storage import default_storage

from karna.lagring import disken_full, felet, spara_fil
from karna.uppgifter import DiskenFull


def test_a_full_disk_raises_disken_full_and_leaves_no_half_written_file(
    full_disk, tillfalliga_filer
):
    full_disk["antal"] = 1
    with pytest.raises(DiskenFull) as fel:
        spara_fil("rapporter/a.pdf", b"%PDF-" + b"x" * 100)
    assert not default_storage.exists("rapporter/a.pdf")
    assert disken_full(felet(fel.value))
    assert spara_fil("rapporter/a.pdf", b"%PDF-ok") == "rapporter/a.pdf"
    with default_storage.open("rapporter/a.pdf", "rb") as fil:
        assert fil.read() == b"%PDF-ok"


def test_other_write_errors_are_not_taken_for_a_full_disk(monkeypatch, tillfalliga_filer):
    def nekad(namn, innehall, **kwargs):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(default_storage, "save", nekad)
    with pytest.raises(OSError, match="Permission denied") as fel:
        spara_fil("rapporter/b.pdf", b"%PDF-")
    assert not isinstance(fel.value, DiskenFull)
    assert not disken_full(felet(fel.value))
