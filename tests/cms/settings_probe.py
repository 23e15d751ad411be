"""Reading the settings a fresh process gets: they are read from the environment at import."""

import subprocess
import sys

from tests.cms.test_setup import PRODUCTION_ENV, ROOT, SUBPROCESS_ENV


def settings_in(module, code):
    """What ``code`` prints with the settings of ``module`` (a fresh process: settings are read
    from the environment at import)."""
    env = {**SUBPROCESS_ENV, "DJANGO_SETTINGS_MODULE": module}
    for name in ("STAFF_MFA_REQUIRED", "TRUSTED_PROXY_COUNT"):
        env.pop(name, None)
    if module == "cms.settings.production":
        env.update(PRODUCTION_ENV)
    setup = "import django; django.setup(); from django.conf import settings as s"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"{setup}; {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
