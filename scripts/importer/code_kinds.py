"""Cheap guesses, one line at a time, at what kind of code a line might be.

The lexer asks `code_hint()` once per line; the parser then decides whether
a run of hinted lines is long or structured enough to become a fenced block.
Everything errs towards prose: a sentence shown as a grey code box reads
worse than a command shown as (escaped) text.
"""

from __future__ import annotations

import re

BASH = "bash"  # a shell command line
YAML = "yaml"  # key: value
DOCKER = "dockerfile"  # FROM/RUN/COPY ... instruction
GROOVY = "groovy"  # pipeline { / stage('x') { ... (a Jenkinsfile)
TABLE = "table"  # an all-caps header aligned with runs of spaces (docker ps)
ROW = "row"  # a line with space-aligned columns
CMD = "cmd"  # "docker ps --> lists containers": a command and what it does
DATA = "data"  # a line past lex.LONG_LINE, dense with markup characters: a text block

# Characters Markdown would read as markup. Each one in prose costs Python-Markdown
# an escape to process (about 10 us); a long line denser in them than 1 in
# DATA_DENSITY (logs, minified code, base64) renders faster, and reads better, as a
# text block: measured with benchmarks/bench_render.py, prose pieces stay within 2x
# of plain words up to about this density.
MARKUP_CHARS = "\\`*_{}[]#|^~=<&"
DATA_DENSITY = 16


# Typed arrows ("==>", "<--"): they become arrow symbols, not escapes.
_ARROW_RUN = re.compile(r"<?[-=]+>|<[-=]+")


def is_data(text: str) -> bool:
    """A long line that is mostly markup characters (see DATA_DENSITY)."""
    prose = _ARROW_RUN.sub("", text) if ">" in text or "<" in text else text
    return sum(map(prose.count, MARKUP_CHARS)) * DATA_DENSITY > len(text)


def _words(text: str) -> frozenset[str]:
    """A set from a whitespace-separated list (long lists stay readable)."""
    return frozenset(text.split())


# First words of the commands these courses type. Lower case on purpose:
# "Git is a VCS" is prose, "git init" is a command.
COMMANDS = _words(
    """
    docker docker-compose kubectl kubeadm minikube kind helm k9s eksctl git gh
    sudo apt apt-get yum dnf rpm dpkg snap brew pip pip3 pipx python python3
    conda virtualenv poetry npm npx yarn node java javac mvn gradle go cargo
    terraform ansible ansible-playbook ansible-galaxy packer vagrant aws az
    gcloud cd ls ll pwd mkdir rmdir rm cp mv cat less more head tail touch chmod
    chown chgrp ln find grep egrep sed awk sort uniq wc cut tr xargs tee echo
    printf export env source curl wget ssh scp rsync tar zip unzip gzip gunzip
    systemctl service journalctl ps top htop kill killall df du free uname
    whoami id useradd usermod userdel groupadd passwd su hostname ip ifconfig
    netstat ss ping nslookup dig telnet nc openssl crontab vi vim nano clear
    history exit mlflow dvc jupyter uvicorn gunicorn flask streamlit pytest make
    jenkins sh bash zsh nohup watch
    """
)

# Commands that make sense with no argument at all ("ls", "pwd").
BARE_COMMANDS = _words(
    """
    ls ll pwd whoami clear history exit env id hostname uptime df free ps top
    htop
    """
)

# A second word like these means the line is a sentence about the command.
PROSE_SECOND = _words(
    """
    is are was were will can could should would may must has have had helps help
    used uses use means command commands tool tools and or to in of for with vs
    vs. provides allows lets the a an which that it its -> --> => ==> : - = is:
    are:
    """
)

# ... and so does one of these as the third or fourth word ("docker image is").
_VERBS = _words("is are was were means helps provides allows")

DOCKER_INSTRUCTIONS = _words(
    """
    FROM RUN CMD COPY ADD WORKDIR EXPOSE ENV ENTRYPOINT ARG LABEL USER VOLUME
    HEALTHCHECK MAINTAINER SHELL ONBUILD STOPSIGNAL
    """
)

