"""Load the demo participation: the process and vision index pages (German and English), a
running process in its support phase with about 30 proposals and supports from demo residents,
a process in its proposal phase with its first proposals (residents can submit more), and a
finished process whose accepted proposals became two visions with implementation updates.

Idempotent like ``load_demo_content`` (which calls it): pages are found by their slug below their
parent, residents by email; a process that already has proposals gets none added.
"""

from django.core.management import call_command

from demo.content.processes import (
    COLLECTING,
    COLLECTING_EN,
    FINISHED,
    FINISHED_EN,
    PROCESS_INDEX,
    RESIDENTS,
    RUNNING,
    RUNNING_EN,
    VISION_INDEX,
)
from demo.content.visions import VISIONS
from demo.loaders.addresses import EnglishAddresses
from demo.loaders.command import DemoCommand
from demo.loaders.comments import Comments
from demo.loaders.polls import Polls
from demo.loaders.processes import ProcessPages
from demo.loaders.proposals import ProposalsAndSupports
from visions.models import ProcessIndexPage, VisionIndexPage


class Command(EnglishAddresses, ProcessPages, ProposalsAndSupports, Comments, Polls, DemoCommand):
    help = "Create the demo processes, proposals, supports and visions where they are missing."

    def load(self):
        self.find_setting()
        self.residents = self.create_residents()
        process_index = self.index(ProcessIndexPage, PROCESS_INDEX)
        vision_index = self.index(VisionIndexPage, VISION_INDEX)
        running = self.process(process_index, RUNNING, self.relative_phases)
        self.running_proposals(running)
        # Also added to a database loaded before this process existed.
        collecting = self.process(process_index, COLLECTING, self.relative_phases)
        self.collecting_proposals(collecting)
        finished = self.process(process_index, FINISHED, self.dated_phases)
        proposals = self.finished_proposals(finished)
        visions = self.visions(vision_index, proposals)
        self.translate_process(running, RUNNING_EN)
        self.translate_process(collecting, COLLECTING_EN)
        self.translate_process(finished, FINISHED_EN)
        for vision, spec in zip(visions, VISIONS, strict=True):
            self.translate_vision(vision, spec["en"])
        self.comments(running, visions)
        self.polls(finished)
        if self.created["proposals"]:
            # Proposals inserted in bulk tell the site search nothing: index anew.
            call_command("update_index", site_search_only=True, verbosity=0)
        self.english_addresses()

    # --- Helpers --------------------------------------------------------------------------------

    def count(self, kind, number=1, label=""):
        self.created[kind] += number
        if self.verbosity >= 2 and label:
            self.stdout.write(f"  + {label}")

    def report(self):
        if not self.created:
            self.stdout.write("The demo participation is complete; nothing had to be created.")
        else:
            summary = ", ".join(f"{number} {kind}" for kind, number in self.created.items())
            self.stdout.write(f"Created for participation: {summary}.")
        if self.created["demo residents"]:
            self.stdout.write(
                f"  {len(RESIDENTS)} more demo residents, e.g. {RESIDENTS[0][1]}, "
                "with the same password (they author and support the demo proposals)."
            )
