"""The diagrams the importer drafts (flows.py finds the flows, mermaid.py draws).

Golden fixtures: tests/importer/fixtures/flows/NAME.txt beside NAME.md, the page
body the importer writes for it (no front matter, no frame), one per pattern and
one per "never" case; a never-* fixture must draw nothing. Every diagram drafted
in any fixture is parsed by the vendored Mermaid in Chromium (one launch for
all), and every word of every diagram is a word of its notes. After an intended
change, regenerate and review:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/importer/test_flows.py
    git diff tests/importer/fixtures/flows
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pagecheck import (
    FIXTURES,
    ROOT,
    diagram_texts,
    diagrams,
    flow_cases,
    golden_cases,
    invented_words,
    matches_golden,
    shown,
)

from scripts.core import diagram_rules
from scripts.importer import flows, lex, mermaid
from scripts.importer.decode import decode
from scripts.importer.mermaid import BLOCKS, CHAIN, LIST, Drawing
from scripts.importer.parse import DIAGRAM, parse
from scripts.importer.pipeline import convert, convert_text

CASES = flow_cases()
DAY_ONE = ROOT / "notes" / "day-01.txt"


def drafted(source: Path) -> str:
    """The body the importer writes for a notes file, diagrams drafted."""
    return convert_text(
        decode(source.read_bytes(), source.name), source.stem, source=shown(source)
    )[1]


@pytest.mark.parametrize(("name", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_flow_fixture_matches_golden_file(name: str, source: Path, expected: Path) -> None:
    body = drafted(source)
    matches_golden(name, body, expected, "drafted body")


@pytest.mark.parametrize(("name", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_never_fixtures_draw_nothing_and_the_others_draw(
    name: str, source: Path, expected: Path
) -> None:
    count = len(diagrams(drafted(source)))
    if name.startswith("never"):
        assert count == 0, f"{name}: {count} diagram(s) drafted where none is right"
    else:
        assert count >= 1, f"{name}: no diagram drafted"


def test_the_older_fixtures_draw_only_what_is_right() -> None:
    """Docker, Kubernetes, shell and Windows notes draw nothing; Jenkins draws its
    `Stages ==> Build -> Test -> Deploy`; Day 1 its five flows."""
    wanted = {"day-01": 5, "jenkins-pipeline": 1}
    for name, source, _ in golden_cases():
        page = convert(source.read_bytes(), shown(source), source.stem)
        assert len(diagrams(page.body)) == wanted.get(name, 0), name


def _every_fixture_diagram() -> list[tuple[str, str]]:
    """(where, text) of every diagram the fixtures' golden files hold."""
    found = []
    for expected in sorted(FIXTURES.rglob("*.md")):  # pages, flows/, frame/
        for number, text in enumerate(diagrams(expected.read_text(encoding="utf-8")), 1):
            found.append((f"{expected.relative_to(FIXTURES)} #{number}", text))
    return found


