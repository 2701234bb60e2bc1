"""The project's scripts: entry points, run from the repository's root as modules
(`python -m scripts.check_links`) or through the Makefile, and what they share.

* ``core/``: the small shared core (paths and messages, mkdocs.yml, atomic writes,
  URLs in built HTML, building, serving and browsing the site, the table of checks);
* ``importer/``: the notes importer (lex -> parse -> flows -> render -> cli);
* one file per command: ``import_notes``, ``check_*``, ``build_*``, ...

Entry points depend on the core (and the importer), never on each other.
"""
