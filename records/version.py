"""The one version number, read from the installed distribution's metadata (pyproject.toml)."""

from importlib.metadata import PackageNotFoundError, version

try:
    VERSION = version("kommunarkiv")
except PackageNotFoundError:  # a source tree that was never installed (e.g. a Scrapyd egg)
    VERSION = "0+unknown"
