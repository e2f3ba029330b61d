"""Loading and validating content: seed sentences, and every mistake a trainer can make."""

from __future__ import annotations

import pytest

import conftest
from conftest import REPO, ROLE_OF_SEED, SEEDS, seed_sentences, write
from modul.content.loading import load_project


def problems_of(root) -> list:
    return conftest.problems_of(root, load_project)


def one_problem(root):
    return conftest.one_problem(root, load_project)


def test_shipped_content_loads_with_three_roles():
    project = load_project(REPO)
    assert sorted(project.roles) == sorted(ROLE_OF_SEED.values())


def test_seed_copies_match_the_shared_originals():
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip(
            "../shared/seeds, the original source texts, is not beside this checkout: "
            "the team's shared folder has it (tests/data/seeds are their copies)"
        )
    for seed in SEEDS.glob("*.txt"):
        assert seed.read_bytes() == (shared / seed.name).read_bytes()


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_sentence_is_in_its_role_file_word_for_word(seed):
    role = load_project(REPO).roles[ROLE_OF_SEED[seed.name[:3]]]
    fields = role.model_dump()
    texts = []
    for value in fields.values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            texts += list(item.values()) if isinstance(item, dict) else [item]
    # Sentences split over two fields (claim, truth) are joined back with one space.
    joined = " ".join(str(t) for t in texts if t)
    for sentence in seed_sentences(seed):
        assert sentence in joined, sentence


def test_broken_yaml_names_file_line_and_column(project):
    path = project / "content" / "roles" / "konsultan-kelompok-masyarakat.yaml"
    write(path, "nama: Konsultan\ndeskripsi: [satu,\n")
    problem = one_problem(project)
    assert problem.file == "content/roles/konsultan-kelompok-masyarakat.yaml"
    assert problem.line == 3 and "YAML syntax error" in problem.message


def test_unknown_key_suggests_the_right_one(project):
    path = project / "content" / "roles" / "konsultan-kelompok-masyarakat.yaml"
    text = path.read_text(encoding="utf-8").replace("tugas_utama:", "tugas_utma:")
    write(path, text)
    line = text.splitlines().index("tugas_utma:") + 1
    unknown = one_problem(project)  # not also "tugas_utama is missing"
    assert (unknown.line, unknown.column) == (line, 1)
    assert "`tugas_utma`" in unknown.message and "did you mean `tugas_utama`?" in unknown.hint


@pytest.mark.parametrize("written", ["tugas utama:", "tugas-utama:", "tugas_utama::"])
def test_a_key_written_with_a_space_hyphen_or_two_colons_is_an_unknown_key(project, written):
    """Such keys are no Python names: they stopped modul with 'bug in modul'."""
    path = project / "content" / "roles" / "konsultan-kelompok-masyarakat.yaml"
    text = path.read_text(encoding="utf-8").replace("tugas_utama:", written)
    write(path, text)
    unknown = one_problem(project)
    assert (unknown.line, unknown.column) == (text.splitlines().index(written) + 1, 1)
    assert unknown.message == f"unknown key `{written[:-1]}`"
    assert unknown.hint == "did you mean `tugas_utama`?"


@pytest.mark.parametrize("written", ["5", "true", "null", "2026-01-01", "? [a, b]\n"])
def test_a_key_that_is_no_word_is_an_unknown_key_at_its_line(project, written):
    path = project / "content" / "roles" / "konsultan-kelompok-masyarakat.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("tugas_lain:") + 1
    write(path, text.replace("tugas_lain:", f"{written}: x\ntugas_lain:"))
    unknown = one_problem(project)
    assert unknown.line == line
    assert unknown.message == f"unknown key `{written if written[0] != '?' else ('a', 'b')}`"
    assert unknown.hint.startswith("allowed keys here: nama, deskripsi, tugas_utama")


def test_a_misspelt_key_deep_in_a_list_with_a_space_is_located(project):
    path = project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8").replace(" fasilitator:", " fasili tator:", 1)
    write(path, text)
    problem = one_problem(project)
    assert problem.message == "unknown key `sesi.0.langkah.0.fasili tator`"
    assert problem.line == next(
        number for number, ln in enumerate(text.splitlines(), 1) if "fasili tator:" in ln
    )
    assert "did you mean `fasilitator`?" in problem.hint