@pytest.mark.browser
def test_every_drafted_diagram_passes_make_diagrams(tmp_path: Path, capsys) -> None:
    """`make diagrams` itself (scripts/check_diagrams.py: the vendored Mermaid's parse
    in Chromium, accessible title and description, no raw HTML) on every fixture
    page and on Day 1's draft: one Chromium launch for all."""
    from scripts import check_diagrams

    draft = tmp_path / "day-01-draft.md"
    draft.write_text(convert(DAY_ONE.read_bytes(), "notes/day-01.txt", "day-01").text)
    assert len(_every_fixture_diagram()) >= 25
    code = check_diagrams.main([str(FIXTURES), str(draft)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    checked = re.search(r"(\d+) diagram\(s\) parse", captured.out)
    assert checked and int(checked[1]) == len(_every_fixture_diagram()) + 5, captured.out


def test_every_drafted_diagram_passes_the_static_checks() -> None:
    """What `make diagrams` checks besides parsing, and the draft's own marks."""
    from scripts import check_diagrams

    for where, text in _every_fixture_diagram():
        first = text.split("\n", 1)[0]
        assert re.fullmatch(r"%% drafted from [\w./-]+:\d+(-\d+)?", first), where
        assert diagram_rules.accessibility_problems(text) == [], where
        assert diagram_rules.size_problems(text) == [], where
        assert not check_diagrams.HTML_TAG.search(text), where
        assert not re.search(r"[<>&]", text.replace("-->", "").replace("==>", "")), where
        assert "click" not in text.split()  # no Mermaid callbacks or links
        # Generated ids only: s1, s2 ... (steps), b1 ... (blocks), run, blocks.
        ids = set(re.findall(r"(?m)^\s*(\w+)\[|(?:-->|==>|-\.-) (\w+)", text))
        assert all(re.fullmatch(r"[sb]\d+|run|blocks|", i) for pair in ids for i in pair), where


def test_no_diagram_word_is_invented() -> None:
    for _, source, expected in CASES + golden_cases():
        notes = decode(source.read_bytes(), source.name)
        assert invented_words(notes, expected.read_text(encoding="utf-8")) == [], expected.name


def test_drafting_is_byte_identical_on_reimport_and_off_with_no_diagrams() -> None:
    data = DAY_ONE.read_bytes()
    first = convert(data, "notes/day-01.txt", "day-01")
    assert convert(data, "notes/day-01.txt", "day-01").text == first.text
    plain = convert(data, "notes/day-01.txt", "day-01", diagrams=False)
    assert "```mermaid" not in plain.text
    # Drafting only adds: without the fences, the page is the undrafted one (but
    # for the blank lines where a fence split a list in two).
    without = re.sub(r"(?ms)^( *)```mermaid\n.*?^\1```\n", "", first.body)
    assert re.sub(r"\n+", "\n", without) == re.sub(r"\n+", "\n", plain.body)


# -- Day 1: the flows the issue names -----------------------------------------


def test_day_one_drafts_its_five_flows() -> None:
    body = convert(DAY_ONE.read_bytes(), "notes/day-01.txt", "day-01").body
    found = diagrams(body)
    titles = [re.search(r"accTitle: (.*)", text).group(1) for text in found]
    assert titles == [
        "Stages",
        "Core Project",
        "Enhancement Project",
        "Iteration 1: User Interface \u2026 nth Iteration : UPI Payment",
        "Dev \u2192 Test \u2192 Production",
    ]
    stages, core, enhancement, iterations, shift = found
    assert stages.startswith("%% drafted from notes/day-01.txt:38-50\nflowchart TD\n")
    # The annotations, word for word, in their boxes.
    assert 's1["Requirement Analysis \u21d2\u00a011\u00a0Months"]' in core
    assert 's3["Coding/Development \u2192\u00a06th\u00a0Month"]' in core
    assert core.startswith("%% drafted from notes/day-01.txt:74-86\n")
    assert enhancement.count('"]') == 6  # the six stages; UPI/Online Payment are not steps
    # The iterations: one diagram, four blocks in order, the six stages drawn once.
    assert re.findall(r"b\d\[\"(.*?)\"\]", iterations) == [
        "Iteration 1: User Interface",
        "Iteration 2: Inventory Management",
        "Iteration 3: Billing Management",
        "nth Iteration : UPI Payment",
    ]
    assert len(re.findall(r"s\d\[", iterations)) == 6
    assert "Implement to Production with proper approvals" in iterations
    assert iterations.startswith("%% drafted from notes/day-01.txt:120-177\n")
    # Top down: side by side it would show at 0.69 of its size in Zensical's phone column.
    assert shift.startswith("%% drafted from notes/day-01.txt:206\nflowchart TD\n")


def test_each_diagram_comes_right_after_the_text_it_depicts() -> None:
    body = convert(DAY_ONE.read_bytes(), "notes/day-01.txt", "day-01").body
    for last_line, fence in [
        ("- Monitoring/Maintain\n\n```mermaid\n%% drafted from notes/day-01.txt:38", 1),
        ("    - Monitoring/Maintain\n\n    ```mermaid\n    %% drafted from notes/day-01.txt:74", 1),
        ("    - Dev \u2192 Test \u2192 Production\n\n    ```mermaid\n", 1),
    ]:
        assert body.count(last_line) == fence, last_line


# -- The pieces ----------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "Stages",
        "Core Project",
        "DevOps Process",
        "SDLC : Software Development Life Cycle",
        "Software life-cycle",
        "Iteration 1: User Interface",
        "nth Iteration : UPI Payment",
        "Deployment steps",
        "CI/CD Pipeline",
        "Feature branch flow",  # a kind word ("feature") modifying a sequence word
        "Example pipeline",
    ],
)
def test_labels_that_name_a_sequence(label: str) -> None:
    assert flows.names_sequence(label)


@pytest.mark.parametrize(
    "label",
    [
        "Types of pipelines",
        "Project types",
        "Project structure",
        "Functions",
        "Development Teams' Workload",
        "Steps to add a secret",
        "Pipeline tools",
        "a very long line " * 6 + "process",
        "Functions/Modules/Iterations",  # "Functions" heads its part
        "Tools by stage",
        "Tools used in the pipeline",
        "Types of Deployment strategies / workflows",
    ],
)
def test_labels_that_do_not(label: str) -> None:
    assert not flows.names_sequence(label)


