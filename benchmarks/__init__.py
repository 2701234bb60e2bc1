"""Benchmarks: scripts that print numbers, each against a baseline built in the same
run (README.md here). Each `bench_*` module is an entry point, run from the
repository's root as `python -m benchmarks.bench_pages`; the others are what they
share, one concern a module:

* ``project``: temporary copies of the project, and the environment builds run in;
* ``course``: an N-day course made from one lesson, and the nav that lists it;
* ``baseline``: the plain Material project and site we compare with (also a command);
  its mkdocs.yml, and our copy's, are written by scripts/core/config_edit.py;
* ``gzip_server``: the request handler that serves like GitHub Pages;
* ``sites``: our site, Zensical's build and the baseline, built and served side by side;
* ``browser``: Chromium's extra flag, the phone, and the in-page timing scripts;
* ``tables``: medians, ratios, tables, interleaved runs.
"""
