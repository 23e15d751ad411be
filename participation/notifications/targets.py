"""Which things a notification points at a person may still see, with their titles and
addresses: the in-site list, immediate e-mails and digests all ask here, at the moment they
show or send, so that what was hidden, deleted or made private after it happened is left out.

The check is done in batches: one query per kind of thing (and one per kind of parent, for a
comment on a proposal or an update of a group), whatever the number of notifications.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page

from ..models import BoardEntry, Comment, GroupUpdate, Proposal


def _parent_of(obj):
    """The thing ``obj`` is only visible through, as ``(content type id, pk)``; ``None``."""
    if isinstance(obj, Comment):
        return (obj.target_type_id, obj.target_id)
    if isinstance(obj, GroupUpdate | BoardEntry) and obj.group_id is not None:
        from ..models import ActionGroup

        return (ContentType.objects.get_for_model(ActionGroup).pk, obj.group_id)
    return None


def _fetch(content_type_id, ids, user):
    """The things of one type among ``ids`` that ``user`` (``None``: anybody) may see."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return []
    if issubclass(model, Page):
        return list(model.objects.live().public().filter(pk__in=ids))
    queryset = model._default_manager.all()
    if hasattr(queryset, "visible_to"):
        queryset = queryset.visible_to(user)
    if model is Comment:
        queryset = queryset.filter(deleted_at=None)
    return list(queryset.filter(pk__in=ids))


def visible_objects(pairs, user):
    """``{(content type id, pk): object}`` for those of ``pairs`` that ``user`` (``None``:
    anybody) may see now, including that the page or group they belong to is visible."""
    found = {}
    wanted = defaultdict(set)
    for content_type_id, pk in pairs:
        wanted[content_type_id].add(pk)
    for content_type_id, ids in wanted.items():
        for obj in _fetch(content_type_id, ids, user):
            found[(content_type_id, obj.pk)] = obj
    parents = {key: _parent_of(obj) for key, obj in found.items()}
    needed = {parent for parent in parents.values() if parent is not None}
    if needed:
        visible_parents = visible_objects(needed, user)
        for key, parent in parents.items():
            if parent is None:
                continue
            if parent not in visible_parents:
                del found[key]
            elif isinstance(found[key], Comment):
                # The comment's address is built from its target: no extra query for it.
                found[key].target = visible_parents[parent]
    load_processes(found.values())
    return found


def visible_to_each(pairs_of):
    """``{person pk: {pair: object}}`` of what each person may see now, for ``pairs_of``
    (``{person: pairs}``): public things in one pass for everybody, the rest person by person."""
    public = visible_objects(set().union(*pairs_of.values()), None) if pairs_of else {}
    seen = {}
    for person, pairs in pairs_of.items():
        own = {pair: public[pair] for pair in pairs if pair in public}
        rest = set(pairs) - own.keys()
        if rest:
            own.update(visible_objects(rest, person))
        seen[person.pk] = own
    return seen


def load_processes(objects):
    """Give the proposals among ``objects`` (and those commented on) their specific process
    page, loaded together: a proposal's address is built below its process page, which would
    otherwise cost two queries per proposal. Returns ``{pk: page}`` of the pages found."""
    proposals = []
    for obj in objects:
        if isinstance(obj, Comment):
            obj = getattr(obj, "target", None)
        if isinstance(obj, Proposal):
            proposals.append(obj)
    process_ids = {proposal.process_id for proposal in proposals}
    if not process_ids:
        return {}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=process_ids).specific()}
    for proposal in proposals:
        if proposal.process_id in pages:
            proposal.process = pages[proposal.process_id]
    return pages


def title_of(obj):
    for attribute in ("title", "name"):
        value = getattr(obj, attribute, None)
        if value:
            return value
    if isinstance(obj, Comment):
        return obj.excerpt
    return str(obj)


def url_of(obj, *, full=False):
    """The thing's address (with scheme and host for e-mails)."""
    if isinstance(obj, Page):
        return obj.get_full_url() if full else obj.get_url()
    if isinstance(obj, Comment):
        base = url_of(obj.target, full=full)
        return f"{base}#comment-{obj.pk}" if base else None
    get_url = getattr(obj, "get_url", None)
    if get_url is None:
        return None  # a block notice's block has no page
    try:
        return get_url(full=full)
    except TypeError:
        return get_url()


def describe(notifications, user, *, full=False):
    """The ``notifications`` whose thing ``user`` may still see, each with ``target``,
    ``title`` and ``url``; the activities must be loaded (``select_related("activity")``)."""
    notifications = list(notifications)
    found = visible_objects(
        ((n.activity.target_type_id, n.activity.target_id) for n in notifications), user
    )
    shown = []
    for notification in notifications:
        activity = notification.activity
        obj = found.get((activity.target_type_id, activity.target_id))
        if obj is None:
            continue
        notification.target = obj
        notification.title = activity.data.get("title") or title_of(obj)
        notification.url = url_of(obj, full=full)
        shown.append(notification)
    return shown