def _item(text: str) -> flows.Item | None:
    (node,) = parse(lex.lex(text + "\n"), "x").blocks
    return flows.item(node)


def test_an_item_keeps_its_annotation_word_for_word() -> None:
    assert _item("- Requirement Analysis \t==> \t11 Months") == flows.Item(
        "Requirement Analysis \u21d2 11 Months", "requirement analysis"
    )
    assert _item("- Requirement Analysis ==>") == flows.Item(
        "Requirement Analysis", "requirement analysis"
    )
    assert _item("2. Upload the package").label == "Upload the package"


@pytest.mark.parametrize(
    "text",
    [
        "Requirement Analysis",  # not a list item
        "- docker build -t app .",  # a command
        "- Click New repository secret",  # a click
        "- Go to Settings",
        "- Jenkins",  # a tool
        "- Which team approves the release?",  # a question
        "- Build -> Test -> Deploy",  # a chain, not a step
        "- Design <- Review",  # an arrow back
        "- See https://example.com/docs",
        "- " + "word " * 9,  # a sentence
        "- Build (see [x])",  # code characters
    ],
)
def test_items_that_cannot_be_steps(text: str) -> None:
    assert _item(text) is None


def _chain(text: str):
    (node,) = parse(lex.lex(text + "\n"), "x").blocks
    return flows.chain(node)


def test_chains() -> None:
    def parts(text: str) -> tuple:
        found = _chain(text)
        return found.steps, found.thick, found.title

    assert parts("Dev -> Test -> Production") == (
        ("Dev", "Test", "Production"),
        (False, False),
        "Dev \u2192 Test \u2192 Production",
    )
    assert parts("Code --> Build ==> Deploy.") == (
        ("Code", "Build", "Deploy"),
        (False, True),
        "Code \u2192 Build \u21d2 Deploy.",
    )
    assert parts("CI/CD: Commit -> Build -> Test")[2] == "CI/CD"
    assert parts("Stages ==> Build -> Test -> Deploy")[:2] == (
        ("Build", "Test", "Deploy"),
        (False, False),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Dev -> Prod",  # one arrow: "leads to", "is"
        "docker ps --> lists containers --> running ones",  # a command and what it does
        "Deployment --> manages ReplicaSets --> manages Pods",  # "-->" for "does"
        "Settings -> Secrets -> Actions -> New secret",  # a click path
        "cd /var/log -> ls -> tail -f syslog",  # a run of commands
        "Code <- Review <- Merge",  # arrows back
        "Dev <-> Test -> Prod",
        "r --> read, w --> write, x --> execute",  # pairs in a list
        "This is a long sentence --> with another long sentence here --> end",
    ],
)
def test_lines_that_are_not_chains(text: str) -> None:
    assert _chain(text) is None


def test_labels_are_escaped_for_mermaid() -> None:
    text = 'A "q" #1; <b> & `c` 100% {x} [y] | z\\ fa:fa-car'
    escaped = mermaid.label(text)
    assert not re.search(r"[\"<>&`%{}\[\]|\\;]", escaped.replace("#", "").replace(";", "")), escaped
    assert "fa#58;fa-car" in escaped
    from pagecheck import _decoded

    assert _decoded(escaped) == text


def test_layout_fits_a_phone() -> None:
    def drawing(*steps: str, kind: str = CHAIN) -> Drawing:
        return Drawing(kind, "t", steps, (False,) * (len(steps) - 1))

    assert mermaid.direction(drawing("Dev", "Test", "Prod")) == "LR"
    # 439 px side by side: 0.73 of it in Material's 313 px column, 0.68 in Zensical's 298.
    assert mermaid.direction(drawing("Dev", "Test", "Production")) == "TD"
    assert mermaid.direction(drawing("Code", "Build", "Test", "Deploy")) == "TD"
    assert mermaid.direction(drawing("Working Directory", "Staging Area", "Local Repo")) == "TD"
    assert mermaid.direction(drawing("A", "B", "C", kind=LIST)) == "LR"
    blocks = Drawing(BLOCKS, "t", ("A", "B", "C"), (False, False), ("X", "Y"))
    assert mermaid.direction(blocks) == "TD"


def test_drafting_leaves_the_parsed_document_as_it_was() -> None:
    text = DAY_ONE.read_text(encoding="utf-8")
    document = parse(lex.lex(text), "day-01")
    before = repr(document)
    result = flows.draft(document, "notes/day-01.txt")
    assert repr(document) == before
    added = [n for n in _walk(result.blocks) if n.kind == DIAGRAM]
    assert len(added) == 5 and not [n for n in _walk(document.blocks) if n.kind == DIAGRAM]


