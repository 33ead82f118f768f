"""A stored PDF is sent as an attachment; one missing from storage sends the reader back with a
message instead of a 500."""

import io

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.shortcuts import redirect
from django.test import RequestFactory

from karna.vyer import pdf_som_bilaga


class Lagrad:
    def __init__(self, innehall: bytes | None):
        self.innehall, self.name = innehall, "rapporter/x.pdf"

    def open(self, mode):
        if self.innehall is None:
            raise FileNotFoundError(self.name)
        return io.BytesIO(self.innehall)


def _begaran():
    request = RequestFactory().get("/ladda-ned/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_stored_pdf_is_an_attachment_with_its_name():
    svar = pdf_som_bilaga(_begaran(), Lagrad(b"%PDF-1.7"), "Rapport-v2.pdf", redirect("/"))
    assert svar["Content-Type"] == "application/pdf"
    assert 'filename="Rapport-v2.pdf"' in svar["Content-Disposition"]
    assert b"".join(svar.streaming_content) == b"%PDF-1.7"


def test_a_missing_file_sends_the_reader_back_with_a_message():
    request = _begaran()
    svar = pdf_som_bilaga(request, Lagrad(None), "Rapport-v2.pdf", redirect("/sidan/#rapport"))
    assert (svar.status_code, svar["Location"]) == (302, "/sidan/#rapport")
    assert [str(m) for m in get_messages(request)] == [
        "Filen kunde inte läsas. Kontakta systemförvaltningen."
    ]
