"""Who may support a proposal and withdraw a support, by role and phase of the process; then the
proposal's state, the support budget, and what the support button shows (``support_states``)."""

import pytest

from participation import rules
from participation.models import Moderation, Proposal, Support
from tests.participation.factories import ProposalFactory
from tests.participation.rules.roles import NOW, ROLES, Process, hours_ago, outcome, person
from tests.visions.factories import ProcessPageFactory

PHASES = ("before", "submit", "support", "closed", "after")


@pytest.fixture
def process_page(site_homes):
    """The page the proposals belong to; the rules are asked with a ``Process`` stand-in."""
    return ProcessPageFactory(parent=site_homes[0])


IN_SUPPORT_PHASE = ("phase_closed", "phase_closed", "allowed", "phase_closed", "phase_closed")
# role: expected outcome in each of PHASES, supporting a published proposal of "author".
# No rule keeps authors from supporting their own proposal (docs/roles.md says "–": see report).
SUPPORT = {
    "anonymous": ("sign_in",) * 5,
    "unverified": ("unverified",) * 5,
    "blocked": ("blocked",) * 5,
    **dict.fromkeys(("resident", "author", "editor", "moderator", "superuser"), IN_SUPPORT_PHASE),
}
# Withdrawing a support the person gave follows the support phase too.
UNSUPPORT = SUPPORT
CASES = [
    (action, role, phase, expected)
    for action, matrix in (("support", SUPPORT), ("unsupport", UNSUPPORT))
    for role in ROLES
    for phase, expected in zip(PHASES, matrix[role], strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "role", "phase", "expected"), CASES)
def test_support_and_withdraw_support(action, role, phase, expected, process_page):
    proposal = ProposalFactory(process=process_page, moderation=Moderation.PUBLISHED)
    user = person(role, author=proposal.author)
    if action == "unsupport" and user.is_authenticated:
        Support.objects.create(proposal=proposal, user=user, process=proposal.process)
    process = Process(phase)
    assert outcome(rules.proposal_obstacle(user, process, action, proposal, NOW)) == expected
    if expected != "allowed":
        with pytest.raises(rules.ParticipationError) as error:
            rules.check_proposal_action(user, process, action, proposal, NOW)
        assert error.value.code == expected


# A resident in the support phase, by the proposal's state and whether they support it already.
STATES = [
    # (fields of the proposal, supported already, support, unsupport)
    ({}, False, "allowed", "not_supported"),
    ({}, True, "already_supported", "allowed"),
    ({"moderation": Moderation.PENDING}, False, "not_published", "not_supported"),
    ({"moderation": Moderation.HIDDEN}, False, "not_published", "not_supported"),
    ({"moderation": Moderation.HIDDEN}, True, "already_supported", "not_published"),
    ({"withdrawn_at": hours_ago(1)}, False, "withdrawn", "not_supported"),
    ({"withdrawn_at": hours_ago(1)}, True, "already_supported", "withdrawn"),
    # An answered proposal may still be supported.
    (
        {"state": Proposal.State.ACCEPTED, "answered_at": hours_ago(1)},
        False,
        "allowed",
        "not_supported",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("fields", "supported", "support", "unsupport"), STATES)
def test_by_state_of_the_proposal(fields, supported, support, unsupport, process_page):
    proposal = ProposalFactory(process=process_page, **fields)
    resident = person("resident")
    if supported:
        Support.objects.create(proposal=proposal, user=resident, process=proposal.process)
    process = Process("support")
    assert outcome(rules.proposal_obstacle(resident, process, "support", proposal, NOW)) == support
    assert outcome(rules.proposal_obstacle(resident, process, "unsupport", proposal, NOW)) == (
        unsupport
    )


# A resident in the support phase of a process with a budget, by the supports they gave.
BUDGET = [
    # (support_budget, supports on published proposals, on withdrawn, on hidden, expected)
    (0, 5, 0, 0, "allowed"),
    (2, 0, 0, 0, "allowed"),
    (2, 1, 0, 0, "allowed"),
    (2, 2, 0, 0, "budget_used"),
    (2, 3, 0, 0, "budget_used"),
    # Supports of withdrawn or hidden proposals give their place back.
    (2, 1, 1, 0, "allowed"),
    (2, 1, 0, 1, "allowed"),
    (2, 2, 1, 1, "budget_used"),
    (1, 0, 2, 2, "allowed"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("budget", "published", "withdrawn", "hidden", "expected"), BUDGET)
def test_the_support_budget(budget, published, withdrawn, hidden, expected, process_page):
    host = process_page
    process = Process("support", support_budget=budget)
    process.translation_key = host.translation_key
    resident = person("resident")
    given = (
        [{}] * published
        + [{"withdrawn_at": hours_ago(1)}] * withdrawn
        + [{"moderation": Moderation.HIDDEN}] * hidden
    )
    for fields in given:
        supported = ProposalFactory(process=host, **fields)
        Support.objects.create(proposal=supported, user=resident, process=host)
    proposal = ProposalFactory(process=host)
    obstacle = rules.proposal_obstacle(resident, process, "support", proposal, NOW)
    assert outcome(obstacle) == expected
    if expected == "budget_used":
        assert str(budget) in str(obstacle)
        # Withdrawing one of the supports given stays possible when the budget is used up.
        first = Support.objects.filter(user=resident).first().proposal
        assert rules.proposal_obstacle(resident, process, "unsupport", first, NOW) is None
    # The button shows the same, in one query for all proposals.
    state = rules.support_states(resident, process, [proposal], NOW)[proposal.pk]
    assert (state.allowed, outcome(state.message)) == (expected == "allowed", expected)


# The support button, by role, in the support phase and out of it (a proposal they do not support).
BUTTON = {
    # role: (allowed, message code, needs_sign_in, needs_verification) in the support phase
    "anonymous": (False, "sign_in", True, False),
    "unverified": (False, "unverified", False, True),
    "blocked": (False, "blocked", False, False),
    **dict.fromkeys(
        ("resident", "author", "editor", "moderator", "superuser"),
        (True, "allowed", False, False),
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("phase", ["support", "submit"])
@pytest.mark.parametrize("role", ROLES)
def test_the_support_button(role, phase, process_page):
    proposal = ProposalFactory(process=process_page)
    user = person(role, author=proposal.author)
    state = rules.support_states(user, Process(phase), [proposal], NOW)[proposal.pk]
    allowed, code, needs_sign_in, needs_verification = BUTTON[role]
    if phase != "support":
        # Out of the phase nobody is invited to sign in or confirm an address for it.
        allowed, code, needs_sign_in, needs_verification = False, "phase_closed", False, False
    assert (state.allowed, outcome(state.message)) == (allowed, code)
    assert (state.needs_sign_in, state.needs_verification) == (needs_sign_in, needs_verification)
    assert state.action == "add" and not state.supported
    # The button agrees with the rule the service asks (which names the person's obstacle first).
    obstacle = rules.proposal_obstacle(user, Process(phase), "support", proposal, NOW)
    assert (obstacle is None) == allowed
    if phase == "support":
        assert outcome(obstacle) == code
