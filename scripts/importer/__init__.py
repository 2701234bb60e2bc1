"""Class notes (plain text typed in class) -> MkDocs Material lesson pages.

The pipeline is a straight line of small stages, each a module::

    bytes --decode--> text --lex--> [Line] --parse--> Document --render--> Markdown

* ``decode``: any encoding an editor saves -> text with LF line ends;
* ``lex`` (with ``hints``): each line measured once: depth, kind, bullet, code hint;
* ``parse`` (with ``dates``): the tree by indentation, code runs, headings, title;
* ``inline``: escaping (notes are text, never markup) and arrow typography;
* ``render``: the Markdown, through a table of pure functions;
* ``frontmatter``, ``nav``, ``cli``, ``pipeline``: the page file and mkdocs.yml.

`pipeline.convert()` runs the stages; `cli.main()` adds files, front matter
and the nav. Nothing keeps state between calls.
"""
