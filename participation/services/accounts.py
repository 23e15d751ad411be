"""Deleting a person's account: one transaction that keeps everybody else's data right.

SKELETON — filled in by the lead (deletion)."""


def delete_account(person, *, by=None, with_contributions=False):
    raise NotImplementedError
