"""Open data: the read API under /api/v1/ (participation's contributions and Wagtail's pages, one
visibility rule, an OpenAPI description generated from the code) and the open-data downloads.

It reads from every app, like the site search, and no app imports it."""
