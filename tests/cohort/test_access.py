"""Access codes: their shape, what is kept on disk, checking them, and the printed handout."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from qikit.cohort import access
from qikit.cohort.access import (
    ACCESS_FILE,
    HANDOUT_FILE,
    MENTORS,
    SURVEY,
    TRAINERS,
    area_for_notebook_path,
    area_is_granted,
    ensure_codes,
    issue_codes,
    normalise_code,
    read_cohort_listing,
    verify,
)
from qikit.errors import DataError
from qikit.server.policy import NOBODY, PUBLIC, TriesLimiter, required_area, safe_next

CODE_SHAPE = re.compile(
    r"^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$"
)


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    folder = tmp_path / "cohort"
    for slug in ("ward-3-porters", "domestic"):
        (folder / "teams" / slug).mkdir(parents=True)
    (folder / "cohort.yaml").write_text(
        "cohort: Support <services> 2027\n"
        "teams:\n"
        "  - name: Ward 3 <script>alert(1)</script> & porters\n"
        "    slug: ward-3-porters\n"
        "  - name: Domestic\n",
        encoding="utf-8",
    )
    return folder


def test_codes_are_three_groups_of_four_without_look_alikes() -> None:
    """Is every code three groups of four from an alphabet with no 0, O, 1, I or L?"""
    codes = {access.generate_code() for _ in range(300)}
    assert len(codes) == 300
    for code in codes:
        assert CODE_SHAPE.match(code), code
        assert not set(code) & set("0O1IL")


def test_only_hashes_are_on_disk(cohort: Path) -> None:
    """Does access.json hold salted hashes and never the plain code?"""
    codes = issue_codes(cohort, ["team:ward-3-porters", MENTORS, TRAINERS])
    text = (cohort / ACCESS_FILE).read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["format"] == "qikit-access"
    assert document["version"] == 1
    assert set(document["areas"]) == {"team:ward-3-porters", MENTORS, TRAINERS}
    for code in codes.values():
        for form in (code, normalise_code(code), code.lower()):
            assert form not in text
    salts = {entry["salt"] for entry in document["areas"].values()}
    assert len(salts) == 3  # one random salt per code
    assert all(entry["kdf"] == "scrypt" for entry in document["areas"].values())


@pytest.mark.parametrize("name", [ACCESS_FILE, HANDOUT_FILE])
def test_files_are_private(cohort: Path, name: str) -> None:
    """Are access.json and the handout readable by their owner only (mode 0600)?"""
    issue_codes(cohort, [MENTORS])
    mode = stat.S_IMODE((cohort / name).stat().st_mode)
    assert mode == 0o600


def test_verify_accepts_the_code_and_refuses_others(cohort: Path) -> None:
    """Does the right code open its own area only?"""
    codes = issue_codes(cohort, ["team:ward-3-porters", "team:domestic"])
    assert verify(cohort, "team:ward-3-porters", codes["team:ward-3-porters"])
    assert not verify(cohort, "team:ward-3-porters", codes["team:domestic"])
    assert not verify(cohort, "team:ward-3-porters", "")
    assert not verify(cohort, "team:ward-3-porters", "AAAA-BBBB-CCCC")
    assert not verify(cohort, MENTORS, codes["team:domestic"])  # no mentors' code yet


@pytest.mark.parametrize(
    "typed",
    [
        lambda c: c,
        lambda c: c.lower(),
        lambda c: c.replace("-", ""),
        lambda c: c.replace("-", " ").lower(),
        lambda c: f"  {c.replace('-', '')[:6]} - {c.replace('-', '')[6:]} ",
    ],
    ids=["as-printed", "small-letters", "no-dashes", "spaces", "odd-spacing"],
)
def test_case_and_dashes_do_not_matter(cohort: Path, typed) -> None:
    """Is a code accepted however it is capitalised or split?"""
    code = issue_codes(cohort, [TRAINERS])[TRAINERS]
    assert verify(cohort, TRAINERS, typed(code))


def test_reissue_invalidates_the_old_code(cohort: Path) -> None:
    """Does a new code stop the old one working, leaving other areas alone?"""
    first = issue_codes(cohort, ["team:domestic", MENTORS])
    with pytest.raises(DataError, match="already has a code"):
        issue_codes(cohort, ["team:domestic"])
    second = issue_codes(cohort, ["team:domestic"], reissue=True)
    assert second["team:domestic"] != first["team:domestic"]
    assert not verify(cohort, "team:domestic", first["team:domestic"])
    assert verify(cohort, "team:domestic", second["team:domestic"])
    assert verify(cohort, MENTORS, first[MENTORS])


def test_ensure_codes_fills_gaps_only(cohort: Path) -> None:
    """Does ensure_codes issue codes only for areas that have none?"""
    mentors = issue_codes(cohort, [MENTORS])[MENTORS]
    new = ensure_codes(cohort, ["ward-3-porters", "domestic"])
    assert set(new) == {"team:ward-3-porters", "team:domestic", TRAINERS}
    assert verify(cohort, MENTORS, mentors)
    assert ensure_codes(cohort, ["ward-3-porters", "domestic"]) == {}


def test_handout_escapes_names_and_says_to_delete(cohort: Path) -> None:
    """Does the handout show each code once, escape team names and warn to delete it?"""
    codes = issue_codes(cohort, ["team:ward-3-porters", "team:domestic"])
    page = (cohort / HANDOUT_FILE).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "Ward 3 &lt;script&gt;alert(1)&lt;/script&gt; &amp; porters" in page
    assert "Support &lt;services&gt; 2027" in page
    assert "then delete this file" in page
    assert "Keep this card safe" in page
    assert "@media print" in page
    for code in codes.values():
        assert page.count(code) == 1


def test_newer_access_file_is_refused(cohort: Path) -> None:
    """Is an access.json from a newer qikit refused with a clear message?"""
    (cohort / ACCESS_FILE).write_text(
        json.dumps({"format": "qikit-access", "version": 99, "areas": {}}), encoding="utf-8"
    )
    with pytest.raises(DataError, match="newer qikit"):
        access.load_access(cohort)
    assert not verify(cohort, MENTORS, "AAAA-BBBB-CCCC")


def test_bad_area_names_are_refused(cohort: Path) -> None:
    """Are area names other than team:<slug>, mentors and trainers refused?"""
    for area in ["team:../x", "admins", "team:"]:
        with pytest.raises(DataError):
            issue_codes(cohort, [area])


def test_cohort_listing_uses_yaml_names_and_team_folders(cohort: Path) -> None:
    """Are teams listed from their folders, named and ordered by cohort.yaml?"""
    (cohort / "teams" / "zz-no-yaml").mkdir()
    listing = read_cohort_listing(cohort)
    assert listing.name == "Support <services> 2027"
    assert listing.teams == (
        ("ward-3-porters", "Ward 3 <script>alert(1)</script> & porters"),
        ("domestic", "Domestic"),
        ("zz-no-yaml", "zz-no-yaml"),
    )


@pytest.mark.parametrize(
    ("path", "area"),
    [
        ("teams/domestic/01-team.ipynb", "team:domestic"),
        ("teams//domestic/./01-team.ipynb", "team:domestic"),
        ("teams/domestic/../ward-3-porters/01-team.ipynb", TRAINERS),
        ("mentors/review.ipynb", MENTORS),
        ("trainers/demo.ipynb", TRAINERS),
        ("qikit.db", TRAINERS),
        ("teams", TRAINERS),
        ("Teams/domestic/01-team.ipynb", TRAINERS),
        ("survey/01-survey.ipynb", SURVEY),
        ("survey//./01-survey.ipynb", SURVEY),
        ("survey/../teams/a/01-team.ipynb", TRAINERS),
        ("survey", SURVEY),  # the folder a survey page's kernel is started in
        ("Survey/01-survey.ipynb", TRAINERS),
    ],
)
def test_notebook_paths_belong_to_areas(path: str, area: str) -> None:
    """Does every path belong to the right area, and unclear ones to the trainers?"""
    assert area_for_notebook_path(path) == area


@pytest.mark.parametrize(
    ("area", "granted", "opens"),
    [
        ("team:a", ["team:a"], True),
        ("team:a", ["team:b"], False),
        ("team:a", [MENTORS], True),
        ("team:a", [TRAINERS], True),
        (MENTORS, ["team:a"], False),
        (MENTORS, [TRAINERS], True),
        (TRAINERS, [MENTORS], False),
        (TRAINERS, [], False),
        (SURVEY, ["team:a1"], True),  # any code opens the survey: it is for everyone
        (SURVEY, [MENTORS], True),
        (SURVEY, [TRAINERS], True),
        (SURVEY, [], False),
        (SURVEY, [SURVEY], False),  # the survey has no code of its own
        ("team:b1", ["team:a1", SURVEY], False),  # the survey opens no team
        (MENTORS, [SURVEY], False),
    ],
)
def test_who_opens_what(area: str, granted: list[str], opens: bool) -> None:
    """Do mentors open every team, trainers everything, a team only itself?"""
    assert area_is_granted(area, granted) is opens


@pytest.mark.parametrize(
    ("path", "needed"),
    [
        ("/", PUBLIC),
        ("/qikit/login", PUBLIC),
        ("/voila/static/voila.js", PUBLIC),
        ("/voila/render/teams/a1/01-team.ipynb", "team:a1"),
        ("/voila/render/teams%2Fa1%2F01-team.ipynb", "team:a1"),
        ("/voila/files/teams/a1/chart.png", "team:a1"),
        ("/voila/tree", TRAINERS),
        ("/voila/api/contents/teams", TRAINERS),
        ("/api/kernels/k-known/channels", "team:a1"),
        ("/api/kernels/k-unknown", NOBODY),
        ("/voila/api/shutdown/k-known", "team:a1"),
        ("/qikit/teams/a1", "team:a1"),
        ("/qikit/mentors", MENTORS),
        ("/something/new", TRAINERS),
        ("/voila/render/survey/01-survey.ipynb", SURVEY),
        ("/voila/render/survey%2F01-survey.ipynb", SURVEY),
        ("/api/kernels/k-survey/channels", SURVEY),
    ],
)
def test_addresses_need_areas(path: str, needed: str) -> None:
    """Does each address need the right area, and an unknown one the trainers'?"""
    kernels = {"k-known": "team:a1", "k-survey": SURVEY}
    assert required_area(path, kernels.get) == needed


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/voila/render/teams/a/x.ipynb", "/voila/render/teams/a/x.ipynb"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil", "/"),
        (None, "/"),
    ],
)
def test_next_address_stays_on_this_server(target: str | None, safe: str) -> None:
    """Does the code page only send people on to addresses on this server?"""
    assert safe_next(target) == safe