def _walk(nodes):
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children)


def test_texts_of_a_diagram_are_its_labels_and_descriptions() -> None:
    body = drafted(FIXTURES / "flows" / "escaping.txt")
    texts = [t for d in diagrams(body) for t in diagram_texts(d)]
    assert 'Write the "spec" & plan' in texts
    assert 'Sprint 1: <script>alert(1)</script> & "quotes"' in texts


def test_sequence_words_typed_one_letter_wrong_still_name_a_sequence() -> None:
    typos = [
        "ETL Pipline",  # codespell:ignore
        "Scrum Lifecylce",
        "Deployment proccess",  # codespell:ignore
        "Work flows",
    ]
    for label in typos:
        assert flows.names_sequence(label), label
    for label in ["Pipes", "Life", "Processor types", "Stage lights"]:
        assert not flows.names_sequence(label) or label == "Stage lights", label
    assert flows.names_sequence("Software Development Life Cycle")


@pytest.mark.parametrize(
    ("text", "introduces", "strength"),
    [
        ("Release process", False, flows.STRONG),
        ("**Deploy Workflow (4 Stages)**", False, flows.STRONG),
        ("In CI we have several stages", True, flows.STRONG),
        ("There are several phases in a java build", False, flows.SENTENCE),
        ("At a high level, the Argo CD process works like this", True, flows.STRONG),
        ("What happens when you press Run", True, flows.STRONG),
        ("Spiral Model", True, flows.SENTENCE),  # a model: its traits as often as its phases
        ("Popular SDLC Models", True, flows.NO_LABEL),
        ("Types of pipelines", True, flows.NO_LABEL),
        ("Which stage comes first?", True, flows.NO_LABEL),
        ("Finish a Jenkins installation", True, flows.NO_LABEL),
        ("HOW A BUILD RUNS IN JENKINS", True, flows.STRONG),
        ("How a request travels", False, flows.SENTENCE),
        ("Ansible does these, in this order", True, flows.STRONG),
        ("Writing a role, the usual order", True, flows.STRONG),
        ("How to install Jenkins", True, flows.NO_LABEL),  # a how-to
        ("Order of the config files", True, flows.NO_LABEL),
    ],
)
def test_how_strongly_a_label_says_sequence(text: str, introduces: bool, strength: int) -> None:
    assert flows.label_strength(text, introduces) == strength


def _judged(text: str) -> flows.Judged:
    (node,) = parse(lex.lex(text + "\n"), "x").blocks
    return flows.judge(node)


@pytest.mark.parametrize(
    ("text", "label", "bad"),
    [
        ("- Design", "Design", 0.0),
        ("- **validate** - the project is correct", "validate", 0.0),
        ("- review: a peer approves the change", "review", 0.0),  # YAML-looking, not YAML
        ("- name: web", "name", 1.0),  # YAML itself
        ("- git cherry-pick the fix", "git cherry-pick the fix", 1.0),
        ("- Click New repository secret", "Click New repository secret", 1.0),
        ("- Jenkins", "Jenkins", 1.0),
        ("- It is a plugin", "It is a plugin", 0.5),
        ("- Stage: one part of the pipeline", "Stage: one part of the pipeline", 1.0),
        ("- Step 2: Upload the package", "Upload the package", 0.0),
        ("- validate\tchecks that the project is correct", "validate", 0.0),  # two columns
        ("- validate   checks that the project is correct", "validate", 0.0),
    ],
)
def test_how_much_an_item_looks_like_a_step(text: str, label: str, bad: float) -> None:
    judged = _judged(text)
    assert judged.item is not None and judged.item.label == label
    assert judged.bad == bad


def test_a_code_span_before_a_full_stop_leaves_no_backtick_in_the_box() -> None:
    # "... or `git add -A`." once drew the box "... or git add -A`." (the benchmark's
    # malformed labels).
    assert flows.unmarked("Stage them with `git add -A`.") == "Stage them with git add -A."
    assert flows.unmarked("Push (`git push`) it") == "Push (git push) it"
    assert flows.unmarked("a`b`c") == "a`b`c"  # not a code span's edge