# Keys a YAML snippet in these courses starts with (Kubernetes, Compose,
# Ansible, GitHub Actions, GitLab CI, Prometheus ...). Case-sensitive.
YAML_FIRST_KEYS = _words(
    """
    apiVersion kind metadata spec version services hosts name jobs on stages
    steps image pipeline variables workflow workflows trigger pool resources
    deploy build volumes networks containers replicas template selector data
    tasks roles vars become include script env environment ports args command
    targets global scrape_configs rule_files rules default stage runs-on uses
    with run strategy before_script after_script handlers gather_facts
    remote_user
    """
)

_YAML_LINE = re.compile(r"(?:- +)?[a-z_][\w.\-/]*:(?:[ \t]+\S.*)?")
_GROOVY_OPEN = re.compile(
    r"(?:pipeline|node|stages|stage|steps|post|agent|environment|script|parallel"
    r"|options|tools|triggers|parameters|always|success|failure)\b[^{}]*\{"
)
# A gap between aligned columns: two or more spaces between non-spaces.
GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
# "cmd --> what it does": the first arrow, " : " or " - " splits it.
# Starts only at the beginning of a run of blanks and takes it whole (`++`),
# so a long run is scanned once: linear, no backtracking.
_CMD_SEPARATOR = re.compile(r"(?<![ \t])[ \t]++(?:-{1,3}>|={1,3}>|:|-|\u2013|\u2014)[ \t]+")


# Lines whose first word is one of these are worth a closer look.
_CODE_STARTERS = COMMANDS | DOCKER_INSTRUCTIONS | {"$"}


def looks_like_command(text: str) -> bool:
    """True for a shell command line ("docker run -d nginx"), not a sentence."""
    if text.startswith("$ "):
        return True
    words = text.split()
    if words and words[0] == "sudo":
        words = words[1:]
    if not words or words[0] not in COMMANDS:
        return False
    if len(words) == 1:
        return words[0] in BARE_COMMANDS
    second = words[1]
    if second in PROSE_SECOND or second[0].isupper() or _VERBS.intersection(words[2:4]):
        return False
    last = text[-1]
    return last != "?" and not (last == "." and not any(w[0] == "-" for w in words))


def split_command_definition(text: str) -> tuple[str, str, str] | None:
    """Split "cmd --> what it does" into (cmd, separator, description)."""
    match = _CMD_SEPARATOR.search(text)
    if match is None:
        return None
    command, description = text[: match.start()], text[match.end() :]
    if not description:
        return None
    first = command.split(None, 1)[0] if command.strip() else ""
    if looks_like_command(command) or (command.strip() == first and first in COMMANDS):
        return command, match.group().strip(), description
    if first in DOCKER_INSTRUCTIONS and command.strip() == first:
        return command, match.group().strip(), description
    return None


def code_hint(text: str) -> str:
    """Guess what code `text` (one stripped line) could be; "" for prose."""
    first = text.partition(" ")[0]
    # Fast exit first: almost every line of notes is prose.
    if first in _CODE_STARTERS:
        if first in DOCKER_INSTRUCTIONS and first != text:
            second = text[len(first) :].split(None, 1)[0]
            if second not in PROSE_SECOND and "->" not in text and "=>" not in text:
                return DOCKER
        if ("->" in text or "=>" in text or " : " in text or " - " in text) and (
            split_command_definition(text)
        ):
            return CMD
        if looks_like_command(text):
            return BASH
    if text[-1] == "{" and _GROOVY_OPEN.match(text):
        return GROOVY
    if is_yaml_line(text):
        return YAML
    if "  " in text:
        gaps = len(GAP.findall(text))
        if gaps >= 2 and text.upper() == text and any(c.isalpha() for c in text):
            return TABLE
        if gaps:
            return ROW
    return ""


def is_yaml_line(text: str) -> bool:
    """`key: value`, `key:` or `- key: value` (a YAML-looking line)."""
    return ":" in text and _YAML_LINE.fullmatch(text) is not None


def column_starts(text: str) -> set[int]:
    """Offsets where an aligned column starts (after each run of 2+ spaces)."""
    return {m.end() for m in GAP.finditer(text)}
