"""The files of a version: the SVG with its legend, the A3 landscape PDF and the ICS file."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from arshjul.innehall import Innehall, Post, Ring
from arshjul.ritning import cirkel
from karna import kalender as kal

PRODUKT = "Arshjul"


def fil_svg(innehall: Innehall) -> str:
    """The wheel as a stand-alone SVG file, legend included."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + cirkel(innehall, forklaring=True)


def pdf(innehall: Innehall, svg: str, version) -> bytes:
    """An A3 landscape PDF: the wheel on the first page, then the year as text."""
    from weasyprint import CSS, HTML

    html = render_to_string(
        "arshjul/pdf.html",
        {"innehall": innehall, "svg": svg, "version": version, "manader": innehall.manader()},
    )
    stilmall = CSS(filename=finders.find("css/arshjul-pdf.css"))
    return HTML(string=html).write_pdf(stylesheets=[stilmall])


def _tidpunkt(post: Post) -> tuple[object, object]:
    if post.tid and post.start is not None:
        return post.start, post.slut
    return post.fran, post.till + timedelta(days=1)


def ics(innehall: Innehall, version) -> bytes:
    """A calendar of the wheel's events and blackout periods; uids stay stable across versions."""
    from icalendar import Event

    stampel = version.byggd or timezone.now()
    kalender = kal.kalender(f"{version.arshjulsar.arshjul.namn} {innehall.ar}", PRODUKT)
    for post in innehall.poster:
        if not post.uid:
            continue
        start, slut = _tidpunkt(post)
        handelse = Event()
        handelse.add("uid", kal.uid(post.uid))
        handelse.add("dtstamp", stampel)
        handelse.add("dtstart", start)
        handelse.add("dtend", slut)
        handelse.add("summary", post.titel)
        handelse.add("description", post.beskrivning)
        handelse.add("categories", [post.slag])
        if post.ring in (Ring.BEGRANSNINGAR, Ring.FONSTER):
            handelse.add("transp", "TRANSPARENT")
        if post.monster == "installd":
            handelse.add("status", "CANCELLED")
        kalender.add_component(handelse)
    return kalender.to_ical()


def insatshandelser(innehall: Innehall) -> list:
    """The operations of a reader's wheel as whole-day calendar events, each named with its
    lead-time status; for a feed built for that reader, never for a file for everyone."""
    from icalendar import Event

    handelser = []
    for post in innehall.poster:
        for rad in post.insatser:
            handelse = Event()
            handelse.add("uid", kal.uid(f"insats-{rad.pk}"))
            handelse.add("dtstamp", timezone.now())
            handelse.add("dtstart", rad.datum)
            handelse.add("dtend", rad.datum + timedelta(days=1))
            handelse.add("summary", f"{rad.referens} {rad.titel}")
            handelse.add("description", f"{rad.namn}. {rad.status}")
            handelse.add("categories", [str(Ring.INSATSER.label)])
            handelser.append(handelse)
    return handelser