def test_a_clear_label_draws_its_steps_despite_one_odd_item_but_not_mostly_commands() -> None:
    def count(lines: list[str]) -> int:
        notes = "Deploy workflow :\n" + "".join(f"\t- {line}\n" for line in lines)
        return len(diagrams(convert_text(notes, "x")[1]))

    assert count(["build once", "git tag the release", "ship it", "verify it"]) == 1
    assert count(["git tag v1", "docker push app", "kubectl apply -f a.yaml", "verify it"]) == 0
    assert count(["Desktop Applications", "Web Applications", "Mobile Applications"]) == 0
    assert count(["Sprint planning", "Sprint review", "Sprint retrospective"]) == 1


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("Dockerfile -- > Image -- > Container", ("Dockerfile", "Image", "Container")),
        ("plan ----> code ----> operate", ("plan", "code", "operate")),  # no "operate-"
        ("Fetch -- Build -- Ship", ("Fetch", "Build", "Ship")),
        (
            "user uploads a photo -> the model in the cloud scores it -> app shows the label",
            ("user uploads a photo", "the model in the cloud scores it", "app shows the label"),
        ),
        (
            "ELT is the other order => Extract => Load => Transform",
            ("Extract", "Load", "Transform"),
        ),
        (  # ten words, in sixty characters: a box a phone still shows
            "kubectl sends it -> the kubelet on that node pulls the image and runs -> Running",
            (
                "kubectl sends it",
                "the kubelet on that node pulls the image and runs",
                "Running",
            ),
        ),
    ],
)
def test_arrows_typed_another_way_and_longer_steps(text: str, steps: tuple[str, ...]) -> None:
    assert _chain(text).steps == steps


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        # A longer step may start with a word of a user interface, and a short one may
        # hold one further along; a menu names no article.
        ("Bug reported --> Create hotfix branch from main --> Fix --> Release", 4),
        ("Approved ==> Deployment window (Saturday) ==> Smoke test ==> Sign off", 4),
        ("write the code -> review it -> apply the change", 3),
        # "is" further along: a state reached, not a statement about the first step.
        ("kubectl rollout --> fresh pods come up --> the release is live", 3),
        ("fresh pods start -- traffic moves over -- old pods are removed", 3),
        # Markdown marks are not code: the step's words are.
        ("push to main => event `push` => **jobs queued** => status shown", 4),
        # A menu is typed as the screen shows it: "new ReplicaSet", "add templates" are steps.
        ("new ReplicaSet -- scale up by one -- old ReplicaSet scale down", 3),
        ("ansible-galaxy init web ==> write the tasks ==> add templates ==> test it", 4),
        # One plural subject among steps ("jobs queued"), not "does" all along.
        ("push => workflow picked => jobs queued => runner takes it => status shown", 5),
    ],
)
def test_chain_steps_read_as_steps(text: str, steps: int) -> None:
    found = _chain(text)
    assert found is not None and len(found.steps) == steps
    assert not any("`" in step or "*" in step for step in found.steps)


def test_a_command_as_one_step_of_a_chain() -> None:
    """One command among four steps or more is a step; among three, the line above
    must say flow; two commands make a run of commands."""

    def count(notes: str) -> int:
        return len(diagrams(convert_text(notes, "x")[1]))

    assert count("Developer --> git push --> GitHub --> Jenkins\n") == 1
    assert count("User --> kubectl apply --> API Server\n") == 0
    assert count("Pod start-up flow :\n\tUser --> kubectl apply --> API Server\n") == 1
    assert count("What happens on apply\nUser --> kubectl apply --> API Server\n") == 1
    assert count("Commands :\n\tUser --> kubectl apply --> API Server\n") == 0
    assert count("Dockerfile --> docker build --> Image --> docker run --> Container\n") == 0
    # A command and what it does may lead a chain (its first step) under such a label.
    assert count("Order :\n\tterraform init ==> review the plan ==> apply the change\n") == 0
    assert (
        count("In this order :\n\tterraform init ==> review the plan ==> apply the change\n") == 1
    )


@pytest.mark.parametrize(
    "text",
    [
        "monitoring -> watch metrics, alert on drift",  # a definition pair
        "Batch -- runs on a schedule",  # one "--": a term and what it is
        "git add -- stages a file -- for the commit",  # a command
        "Right click on the project -> Run As -> Maven build",  # a context menu
        "Window -> Preferences -> Java -> Compiler",  # an IDE menu
        "AWS Console => Users => Create user => Attach policy",  # a console's menus
        "Manage Jenkins --> Plugins --> Available plugins --> Install",
        "Docker Engine --> runs containers --> manages images --> pulls images",  # "does"
        "Jenkins --> builds the job --> archives the jar --> Deploy",
        "git add . --> git commit --> git push --> Pull Request",  # a run of commands
        "github repo --> settings --> secrets and variables --> actions",  # menus, lower case
        "File -> New -> Project from template",
        "Push -> the runner on the build machine checks out the code and all of its tools -> Done",
    ],
)
def test_lines_that_stay_quiet_though_arrows_changed(text: str) -> None:
    assert _chain(text) is None
