"""Registers the platform's own admin pieces with Wagtail."""

from wagtail import hooks

from cms.viewsets import UserDeleteBulkAction

# After Wagtail's own "delete" bulk action for users (order 0), which this one replaces.
hooks.register("register_bulk_action", UserDeleteBulkAction, order=100)
