"""What the scripts share, one concern a module; nothing here is an entry point.

* ``paths``: where things are, how messages show a path, which Markdown files;
* ``report``: the one ending of every check (problems, a summary, the exit code);
* ``config``: mkdocs.yml, read by MkDocs' own loader;
* ``config_edit``: mkdocs.yml changed the one way (ruamel.yaml's round trip), checked by ``config``;
* ``files``: atomic writes, the lock on mkdocs.yml;
* ``urls``: the URLs of built HTML, and which of them leave the site;
* ``source_lines``: a problem in the built site pointed at its Markdown line;
* ``fences``: fenced blocks, found the way superfences finds them;
* ``diagram_rules``: what a diagram may not say, and how big it may be (with the drafter);
* ``html``: built pages parsed as a browser parses them (HTML5);
* ``css``: the addresses a piece of CSS would fetch (a CSS tokenizer);
* ``csp``: the Content Security Policy, and the step that writes it into every page;
* ``allowlist``: the elements and attributes a built page may hold;
* ``snippets``: snippets that would pull in a file from outside includes/;
* ``vendor``: the vendored assets' pins and their verification;
* ``build``: the site built by MkDocs or Zensical, strictly;
* ``serve``: a folder served on 127.0.0.1;
* ``chromium``: Debian's Chromium through Playwright, on our origin only;
* ``built_site``: a built site's pages and diagrams, and the arguments of a check reading one;
* ``checks``: the table of checks (targets, commands, files, purposes).
"""
