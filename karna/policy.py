"""The declarative permission policy: role x relation x action -> allowed.

Each app's ``access.py`` declares one ``Policy`` per kind of object: the relations a user can have
to such an object (each a ``Q`` condition, usually an ``Exists`` subquery) and the rules saying
which role may do which actions through which relation. The same table filters lists, checks
single objects, annotates field-level flags, and generates docs/behorigheter.md.

A higher app adds the relations that run through its own objects to a lower app's policy
(``utoka``, from its ``apps.py``): an object in the pool is visible to those who see an operation
that inspects it, a rule the operations app writes. Who a user is (organisation, roles, LPO
scope) comes from the ``Aktorskalla`` the organisations app registers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

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

from karna.tillagg import Leverantor


@dataclass(frozen=True)
class Aktor:
    """What the rules need to know about the user, read once per request.

    ``roller`` holds the members of the project's role enumeration; each role is the Django group
    named by its value. ``organisation_kod`` names the organisation in the access log.
    """

    user: object
    organisation_id: int | None
    roller: frozenset
    lpo_ids: tuple[int, ...]
    organisation_kod: str = ""

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
        aktor = _kalla().aktor(user)
        if user.is_authenticated:
            user._saminsats_aktor = aktor
        return aktor

    def galler_for_begaran(self) -> None:
        """Keep this actor as its user's for the rest of the request: it was read together with
        the user (the API reads it with the token), so ``for_user`` need not read it again."""
        if getattr(self.user, "is_authenticated", False):
            self.user._saminsats_aktor = self

    def nyckel(self) -> tuple:
        """All the rules read of the actor: two actors with the same key get the same SQL from
        every policy, so SQL compiled for one serves the other."""
        return (
            getattr(self.user, "pk", None),
            self.organisation_id,
            tuple(sorted(self.roller)),
            tuple(sorted(self.lpo_ids)),
        )


class Aktorskalla(Protocol):
    """Who users are: registered once by the app that keeps organisations and roles."""

    def aktor(self, user) -> Aktor:
        """The actor of ``user``; one without an active organisation has no roles."""

    def aktiva_anvandare(self) -> Q:
        """The users ``aktor`` gives roles to (active accounts in active organisations)."""


AKTORSKALLA = Leverantor(
    "aktorskalla", "vem en användare är: organisation, roller och LPO (Aktorskalla)"
)


def _kalla() -> Aktorskalla:
    return AKTORSKALLA()


@dataclass(frozen=True)
class Regel:
    roll: object
    relation: str
    handlingar: frozenset[str]

    def __init__(self, roll, relation: str, handlingar: Iterable[str]):
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
        self.relationer: dict[str, Relation] = {}
        self.regler: list[Regel] = []
        self.utoka(relationer, regler)

    def utoka(self, relationer: Iterable[Relation], regler: Iterable[Regel]) -> None:
        """Add relations and rules; a higher app adds those that run through its objects."""
        for relation in relationer:
            if self.relationer.get(relation.namn, relation) is not relation:
                raise ValueError(f"relation {relation.namn!r} is declared twice")
            self.relationer[relation.namn] = relation
        for regel in regler:
            if regel.relation not in self.relationer:
                raise ValueError(f"unknown relation {regel.relation!r}")
            if not regel.handlingar <= set(self.handlingar):
                raise ValueError(f"unknown action in {regel}")
            if regel not in self.regler:
                self.regler.append(regel)

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

    def kan_nagon_gang(self, user, handling: str, via: str | None = None) -> bool:
        """Whether some rule lets the user's roles perform ``handling`` on some object (through
        relation ``via``, when given): whether a list, a column or a link is worth showing at
        all. Which objects is ``filtrera``'s job."""
        relationer = self._tillatna_relationer(Aktor.for_user(user), handling)
        return via in relationer if via is not None else bool(relationer)

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
        return User.objects.filter(villkor & _kalla().aktiva_anvandare())

    def tabell(self) -> list[tuple[object, str, str]]:
        """Every (role, relation, action) the policy allows, sorted for documentation."""
        rader = {
            (regel.roll, regel.relation, handling)
            for regel in self.regler
            for handling in regel.handlingar
        }
        ordning = list(type(self.regler[0].roll)) if self.regler else []
        return sorted(rader, key=lambda rad: (ordning.index(rad[0]), rad[1], rad[2]))


class Funktion:
    """A page or tool not about one object, open to some roles: the admin site, the staffing
    inbox, creating an operation. Declared once in an app's ``access.py`` next to its policies,
    listed in docs/behorigheter.md and checked by the permission matrix like them.

    A user without an active organisation has no roles (``Aktorskalla``), so no function.
    """

    alla: list[Funktion] = []

    def __init__(self, namn: str, beskrivning: str, roller: Iterable):
        self.namn = namn
        self.beskrivning = beskrivning
        self.roller = frozenset(roller)
        Funktion.alla.append(self)

    def __repr__(self) -> str:
        return f"Funktion({self.namn!r})"

    def tillater(self, user) -> bool:
        if not getattr(user, "is_authenticated", True):
            return False
        return bool(Aktor.for_user(user).roller & self.roller)