def test_unknown_key_deep_in_a_list_is_located(project):
    path = project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8").replace(" fasilitator:", " fasiltator:", 1)
    write(path, text)
    problem = one_problem(project)
    assert problem.message.startswith("unknown key `sesi.0.langkah.0.fasiltator`")
    assert (
        problem.line
        == text.splitlines().index(next(ln for ln in text.splitlines() if "fasiltator:" in ln)) + 1
    )
    assert "did you mean `fasilitator`?" in problem.hint


def test_missing_required_field_is_reported(project):
    path = project / "content" / "workshop.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    write(path, "\n".join(ln for ln in lines if not ln.startswith("penyelenggara:")))
    problem = one_problem(project)
    assert "required key `penyelenggara` is missing" in problem.message


def test_number_where_text_belongs_asks_for_quotes(project):
    path = project / "content" / "roles" / "konselor-pemberdayaan-masyarakat.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "nama: Konselor Pemberdayaan Masyarakat", "nama: 2026"
    )
    write(path, text)
    problem = one_problem(project)
    assert "`nama`: expected text" in problem.message and "quotes" in problem.hint
    assert problem.line == text.splitlines().index("nama: 2026") + 1


def test_session_minutes_must_add_up_to_the_total(project):
    total = load_project(project).national.workshop.total_menit
    wrong = f"total_menit: {total - 30}"
    path = project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8").replace(f"total_menit: {total}", wrong)
    write(path, text)
    problem = one_problem(project)
    assert (
        f"the sessions add up to {total} minutes, but total_menit is {total - 30}"
        in problem.message
    )
    assert problem.line == text.splitlines().index(wrong) + 1


def test_step_minutes_must_add_up_to_the_session(project):
    minutes = load_project(project).national.workshop.sesi[0].menit
    path = project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8")
    first_session_minutes = next(
        ln
        for ln in text.splitlines()
        if ln.strip().startswith("menit:") and ln.startswith("    menit")
    )
    assert first_session_minutes == f"    menit: {minutes}"
    write(path, text.replace(first_session_minutes, f"    menit: {minutes + 1}", 1))
    messages = [p.message for p in problems_of(project)]
    assert any(
        f"add up to {minutes} minutes, but the session has menit: {minutes + 1}" in m
        for m in messages
    ), messages


def test_unknown_worksheet_part_reference(project):
    path = project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8").replace("- apakah-saya-cocok", "- apakah-cocok", 1)
    write(path, text)
    problem = one_problem(project)
    assert "unknown worksheet part `apakah-cocok`" in problem.message
    assert "apakah-saya-cocok" in problem.hint


def test_duplicate_key_tab_and_encoding_problems(project):
    roles = project / "content" / "roles"
    write(roles / "konsultan-kelompok-masyarakat.yaml", "nama: A\nnama: B\n")
    write(roles / "konselor-pemberdayaan-masyarakat.yaml", "nama: A\ndeskripsi:\n\t- x\n")
    (roles / "konsultan-pemberdayaan-masyarakat.yaml").write_bytes(b"nama: Caf\xe9\n")
    problems = problems_of(project)
    by_file = {p.file.rsplit("/", 1)[-1]: p for p in problems}
    assert "duplicate key" in by_file["konsultan-kelompok-masyarakat.yaml"].message
    assert "tab character" in by_file["konselor-pemberdayaan-masyarakat.yaml"].message
    assert by_file["konselor-pemberdayaan-masyarakat.yaml"].line == 3
    assert "not saved as UTF-8" in by_file["konsultan-pemberdayaan-masyarakat.yaml"].message
    assert problems == sorted(problems), "problems are reported sorted by file and line"


def test_bom_and_windows_line_ends_are_accepted(project):
    path = project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert load_project(project).national.workshop == load_project(REPO).national.workshop


def test_empty_file_and_missing_file(project):
    write(project / "content" / "worksheet.yaml", "")
    (project / "content" / "workshop.yaml").unlink()
    messages = {p.file: p.message for p in problems_of(project)}
    assert messages["content/worksheet.yaml"] == "the file is empty"
    assert messages["content/workshop.yaml"] == "file not found"


def test_adding_a_role_is_one_yaml_file(project):
    roles = project / "content" / "roles"
    source = (roles / "konselor-pemberdayaan-masyarakat.yaml").read_text(encoding="utf-8")
    write(
        roles / "pendamping-desa.yaml",
        source.replace("nama: Konselor Pemberdayaan Masyarakat", "nama: Pendamping Desa"),
    )
    assert load_project(project).roles["pendamping-desa"].nama == "Pendamping Desa"


