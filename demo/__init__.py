"""The demo installation: its content, pictures and the commands that load them.

``manage.py load_demo_content`` (run by ``make setup``) creates what is missing. The product apps
know nothing of it; it runs only where ``DEMO_CONTENT_ALLOWED`` is on.
"""
