# Only for building the egg that `scrapyd-deploy` uploads to Scrapyd (it runs `setup.py bdist_egg`);
# everything else, pip included, reads pyproject.toml.
from setuptools import setup

setup()
