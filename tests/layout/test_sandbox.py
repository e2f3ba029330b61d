"""A template from a shared region pack can neither reach Python, nor read a file outside
the project, nor run for hours: it is given plain frozen data in an immutable sandbox
with bounded arithmetic."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import ItemsView, KeysView, ValuesView
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2.runtime import LoopContext, Macro, Namespace, Undefined
from markupsafe import Markup

from conftest import REPO, line_of
from conftest import write as write_file
from modul.content.loading import load_project
from modul.content.source import ProblemList
from modul.layout import sandbox, templates
from modul.layout.data import Items, Record
from modul.layout.documents import template_context


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_file(path, text)


LABELS = {"objectives": "Tujuan", "number": "No."}


@pytest.fixture(scope="module")
def editions():
    return load_project(REPO).editions


@pytest.fixture(scope="module")
def context(editions):
    edition = editions["ntt"]
    return template_context(REPO, edition, next(iter(edition.roles)), LABELS, roster=[])


def render(folder: Path, text: str, context: dict, root: Path | None = None) -> str:
    write(folder / "t.xml.j2", text)
    env = sandbox.environment((folder,), root or folder)
    return templates.render(env, "t.xml.j2", context, root or folder)


def refused(folder: Path, text: str, context: dict) -> str:
    with pytest.raises(ProblemList) as caught:
        render(folder, text, context)
    [problem] = caught.value.problems
    assert problem.file == "t.xml.j2"
    return problem.message


def plain(value: object) -> bool:
    if isinstance(value, Record):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, Items):
        return all(plain(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


@pytest.mark.parametrize("edition", ["nasional", "ntt", "ntb-mitra"])
def test_templates_are_given_plain_data_only(editions, edition):
    """No model object, function or module: records, items, texts and numbers."""
    edition = editions[edition]
    for role in edition.roles:
        context = template_context(REPO, edition, role, LABELS, kit={"a": {"b": 1}}, roster=[])
        assert {"role", "workshop", "worksheet", "region", "t"} <= set(context)
        assert all(plain(v) for v in context.values()), role


@pytest.mark.parametrize(
    ("attack", "refusal"),
    [
        # The route of the report: a model's old parse-from-string method unpickles.
        (
            "{{ workshop.parse_raw('x', content_type='pickle', allow_pickle=True) }}",
            "has no attribute 'parse_raw'",
        ),
        ("{{ role.parse_file('/etc/passwd') }}", "has no attribute 'parse_file'"),
        ("{{ workshop.model_config }}", "has no attribute 'model_config'"),
        ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str'"),
        ("{{ role.__class__ }}", "access to attribute '__class__' of 'Record'"),
        ("{{ role._items }}", "access to attribute '_items'"),
        ("{{ '{0.__class__.__mro__}'.format(role) }}", "access to attribute 'format'"),
        ("{{ t.objectives.format_map({}) }}", "access to attribute 'format_map'"),
        ("{{ '{:>999999999}'.format(1) }}", "access to attribute 'format'"),
        ("{{ role.items().mapping }}", "'mapping'"),
        ("{{ role.tes.index }}", "access to attribute 'index' of 'Items'"),
        ("{{ range.__globals__ }}", "access to attribute '__globals__'"),
        ("{{ dict['x'] }}", "'dict' is undefined"),
        ("{{ namespace.__init__ }}", "access to attribute '__init__'"),
        ("{{ lipsum() }}", "'lipsum' is undefined"),
        ("{{ cycler }}", "'cycler' is undefined"),
        ("{{ t.objectives|attr('__class__') }}", "access to attribute '__class__'"),
        ("{{ t.objectives.encode() }}", "access to attribute 'encode'"),
        ("{{ 1 // 0 }}", "ZeroDivisionError"),
        ("{{ 'a b'.split().append('c') }}", "access to attribute 'append' of 'list'"),
    ],
)
def test_a_template_cannot_reach_python(tmp_path, context, attack, refusal):
    message = refused(tmp_path, f"<p>\n{attack}</p>", context)
    assert message.startswith("template error"), message
    assert refusal in message, message


@pytest.mark.parametrize(
    "attack",
    [
        "{{ 2 ** (10 ** 9) }}",
        "{{ 9 ** (9 ** 9) }}",
        "{{ 'a' * 10 ** 9 }}",
        "{{ [1] * 10 ** 9 }}",
        "{{ ('ab' + 'c') * 999999999 }}",
        "{% set ns = namespace(n=3) %}{% for i in range(64) %}{% set ns.n = ns.n * ns.n %}"
        "{% endfor %}{{ ns.n }}",
        "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        "{% set ns = namespace(s=['ab']) %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        "{{ 'x'|center(10 ** 9) }}",
        "{{ 'x'|indent(10 ** 9) }}",
        "{{ [1]|batch(10 ** 9, 0)|list }}",
        "{{ 'ab'|replace('', 'x' * 10000000) }}",
        "{{ '%999999999d' % 1 }}",
        "{{ '%.999999999f'|format(1) }}",
        "{{ role.nama * 999999999 }}",
    ],
)
def test_arithmetic_and_repetition_are_bounded(tmp_path, context, attack):
    message = refused(tmp_path, f"<p>\n{attack}</p>", context)
    assert any(
        words in message
        for words in ("longer than", "too large to print", "pads to more than", "counts to more")
    ), message


def test_ordinary_arithmetic_and_text_still_work(tmp_path, context):
    text = render(
        tmp_path,
        "{{ 2 ** 10 }} {{ 'ab' * 3 }} {{ '%05.1f' % 2.5 }} {{ t.objectives|upper }} "
        "{{ role.tes|length + 1 }} {{ (role.tes + role.kuis)|length }} "
        "{{ worksheet.by_kind.ekspektasi_realita.kode }} {{ t.get('nothing', '-') }} "
        "{{ role.tugas_utama[0].split()|first }}",
        context,
    )
    role = context["role"]
    tes, kuis = role["tes"], role["kuis"]
    assert text.split() == [
        "1024",
        "ababab",
        "002.5",
        "TUJUAN",
        str(len(tes) + 1),
        str(len(tes) + len(kuis)),
        context["worksheet"]["by_kind"]["ekspektasi_realita"]["kode"],
        "-",
        role["tugas_utama"][0].split()[0],
    ]


def test_a_partial_linked_outside_the_project_is_refused(tmp_path, context):
    secret = tmp_path / "elsewhere" / "secret.txt"
    write(secret, "PASSWORD=hunter2")
    layout = tmp_path / "project" / "layouts" / "default"
    layout.mkdir(parents=True)
    (layout / "_part.xml.j2").symlink_to(secret)
    with pytest.raises(ProblemList) as caught:
        render(layout, "<p>{% include '_part.xml.j2' %}</p>", context, tmp_path / "project")
    [problem] = caught.value.problems
    assert problem.file == "layouts/default/_part.xml.j2"
    assert f"links outside the project, to {secret}" in problem.message
    assert "hunter2" not in str(problem)
    assert "copy the file into the project" in problem.hint


def test_a_link_inside_the_project_is_followed(tmp_path, context):
    layout = tmp_path / "layouts" / "default"
    write(tmp_path / "layouts" / "shared" / "part.xml.j2", "<b>{{ t.number }}</b>")
    layout.mkdir(parents=True)
    (layout / "_part.xml.j2").symlink_to(tmp_path / "layouts" / "shared" / "part.xml.j2")
    assert render(layout, "<p>{% include '_part.xml.j2' %}</p>", context, tmp_path) == (
        "<p><b>No.</b></p>"
    )


def test_a_region_template_running_a_command_stops_modul_check_at_its_line(tmp_path):
    """End to end, as a trainer meets it: the override of a shared region pack."""
    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    marker = tmp_path / "pwned"
    attack = (
        "{{ workshop.parse_raw(\"cos\\nsystem\\n(S'touch " + str(marker) + "'\\ntR.\", "
        "content_type='pickle', allow_pickle=True) }}"
    )
    template = project / "content/regions/ntt/layout/handout.xml.j2"
    text = (project / "layouts/default/handout.xml.j2").read_text(encoding="utf-8")
    write(template, text.replace("<h1>{{ t.objectives }}</h1>", f"<h1>{attack}</h1>", 1))
    done = subprocess.run(
        [sys.executable, "-m", "modul", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert not marker.exists()
    where = f"content/regions/ntt/layout/handout.xml.j2:{line_of(template.read_text(), attack)}"
    assert where in done.stderr and "parse_raw" in done.stderr
    assert "Traceback" not in done.stderr


# Names a template might try, from the model, Python's internals and Jinja's helpers.
NAMES = [
    "__class__", "__mro__", "__subclasses__", "__init__", "__globals__", "__builtins__",
    "__dict__", "__self__", "__func__", "__code__", "__getitem__", "__reduce__", "_items",
    "mro", "gi_frame", "f_globals", "func_globals", "im_func", "parse_raw", "parse_file",
    "model_config", "model_fields", "model_dump", "copy", "json", "schema", "construct",
    "format", "format_map", "encode", "join", "items", "keys", "values", "get", "mapping",
    "index", "count", "upper", "split", "nama", "tes", "sesi", "bagian", "by_id", "cycle",
    "changed", "arguments", "os", "system", "popen", "open", "read",
]  # fmt: skip
ROOTS = ["role", "workshop", "worksheet", "region", "t", "kit", "roster", "range",
         "namespace", "dict", "''", "ns", "loop", "m"]  # fmt: skip
CALLS = ["", "()", "('x')", "(0)", "[0]", "['__class__']"]
# What a template may hold once it has read an attribute: plain data, the string methods
# allowed, a record's reading methods and their views, Jinja's loop, namespace and macros.
# A list comes from `str.split`: the immutable sandbox refuses each method that changes it.
ALLOWED = (
    ItemsView,
    KeysView,
    ValuesView,
    Record,
    Items,
    tuple,
    list,
    str,
    int,
    float,
    bool,
    type(None),
    Markup,
    LoopContext,
    Namespace,
    Macro,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    root=st.sampled_from(ROOTS),
    chain=st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(CALLS)), min_size=1),
)
def test_no_chain_of_attributes_reaches_python_internals(tmp_path_factory, context, root, chain):
    """Whatever a template reads, it holds only plain data or Jinja's own helpers."""
    folder = tmp_path_factory.mktemp("chain")
    seen: list[object] = []
    expression = root + "".join(f".{name}{call}" for name, call in chain)
    source = (
        "{% macro m() %}{% endmacro %}{% set ns = namespace(a=1) %}"
        "{% for _ in [1] %}{% set v = " + expression + " %}{{ keep(v) }}{% endfor %}"
    )
    env = sandbox.environment((folder,), folder)
    env.globals["keep"] = seen.append  # the test's own probe, never modul's
    write(folder / "t.xml.j2", source)
    try:
        templates.render(env, "t.xml.j2", context, folder)
    except ProblemList:
        return  # refused, undefined or a type error: all at the template's line
    [value] = seen
    if isinstance(value, Undefined):
        return  # refused: any use of it is an error
    held = value.__self__ if callable(value) and hasattr(value, "__self__") else value
    assert isinstance(held, ALLOWED), (expression, type(value))
    if callable(value) and isinstance(held, Record | str):
        assert value.__name__ in sandbox.RECORD_METHODS | sandbox.STRING_METHODS
