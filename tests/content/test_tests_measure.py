"""Tes Awal and Tes Akhir that measure (issue 28, points 2 and 3): enough questions of
four choices, distractors as long as the key, no question that copies a statement of a
participant's sheet (LK-1 to LK-5), no two roles' keys that contradict each other, and a
Tes Akhir whose questions and choices are shuffled with the guide's key following them
(read back from the PDFs). That they fit one side: tests/typeset/test_tests_one_side.py."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from conftest import REPO, pdf_path, pdf_text
from modul.content.loading import load_project
from modul.content.model import Role

ROLES = [
    "konselor-pemberdayaan-masyarakat",
    "konsultan-kelompok-masyarakat",
    "konsultan-pemberdayaan-masyarakat",
]
LETTERS = "abcd"
NEAR_COPY = 0.6  # difflib ratio from which a question copies a worksheet statement


def roles() -> dict[str, Role]:
    return dict(load_project(REPO).national.roles)


def sheet_statements(role: Role) -> list[str]:
    """What a participant of `role` reads on the sheets handed out around the tests: LK-1's
    expectations, LK-2's true/false statements (and the beliefs they come from), LK-4's
    self-assessment statements, and every sentence content/worksheet.yaml prints (aims,
    instructions, score bands)."""
    plan = load_project(REPO).national.worksheet
    printed = [text for part in plan.bagian for text in (part.tujuan, *part.petunjuk)]
    printed += [band.arti for band in plan.pedoman_skor]
    return [
        *(pair.ekspektasi for pair in role.ekspektasi_realita),
        *(statement.pernyataan for statement in role.penilaian_diri),
        *(question.pernyataan for question in role.kuis),
        *(belief.klaim for belief in role.miskonsepsi),
        *printed,
    ]


def flat(text: str) -> str:
    return " ".join(text.split())


def right_choice(item) -> str:
    return item.pilihan[LETTERS.index(item.jawaban)]


@pytest.mark.parametrize("slug", ROLES)
def test_ten_to_fifteen_questions_of_four_choices_one_key(slug):
    items = roles()[slug].tes
    assert 10 <= len(items) <= 15
    for item in items:
        assert len(item.pilihan) == 4, item.soal
        assert len({flat(c).lower() for c in item.pilihan}) == 4, item.soal
        assert item.jawaban in LETTERS


@pytest.mark.parametrize("slug", ROLES)
def test_the_key_is_seldom_the_longest_choice_and_its_letter_varies(slug):
    items = roles()[slug].tes
    longest = [
        item.soal
        for item in items
        if len(right_choice(item)) > max(len(c) for c in item.pilihan if c != right_choice(item))
    ]
    assert len(longest) <= 0.25 * len(items), longest
    for test in (items, roles()[slug].tes_akhir):  # a guess banks on no letter in either
        letters = [item.jawaban for item in test]
        assert max(letters.count(x) for x in LETTERS) <= len(items) / 4 + 1, letters


@pytest.mark.parametrize("slug", ROLES)
def test_no_question_or_choice_copies_a_statement_of_a_worksheet(slug):
    role = roles()[slug]
    sheets = sheet_statements(role)
    assert len(sheets) > 20  # LK-1, LK-2, LK-3 and worksheet.yaml's sentences were read
    for item in role.tes:
        for text in (item.soal, *item.pilihan):
            for statement in sheets:
                ratio = difflib.SequenceMatcher(None, text.lower(), statement.lower()).ratio()
                assert ratio < NEAR_COPY, (round(ratio, 2), text, statement)


def test_no_stem_asks_for_the_reality_against_a_belief():
    """ "… Bagaimana kenyataannya?" told the participant the belief was wrong."""
    for role in roles().values():
        for item in role.tes:
            assert "kenyataan" not in item.soal.lower(), item.soal


# Claims about how a profession works: where two roles' seeds compare themselves with the
# same profession, they describe it differently (pekerja sosial: "struktural dan
# sistemik" for the Konselor, "intervensi langsung dan dukungan emosional" for the
# Konsultan Pemberdayaan). A key may not make either claim the right answer.
CLAIMS = ("struktural", "sistem", "aturan", "intervensi", "emosional", "langsung", "kebijakan")


def test_no_key_makes_a_contested_claim_about_a_profession_two_roles_compare_with():
    everyone = roles()
    named: dict[str, list[str]] = {}
    for slug, role in everyone.items():
        for comparison in role.perbedaan_profesi:
            named.setdefault(comparison.profesi.lower(), []).append(slug)
    shared = [profession for profession, slugs in named.items() if len(slugs) > 1]
    assert shared  # the seeds do compare two roles with pekerja sosial
    for role in everyone.values():
        for item in role.tes:
            key = right_choice(item).lower()
            for profession in shared:
                if profession in key or profession in item.soal.lower():
                    assert not [w for w in CLAIMS if w in key], (item.soal, key)


def test_roles_that_share_a_profession_agree_on_the_key_about_it():
    """The item on pekerja sosial has the same key in every role that asks it: the two
    share the aim and differ in how they work, not in a claim one role denies."""
    keys = [
        flat(right_choice(item)).lower()
        for role in roles().values()
        for item in role.tes
        if "pekerja sosial" in item.soal.lower()
    ]
    assert len(keys) >= 2
    assert all("sama" in key and "berbeda" in key for key in keys), keys
    assert len(set(keys)) == 1, keys


SAME_CLAIM = 0.8  # difflib ratio from which two choices make the same claim


def test_no_key_of_one_role_is_a_wrong_choice_in_another():
    """A participant of two trainings (or a facilitator of both) never finds a sentence
    scored right in one role's test and wrong in another's."""
    everyone = roles()
    for slug, role in everyone.items():
        keys = [flat(right_choice(item)).lower() for item in role.tes]
        for other_slug, other in everyone.items():
            if other_slug == slug:
                continue
            for item in other.tes:
                wrong = [flat(c).lower() for c in item.pilihan if c != right_choice(item)]
                for key in keys:
                    for choice in wrong:
                        ratio = difflib.SequenceMatcher(None, key, choice).ratio()
                        assert ratio < SAME_CLAIM, (slug, key, other_slug, choice)


# --- read back from the PDFs -------------------------------------------------------------


def printed_test(path: Path, count: int) -> list[tuple[str, dict[str, str]]]:
    """The questions of a printed test in order: each its stem and its choices by letter."""
    text = pdf_text(path)
    text = text[text.index("Kerjakan sendiri.") :]
    starts = [text.index(" 1. ")]
    for n in range(2, count + 1):
        starts.append(text.index(f" {n}. ", starts[-1]))
    starts.append(len(text))
    questions = []
    for n in range(count):
        part = text[starts[n] + len(f" {n + 1}. ") : starts[n + 1]]
        cuts = [part.index(" a. ")]
        for letter in "bcd":
            cuts.append(part.index(f" {letter}. ", cuts[-1]))
        cuts.append(len(part))
        choices = {
            letter: part[cuts[i] + 4 : cuts[i + 1]].strip() for i, letter in enumerate(LETTERS)
        }
        questions.append((part[: cuts[0]].strip(), choices))
    return questions


@pytest.mark.parametrize("slug", ROLES)
def test_the_tes_akhir_shuffles_questions_and_choices_and_the_guide_key_follows(built, slug):
    role = load_project(built).national.roles[slug]
    count = len(role.tes)
    awal = printed_test(pdf_path(built, slug, "tes-awal.pdf"), count)
    akhir = printed_test(pdf_path(built, slug, "tes-akhir.pdf"), count)
    guide = pdf_text(pdf_path(built, slug, "panduan-fasilitator.pdf"))
    key = guide[guide.index("Kunci Tes Akhir Soal") :]
    after_numbers = []
    for number, (stem, choices) in enumerate(awal, 1):
        row = re.search(rf"\b{number} ([a-d]) (\d+) ([a-d]) {re.escape(stem)}", key)
        assert row, (number, stem)
        before, after, later = row[1], int(row[2]), row[3]
        after_numbers.append(after)
        item = role.tes[number - 1]
        assert choices[before] == flat(right_choice(item))  # the Tes Awal key is the content's
        stem_after, choices_after = akhir[after - 1]
        assert stem_after == stem
        assert choices_after[later] == choices[before]  # both keys name the same text
        assert sorted(choices_after.values()) == sorted(choices.values())
        assert list(choices_after.values()) != list(choices.values())  # shuffled
    assert sorted(after_numbers) == list(range(1, count + 1))
    assert all(after != before for before, after in enumerate(after_numbers, 1))


def test_the_tes_akhir_shuffles_the_questions_with_none_at_its_number():
    """A shuffle, not the second half first: no question keeps its number, and no fixed
    shift moves them all (a participant cannot count their way from one test to the other)."""
    for role in roles().values():
        numbers = role.tes_akhir_numbers
        count = len(numbers)
        assert sorted(numbers) == list(range(1, count + 1))
        assert all(after != before for before, after in enumerate(numbers, 1))
        shifts = {(after - before) % count for before, after in enumerate(numbers, 1)}
        assert len(shifts) >= count // 3, (role.nama, numbers)  # a rotation has one
        assert [item.soal for item in role.tes_akhir] == [
            role.tes[numbers.index(n)].soal for n in range(1, count + 1)
        ]