def test_bad_role_file_name(project):
    roles = project / "content" / "roles"
    (roles / "konselor-pemberdayaan-masyarakat.yaml").rename(roles / "Konselor Baru.yaml")
    problem = one_problem(project)
    assert problem.file == "content/roles/Konselor Baru.yaml"
    assert "lowercase" in problem.hint


def test_wrong_values_name_the_value_and_the_choices(project):
    path = project / "content" / "roles" / "konselor-pemberdayaan-masyarakat.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    terbalik: true", "    terbalik: ya", 1)
    text = text.replace("jawaban: salah", "jawaban: keliru", 1)
    write(path, text)
    problems = {p.message.split("`")[1]: p for p in problems_of(project)}
    assert problems["kuis.0.jawaban"].message.endswith("`keliru` is not allowed here")
    assert "'benar' or 'salah'" in problems["kuis.0.jawaban"].hint
    reversed_item = next(k for k in problems if k.endswith(".terbalik"))
    assert problems[reversed_item].message.endswith("expected true or false")


def test_text_where_a_mapping_belongs(project):
    path = project / "content" / "roles" / "konselor-pemberdayaan-masyarakat.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "ekspektasi_realita:\n", "ekspektasi_realita:\n  - hanya teks\n", 1
    )
    write(path, text)
    problem = one_problem(project)
    assert problem.message == "`ekspektasi_realita.0`: expected keys with values"
    assert problem.line == text.splitlines().index("  - hanya teks") + 1


def test_a_file_read_again_is_parsed_again_only_when_its_text_changed(tmp_path):
    """Parsed trees are kept for files every edition reads (theme, labels); a file saved
    with new text (modul watch, modul serve) is read anew."""
    from modul.content.source import read_yaml

    path = tmp_path / "theme.yaml"
    path.write_text("kertas: A4\n", encoding="utf-8")
    first, again = read_yaml(path, tmp_path), read_yaml(path, tmp_path)
    assert again is first
    path.write_text("kertas: F4\n", encoding="utf-8")
    assert read_yaml(path, tmp_path).plain() == {"kertas": "F4"}
    other = tmp_path / "other"
    other.mkdir()
    (other / "theme.yaml").write_text("kertas: A4\n", encoding="utf-8")
    assert read_yaml(other / "theme.yaml", other).plain() == {"kertas": "A4"}


def merged_steps(text: str, merged: str) -> str:
    """workshop.yaml whose third step of the first session takes its minutes from the
    second (`<<: *sepuluh`); `merged` is what the anchor marks."""
    second = "      - menit: 10\n        fasilitator: >-\n          Ajak"
    third = "      - menit: 10\n        fasilitator: >-\n          Bagikan dua"
    assert second in text and third in text
    text = text.replace(
        second, f"      - &sepuluh\n        {merged}\n        fasilitator: >-\n          Ajak", 1
    )
    return text.replace(
        third, "      - <<: *sepuluh\n        fasilitator: >-\n          Bagikan dua", 1
    )


def test_merge_keys_read_as_if_the_keys_were_written_out(project):
    """A trainer who knows YAML may write `<<: *name`; it stopped modul with 'bug in
    modul'. The keys it brings in are found at the lines where they are written."""
    path = project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8")
    write(path, merged_steps(text, "menit: 10"))
    assert load_project(project).national.workshop == load_project(REPO).national.workshop
    write(path, merged_steps(text, "menit: sepuluh"))
    problems = problems_of(project)
    anchored = merged_steps(text, "menit: sepuluh").splitlines().index("        menit: sepuluh") + 1
    assert {(p.message, p.line) for p in problems} >= {
        ("`sesi.0.langkah.1.menit`: expected a whole number", anchored),
        ("`sesi.0.langkah.2.menit`: expected a whole number", anchored),
    }


def test_a_merge_key_of_a_list_is_refused_at_its_line(project):
    path = project / "content" / "workshop.yaml"
    text = path.read_text(encoding="utf-8").replace("tujuan:\n", "tujuan: &tujuan\n", 1)
    text = text.replace("  - id: pembukaan\n", "  - id: pembukaan\n    <<: *tujuan\n", 1)
    write(path, text)
    problem = one_problem(project)
    assert problem.message == (
        "`<<:` can only bring in keys with values (key: value), not a list or a text"
    )
    assert (problem.line, problem.column) == (text.splitlines().index("    <<: *tujuan") + 1, 5)
    assert "`<<: *name`" in problem.hint