def test_wrong_tries_are_limited_per_client() -> None:
    """Are ten wrong tries a minute allowed, the eleventh refused, and the limit lifted later?"""
    now = [0.0]
    limiter = TriesLimiter(limit=10, window=60, clock=lambda: now[0])
    for _ in range(10):
        assert not limiter.blocked("10.0.0.1")
        limiter.record_failure("10.0.0.1")
    assert limiter.blocked("10.0.0.1")
    assert not limiter.blocked("10.0.0.2")
    now[0] = 59.9
    assert limiter.blocked("10.0.0.1")
    now[0] = 60.0
    assert not limiter.blocked("10.0.0.1")


def test_cohort_codes_command_renews_codes(cohort: Path, capsys: pytest.CaptureFixture) -> None:
    """Does `qikit cohort codes --team` replace that team's code only, and print no code?"""
    from qikit.cli import main

    old = issue_codes(cohort, ["team:domestic", "team:ward-3-porters"])
    assert main(["cohort", "codes", str(cohort), "--team", "domestic"]) == 0
    out = capsys.readouterr().out
    assert HANDOUT_FILE in out
    assert not verify(cohort, "team:domestic", old["team:domestic"])
    assert verify(cohort, "team:ward-3-porters", old["team:ward-3-porters"])
    handout = (cohort / HANDOUT_FILE).read_text(encoding="utf-8")
    printed = re.findall(r'<p class="code">([^<]+)</p>', handout)
    assert len(printed) == 1
    assert printed[0] not in out
    assert verify(cohort, "team:domestic", printed[0])


@pytest.mark.parametrize(
    "extra",
    [[], ["--team", "nobody-here"]],
    ids=["no-choice", "unknown-team"],
)
def test_cohort_codes_command_refuses_unclear_requests(
    cohort: Path, extra: list[str], capsys: pytest.CaptureFixture
) -> None:
    """Does `qikit cohort codes` exit 2 with a message when it is unclear whose codes to renew?"""
    from qikit.cli import main

    assert main(["cohort", "codes", str(cohort), *extra]) == 2
    assert "qikit" in capsys.readouterr().err
    assert not (cohort / ACCESS_FILE).exists()


def test_cohort_codes_all_covers_every_area(cohort: Path) -> None:
    """Does --all give every team, the mentors and the trainers a code?"""
    from qikit.cli import main

    assert main(["cohort", "codes", str(cohort), "--all"]) == 0
    assert set(access.load_access(cohort)) == {
        "team:ward-3-porters",
        "team:domestic",
        MENTORS,
        TRAINERS,
    }


def test_serve_refuses_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Does `qikit serve` say what is wrong when the folder does not exist?"""
    from qikit.cli import main

    assert main(["serve", str(tmp_path / "missing")]) == 2
    assert "qikit cohort build" in capsys.readouterr().err
