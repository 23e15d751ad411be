"""The proposal listing of a process: filters, search, sort orders, the session's random order."""

import random

from django import forms
from django.db.models import BigIntegerField, ExpressionWrapper, F, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.listing import ListingFilterForm
from participation.models import Proposal
from participation.municipalities import MUNICIPALITY_CHOICES

QUALIFIED = "qualified"

SORT_CHOICES = [
    ("random", _("Random order")),
    ("newest", _("Newest first")),
    ("supported", _("Most supported")),
    ("discussed", _("Most discussed")),
]
DEFAULT_SORT = "random"

# The random order maps each id through x = (id · a + b) mod M, then x · (x + c) mod M, with a, b, c
# drawn from the seed: integer arithmetic that SQLite and PostgreSQL compute alike, far inside
# 64 bits, and scrambled enough that neighbouring ids do not stay neighbours.
RANDOM_MODULUS = 1_000_003
SESSION_SEED_KEY = "proposal_order_seed"


class ProposalFilterForm(ListingFilterForm):
    """The listing's GET parameters. Unknown values count as not given, never as an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.SearchInput)
    state = forms.ChoiceField(label=_("State"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORT_CHOICES)

    field_order = ["q", "field", "state", "municipality", "sort"]

    def __init__(self, data, *, fields_of_action):
        super().__init__(data, fields_of_action=fields_of_action)
        self.fields["state"].choices = [
            ("", _("All states")),
            *Proposal.State.choices,
            (QUALIFIED, _("Qualified")),
        ]
        self.fields["municipality"].choices = [("", _("All municipalities")), *MUNICIPALITY_CHOICES]

    def values(self):
        values = super().values()
        values["q"] = (values["q"] or "").strip() or None
        values["sort"] = values["sort"] or DEFAULT_SORT
        return values


def filter_proposals(proposals, filters):
    """``proposals`` narrowed by the valid filter values (see :meth:`ProposalFilterForm.values`)."""
    if filters.get("field"):
        proposals = proposals.filter(field_of_action__slug=filters["field"])
    state = filters.get("state")
    if state == QUALIFIED:
        proposals = proposals.filter(qualified_at__isnull=False)
    elif state:
        proposals = proposals.filter(state=state)
    if filters.get("municipality"):
        proposals = proposals.filter(municipality=filters["municipality"])
    if filters.get("q"):
        term = filters["q"]
        proposals = proposals.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(text__icontains=term)
        )
    return proposals


def random_seed(request):
    """A number that stays the same for the visitor for a while.

    Signed-in people already have a session, so their seed is kept there (a new order per
    session). Anonymous readers must not get a cookie just for this, and their pages are cached
    for everyone anyway: their order changes once a day.
    """
    if request.user.is_authenticated:
        seed = request.session.get(SESSION_SEED_KEY)
        if not isinstance(seed, int):
            seed = random.SystemRandom().randrange(2**31)
            request.session[SESSION_SEED_KEY] = seed
        return seed
    return timezone.localdate().toordinal()


def random_order(seed):
    """An order expression for the seed."""
    draw = random.Random(seed)
    a, b, c = (draw.randrange(1, RANDOM_MODULUS) for _ in range(3))
    x = (F("id") * Value(a) + Value(b)) % Value(RANDOM_MODULUS)
    return ExpressionWrapper(
        (x * (x + Value(c))) % Value(RANDOM_MODULUS), output_field=BigIntegerField()
    )


def sort_proposals(proposals, sort, seed):
    """``proposals`` in the chosen order; withdrawn ones always come last."""
    withdrawn_last = F("withdrawn_at").asc(nulls_first=True)
    if sort == "newest":
        keys = [F("created_at").desc(), F("pk").desc()]
    elif sort == "supported":
        keys = [F("support_count").desc(), F("created_at").desc(), F("pk").desc()]
    elif sort == "discussed":
        keys = [F("comment_count").desc(), F("created_at").desc(), F("pk").desc()]
    else:
        keys = [random_order(seed).asc(), F("pk").asc()]
    return proposals.order_by(withdrawn_last, *keys)
