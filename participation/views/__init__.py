"""The participation's views, one module per concern: registrations, proposals, comments, polls,
reports and notices; ``shared`` holds what several use. Host pages route to the proposal and
registration views (``participation.hosts``); the rest has addresses in ``participation.urls``."""
