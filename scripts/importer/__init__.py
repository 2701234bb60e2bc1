"""Class notes (plain text typed in class) -> MkDocs Material lesson pages.

The pipeline is a straight line of small stages, each a module::

    bytes --decode--> text --lex--> [Line] --parse--> Document
          --flows--> Document (+ diagrams) --render--> Markdown

* ``decode``: any encoding an editor saves -> text with LF line ends;
* ``lex`` (with ``code_kinds``): each line measured once: depth, kind, bullet, code hint;
* ``parse`` (with ``dates``): the tree by indentation, code runs, headings, title;
* ``flows``: the flows the notes hold, each drafted as a diagram node;
* ``inline``: escaping (notes are text, never markup) and arrow typography;
* ``render`` (with ``mermaid``): the Markdown, through a table of pure functions;
* ``frame``: the lesson frame's placeholders, put around the notes;
* ``frontmatter``, ``nav``, ``announce``, ``cli``, ``pipeline``: the page file and mkdocs.yml
  (``nav`` and ``announce`` edit it through ``core/config_edit``).

`pipeline.convert()` runs the stages; `cli.main()` adds files, front matter
and the nav. Nothing keeps state between calls.
"""
