"""Granting model permissions to the role groups in data migrations (the loader skips this
module: its name starts with an underscore). Django creates model permissions only after all
migrations have run, so the migrations create the ones they grant."""


def grant(apps, permissions, groups):
    """``permissions``: {(model name, codename): name}; ``groups``: the group names."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for (model, codename), name in permissions.items():
        content_type, _ = ContentType.objects.get_or_create(
            app_label="participation", model=model
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for group_name in groups:
            Group.objects.get_or_create(name=group_name)[0].permissions.add(permission)


def revoke(apps, permissions, groups):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    granted = Permission.objects.filter(
        content_type__app_label="participation",
        codename__in=[codename for _, codename in permissions],
    )
    for group in Group.objects.filter(name__in=groups):
        group.permissions.remove(*granted)
