"""What the demo commands do, one module per part of the installation, as mixins of the commands
in ``demo/management/commands/``."""
