"""Apply the retention rules (``participation.retention``) now: delete unconfirmed sign-ups,
expired data downloads, old mails, tasks and sessions, erase contacts kept past their use,
warn accounts unused for two years and list those still unused after the warning.

The worker runs the same rules daily; this command is for cron or a systemd timer
(``deploy/landvorteil-retention.timer``) and for a look with ``--dry-run``, which lists what
would happen and changes nothing. Exits with status 1 when a rule failed (the others still ran).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from participation import retention


class Command(BaseCommand):
    help = (
        "Delete or erase personal data past its retention period and warn accounts unused for "
        "two years (--dry-run: only list)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what the rules would delete, erase or send; change nothing.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        now = timezone.now()
        outcomes, failed = retention.apply(now, dry_run=dry_run)
        heading = "Retention" + (" (dry run: nothing changed)" if dry_run else "")
        self.stdout.write(f"{heading}, {timezone.localtime(now):%Y-%m-%d %H:%M %Z}")
        for outcome in outcomes:
            action = f"to be {outcome.action}" if dry_run else outcome.action
            self.stdout.write(f"  {outcome.label}: {outcome.count} {action}")
            # Accounts are always listed: someone may have to act on them.
            if dry_run or verbosity > 1 or outcome.rule in LISTED:
                for item in outcome.items:
                    self.stdout.write(f"    {item}")
        if failed:
            raise CommandError(f"Retention rules failed: {', '.join(failed)} (see the log).")


LISTED = {"inactive-accounts", "unused-after-warning"}
