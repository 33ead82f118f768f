"""The declarative permission policy: role x relation x action -> allowed.

Each app's ``access.py`` declares one ``Policy`` per kind of object: the relations a user can have
to such an object (each a ``Q`` condition, usually an ``Exists`` subquery) and the rules saying
which role may do which actions through which relation. The same table filters lists, checks
single objects, annotates field-level flags, and generates docs/behorigheter.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Value,
)

from myndigheter.roles import Roll, roller_for


@dataclass(frozen=True)
class Aktor:
    """What the rules need to know about the user, read once per request."""

    user: object
    organisation_id: int | None
    roller: frozenset[Roll]
    lpo_ids: tuple[int, ...]

    @classmethod
    def for_user(cls, user) -> Aktor:
        """The user's actor; an Aktor given instead of a user stands for itself.

        A briefing is written for an audience, not one person: its readers are Aktor values with
        ``user=None`` (no personal grants), and the same rules are evaluated for them.
        """
        if isinstance(user, Aktor):
            return user
        cached = getattr(user, "_saminsats_aktor", None)
        if cached is not None:
            return cached
        profil = None
        if user.is_authenticated:
            from myndigheter.models import Anvandarprofil

            profil = (
                Anvandarprofil.objects.filter(user=user)
                .prefetch_related("lpo_scope")
                .select_related("organisation")
                .first()
            )
        aktiv_organisation = profil is not None and profil.organisation.aktiv
        aktor = cls(
            user=user,
            organisation_id=profil.organisation_id if aktiv_organisation else None,
            roller=frozenset(roller_for(user)) if aktiv_organisation else frozenset(),
            lpo_ids=tuple(lpo.pk for lpo in profil.lpo_scope.all()) if aktiv_organisation else (),
        )
        if user.is_authenticated:
            user._saminsats_aktor = aktor
        return aktor


@dataclass(frozen=True)
class Regel:
    roll: Roll
    relation: str
    handlingar: frozenset[str]

    def __init__(self, roll: Roll, relation: str, handlingar: Iterable[str]):
        object.__setattr__(self, "roll", roll)
        object.__setattr__(self, "relation", relation)
        object.__setattr__(self, "handlingar", frozenset(handlingar))


@dataclass(frozen=True)
class Relation:
    """A relation seen from the user's side (``villkor``: which objects) and, where a policy is
    asked who may act on one object, from the object's side (``anvandare``: which users).

    Both sides state the same relation; tests check that they agree for every user and object.
    """

    namn: str
    beskrivning: str
    villkor: Callable[[Aktor], Q]
    anvandare: Callable[[Model], Q] | None = None


INGEN = Q(pk__in=[])


class Policy:
    def __init__(
        self,
        modell: type[Model],
        handlingar: dict[str, str],
        relationer: Iterable[Relation],
        regler: Iterable[Regel],
    ):
        self.modell = modell
        self.handlingar = handlingar
        self.relationer = {r.namn: r for r in relationer}
        self.regler = list(regler)
        for regel in self.regler:
            if regel.relation not in self.relationer:
                raise ValueError(f"unknown relation {regel.relation!r}")
            if not regel.handlingar <= set(handlingar):
                raise ValueError(f"unknown action in {regel}")

    def _tillatna_relationer(self, aktor: Aktor, handling: str) -> list[str]:
        if handling not in self.handlingar:
            raise ValueError(f"unknown action {handling!r}")
        return sorted(
            {
                regel.relation
                for regel in self.regler
                if regel.roll in aktor.roller and handling in regel.handlingar
            }
        )

    def villkor(self, user, handling: str) -> Q:
        """The condition an object must meet for ``user`` to perform ``handling`` on it."""
        aktor = Aktor.for_user(user)
        villkor = INGEN
        for namn in self._tillatna_relationer(aktor, handling):
            villkor |= self.relationer[namn].villkor(aktor)
        return villkor

    def filtrera(self, user, handling: str, queryset: QuerySet | None = None) -> QuerySet:
        """The objects ``user`` may perform ``handling`` on; the list filter."""
        queryset = self.modell.objects.all() if queryset is None else queryset
        return queryset.filter(self.villkor(user, handling))

    def tillater(self, user, handling: str, objekt: Model) -> bool:
        """The object check: the same rule as the list filter, for one object."""
        return self.filtrera(user, handling).filter(pk=objekt.pk).exists()

    def markera(self, queryset: QuerySet, user, **flaggor: str) -> QuerySet:
        """Annotate boolean flags (field-level rules) in the list query, not per row."""
        aktor = Aktor.for_user(user)
        return queryset.annotate(
            **{
                namn: ExpressionWrapper(self.villkor(user, handling), output_field=BooleanField())
                if self._tillatna_relationer(aktor, handling)
                else Value(False, output_field=BooleanField())
                for namn, handling in flaggor.items()
            }
        )

    def anvandare(self, handling: str, objekt: Model) -> QuerySet:
        """The active users who may perform ``handling`` on ``objekt``: the same rules as
        ``tillater``, read from the object's side, as one query (e.g. the recipients of a
        notification)."""
        from django.contrib.auth import get_user_model

        if handling not in self.handlingar:
            raise ValueError(f"unknown action {handling!r}")
        User = get_user_model()  # noqa: N806 - the model class
        roller_per_relation: dict[str, set[str]] = {}
        for regel in self.regler:
            if handling in regel.handlingar:
                roller_per_relation.setdefault(regel.relation, set()).add(regel.roll.value)
        villkor = INGEN
        for namn, roller in sorted(roller_per_relation.items()):
            relation = self.relationer[namn]
            if relation.anvandare is None:
                raise ValueError(f"relation {namn!r} cannot name its users")
            har_roll = Exists(
                User.groups.through.objects.filter(
                    user_id=OuterRef("pk"), group__name__in=sorted(roller)
                )
            )
            villkor |= har_roll & relation.anvandare(objekt)
        # Aktor.for_user gives no roles to a user whose organisation is inactive.
        return User.objects.filter(villkor, is_active=True, profil__organisation__aktiv=True)

    def tabell(self) -> list[tuple[Roll, str, str]]:
        """Every (role, relation, action) the policy allows, sorted for documentation."""
        rader = {
            (regel.roll, regel.relation, handling)
            for regel in self.regler
            for handling in regel.handlingar
        }
        ordning = list(Roll)
        return sorted(rader, key=lambda rad: (ordning.index(rad[0]), rad[1], rad[2]))
