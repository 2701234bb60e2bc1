"""What the scripts share, one concern a module; nothing here is an entry point.

* ``paths``: where things are, how messages show a path, which Markdown files;
* ``report``: the one ending of every check (problems, a summary, the exit code);
* ``config``: mkdocs.yml, read by MkDocs' own loader;
* ``files``: atomic writes;
* ``urls``: the URLs of built HTML, and which of them leave the site;
* ``sources``: a problem in the built site pointed at its Markdown line;
* ``fences``: fenced blocks, found the way superfences finds them;
* ``diagram_rules``: what a diagram may not say, and how big it may be (with the drafter);
* ``html``: built pages parsed as a browser parses them (HTML5);
* ``css``: the addresses a piece of CSS would fetch (a CSS tokenizer);
* ``csp``: the Content Security Policy, and the step that writes it into every page;
* ``allowlist``: the elements and attributes a built page may hold;
* ``snippets``: snippets that would pull in a file from outside includes/;
* ``vendor``: the vendored assets' pins and their verification;
* ``site``: building (MkDocs, Zensical), serving on 127.0.0.1, launching Chromium;
* ``checks``: the table of checks (targets, commands, files, purposes).
"""
