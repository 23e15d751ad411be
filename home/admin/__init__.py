"""Admin views of the editorial app, one module per concern; home/wagtail_hooks.py registers
them."""
