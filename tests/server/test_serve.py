"""``qikit serve``: a real server over a small fake cohort, checked over HTTP and in Chromium.

The server runs as ``python -m qikit serve`` in a subprocess on a free port of 127.0.0.1; the
fixtures wait until the port accepts connections and stop it by its PID.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from qikit.cohort.access import MENTORS, TRAINERS, issue_codes

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 90  # seconds: a loaded machine can be slow to start Voilà
REQUEST_TIMEOUT = 90  # a page runs its notebook before it answers


# --- a fake cohort and a running server ----------------------------------------------------------


def _notebook(team: str) -> nbformat.NotebookNode:
    """A tiny team workbook: a parameters cell, then a cell that shows something."""
    notebook = new_notebook(
        cells=[
            new_code_cell('team = "unset"', metadata={"tags": ["parameters"]}),
            new_code_cell(f'team = "{team}"', metadata={"tags": ["injected-parameters"]}),
            new_markdown_cell("Our project"),
            new_code_cell('print(f"Hello from team {team} page")'),
        ]
    )
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return notebook


def make_cohort(folder: Path) -> dict[str, str]:
    """Write a cohort folder with teams alpha and beta; return the plain codes."""
    for team in ("alpha", "beta"):
        (folder / "teams" / team).mkdir(parents=True)
        nbformat.write(_notebook(team), folder / "teams" / team / "01-team.ipynb")
    (folder / "mentors").mkdir()
    (folder / "trainers").mkdir()
    (folder / "survey").mkdir()
    nbformat.write(_notebook("survey"), folder / "survey" / "01-survey.ipynb")
    (folder / "cohort.yaml").write_text(
        "version: 1\n"
        "cohort: Test cohort <2027>\n"
        "teams:\n"
        "  - name: Alpha <b>porters</b> & co\n"
        "    slug: alpha\n"
        "  - name: Beta cleaners\n"
        "    slug: beta\n",
        encoding="utf-8",
    )
    return issue_codes(folder, ["team:alpha", "team:beta", MENTORS, TRAINERS])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    cohort: Path
    codes: dict[str, str]
    log: Path
    process: subprocess.Popen

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _start(cohort: Path, codes: dict[str, str], log: Path, extra: tuple[str, ...] = ()) -> Server:
    """Start ``qikit serve`` over ``cohort`` (with ``extra`` options) and wait until it listens."""
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "qikit", "serve", str(cohort), "--port", str(port), *extra],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cohort,
        )
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            pass
        try:  # waits a moment, and notices a server that died at start
            code = process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            code = None
        if code is not None or time.monotonic() > deadline:
            _stop(process)
            pytest.fail(f"qikit serve did not start (exit {code}):\n{log.read_text()}")
    return Server(f"http://127.0.0.1:{port}", cohort, codes, log, process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("serve")
    cohort = base / "cohort"
    codes = make_cohort(cohort)
    running = _start(cohort, codes, base / "server.log")
    yield running
    _stop(running.process)


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[Server]:
    """A server of its own, for tests that lock out 127.0.0.1 or change codes."""
    cohort = tmp_path / "cohort"
    codes = make_cohort(cohort)
    running = _start(cohort, codes, tmp_path / "server.log")
    yield running
    _stop(running.process)


# --- a small browser-like HTTP client ------------------------------------------------------------


@dataclass
class Reply:
    status: int
    url: str
    body: str
    headers: dict[str, str]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


class Client:
    """Keeps cookies like one browser; follows redirects unless told not to."""

    def __init__(self, server: Server) -> None:
        self.base = server.url
        self.jar = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self.follow = urllib.request.build_opener(cookies)
        self.stay = urllib.request.build_opener(cookies, _NoRedirect())

    def request(
        self,
        path: str,
        data: dict[str, str] | None = None,
        follow: bool = True,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        opener = self.follow if follow else self.stay
        sent = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            response = opener.open(sent, timeout=REQUEST_TIMEOUT)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            text = response.read().decode("utf-8", errors="replace")
            return Reply(response.status, response.geturl(), text, dict(response.headers))

    def login(self, next_path: str, code: str, headers: dict[str, str] | None = None) -> Reply:
        form = self.request("/qikit/login?" + urllib.parse.urlencode({"next": next_path}))
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.body)
        assert xsrf, form.body
        return self.request(
            "/qikit/login",
            {"_xsrf": xsrf[1], "next": next_path, "code": code},
            follow=False,
            headers=headers,
        )


ALPHA = "/voila/render/teams/alpha/01-team.ipynb"
BETA = "/voila/render/teams/beta/01-team.ipynb"
SURVEY = "/voila/render/survey/01-survey.ipynb"


# --- plain HTTP ----------------------------------------------------------------------------------


def test_landing_page_lists_teams_escaped(server: Server) -> None:
    """Does / list the cohort and its teams, with names escaped, instead of Voilà's tree?"""
    reply = Client(server).request("/")
    assert reply.status == 200
    assert "Test cohort &lt;2027&gt;" in reply.body
    assert "Alpha &lt;b&gt;porters&lt;/b&gt; &amp; co" in reply.body
    assert "<b>porters</b>" not in reply.body
    assert f'href="{ALPHA}"' in reply.body
    assert f'href="{BETA}"' in reply.body
    assert "Mentors&#x27; pages" in reply.body
    assert f'href="{SURVEY}"' in reply.body  # the skills survey, for everyone
    assert "voila/tree" not in reply.body


def test_team_page_without_code_asks_for_it_and_starts_nothing(server: Server) -> None:
    """Does a team page without the code show only the code page, and start no kernel?"""
    kernels_before = server.log_text().count("Kernel started")
    client = Client(server)
    first = client.request(ALPHA, follow=False)
    assert first.status == 302
    assert first.headers["Location"].startswith("/qikit/login?next=")
    reply = client.request(ALPHA)
    assert reply.status == 200
    assert "/qikit/login" in reply.url
    assert (
        "Type your team&#x27;s code. You will find it on the card from your QI lead." in reply.body
    )
    assert "Alpha &lt;b&gt;porters&lt;/b&gt;" in reply.body  # the name may show …
    assert "Hello from team" not in reply.body  # … the work may not
    assert "Our project" not in reply.body
    assert server.log_text().count("Kernel started") == kernels_before


def test_wrong_code_shows_a_plain_message(server: Server) -> None:
    """Does a wrong code give a plain message, no cookie and none of the team's work?"""
    client = Client(server)
    reply = client.login(ALPHA, server.codes["team:beta"])
    assert reply.status == 403
    assert "That code did not work. Check the card and try again." in reply.body
    assert "Hello from team" not in reply.body
    assert "Traceback" not in reply.body
    assert not [c for c in client.jar if c.name.startswith("qikit-access")]


def test_right_code_opens_the_team_and_only_that_team(server: Server) -> None:
    """Does the team's code (any case, no dashes) open its pages, and not another team's?"""
    client = Client(server)
    typed = server.codes["team:alpha"].replace("-", "").lower()
    reply = client.login(ALPHA, typed)
    assert reply.status == 302
    assert reply.headers["Location"] == ALPHA
    cookie = reply.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "expires" not in cookie.lower()  # ends with the browser session
    assert server.codes["team:alpha"] not in cookie

    page = client.request(ALPHA)
    assert page.status == 200
    assert page.url.endswith(ALPHA)
    assert "Hello from team alpha page" in page.body
    assert "Loading your page… this can take up to 20 seconds." in page.body
    assert 'print(f"Hello' not in page.body  # no code on the page

    other = client.request(BETA)
    assert "/qikit/login" in other.url
    assert "Beta cleaners" in other.body
    assert "Hello from team" not in other.body


def test_kernels_belong_to_their_team(server: Server) -> None:
    """Can a team's kernel be reached with that team's code only?"""
    alpha = Client(server)
    alpha.login(ALPHA, server.codes["team:alpha"])
    page = alpha.request(ALPHA)
    config = re.search(
        r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>',
        page.body,
        re.DOTALL,
    )
    assert config, page.body[:2000]
    kernel_id = json.loads(config[1])["kernelId"]
    assert alpha.request(f"/api/kernels/{kernel_id}").status == 200

    beta = Client(server)
    beta.login(BETA, server.codes["team:beta"])
    assert beta.request(f"/api/kernels/{kernel_id}").status == 403
    assert Client(server).request(f"/api/kernels/{kernel_id}").status == 403


def _kernel_of(page: Reply) -> str:
    config = re.search(
        r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>',
        page.body,
        re.DOTALL,
    )
    assert config, page.body[:2000]
    return str(json.loads(config[1])["kernelId"])


def test_any_code_opens_the_survey_and_its_kernel_but_no_other_team(server: Server) -> None:
    """Does a team's code typed on the survey's code page open the survey (and its kernel, for
    any code of the cohort), while that cookie still opens no other team's page?"""
    nobody = Client(server)
    asked = nobody.request(SURVEY)
    assert "/qikit/login" in asked.url and "Skills survey" in asked.body
    assert "Hello from team survey page" not in asked.body

    beta = Client(server)
    assert beta.login(SURVEY, server.codes["team:beta"]).status == 302
    page = beta.request(SURVEY)
    assert page.status == 200 and "Hello from team survey page" in page.body
    survey_kernel = _kernel_of(page)
    assert beta.request(f"/api/kernels/{survey_kernel}").status == 200
    assert "/qikit/login" in beta.request(ALPHA).url  # the survey opens no team

    alpha = Client(server)
    alpha.login(ALPHA, server.codes["team:alpha"])
    assert alpha.request(f"/api/kernels/{survey_kernel}").status == 200  # for everyone
    alpha_kernel = _kernel_of(alpha.request(ALPHA))
    assert beta.request(f"/api/kernels/{alpha_kernel}").status == 403
    assert Client(server).request(f"/api/kernels/{survey_kernel}").status == 403

    mentors = Client(server)
    assert mentors.login(SURVEY, server.codes[MENTORS]).status == 302
    assert mentors.request(SURVEY).status == 200
    wrong = Client(server).login(SURVEY, "AAAA-BBBB-CCCC")
    assert wrong.status == 403


def test_mentor_code_opens_every_team(server: Server) -> None:
    """Does the mentors' code, typed on a team's code page, open every team's pages?"""
    client = Client(server)
    assert client.login(BETA, server.codes[MENTORS]).status == 302
    assert "Hello from team beta page" in client.request(BETA).body
    assert "Hello from team alpha page" in client.request(ALPHA).body
    assert client.request("/qikit/mentors").status == 200
    assert "/qikit/login" in client.request("/voila/tree").url


def test_tree_needs_the_trainers_code(server: Server) -> None:
    """Is Voilà's file tree closed to visitors and teams, and open to trainers?"""
    client = Client(server)
    assert client.request("/voila/tree", follow=False).status == 302
    client.login(ALPHA, server.codes["team:alpha"])
    reply = client.request("/voila/tree")
    assert "/qikit/login" in reply.url
    assert "Type the trainers&#x27; code." in reply.body
    assert client.request("/voila/api/contents/teams").status == 403

    assert client.login("/voila/tree", server.codes[TRAINERS]).status == 302
    tree = client.request("/voila/tree")
    assert tree.status == 200
    assert tree.url.endswith("/voila/tree")
    listing = client.request("/voila/api/contents/teams")  # what the tree page shows
    assert listing.status == 200
    assert {item["name"] for item in json.loads(listing.body)["content"]} == {"alpha", "beta"}


def test_files_of_the_cohort_are_not_served(server: Server) -> None:
    """Are the store, the codes file and the cookie secret out of reach, even for trainers?"""
    client = Client(server)
    client.login("/voila/tree", server.codes[TRAINERS])
    for name in ("access.json", ".qikit-secret", "cohort.yaml", "access-codes-handout.html"):
        assert client.request(f"/voila/files/{name}").status in (403, 404), name


def test_too_many_wrong_codes_wait_a_minute(own_server: Server) -> None:
    """After ten wrong codes in a minute, is even the right one refused with a plain message?"""
    client = Client(own_server)
    for _ in range(10):
        assert client.login(ALPHA, "AAAA-BBBB-CCCC").status == 403
    reply = client.login(ALPHA, own_server.codes["team:alpha"])
    assert reply.status == 429
    assert "Too many wrong codes. Wait a minute and try again." in reply.body


def test_new_code_closes_old_sessions(own_server: Server) -> None:
    """When a team's code is renewed, do pages opened with the old code ask again?"""
    client = Client(own_server)
    assert client.login(ALPHA, own_server.codes["team:alpha"]).status == 302
    assert client.request("/qikit/teams/alpha").status == 200
    issue_codes(own_server.cohort, ["team:alpha"], reissue=True)
    assert "/qikit/login" in client.request("/qikit/teams/alpha").url


# --- a real browser ------------------------------------------------------------------------------


@pytest.mark.browser
def test_browser_enters_code_and_sees_the_page(server: Server, chromium: Any) -> None:
    """In Chromium: choose a team, type its code, and see the team's page (and no code)."""
    from playwright.sync_api import expect

    context = chromium.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(server.url + "/")
        page.get_by_role("link", name="Alpha <b>porters</b> & co").click()
        label = "Type your team's code. You will find it on the card from your QI lead."
        page.get_by_label(label).fill(server.codes["team:alpha"].lower())
        page.get_by_role("button", name="Open my team's pages").click()
        expect(page.get_by_text("Hello from team alpha page")).to_be_visible(timeout=90_000)
        assert 'print(f"Hello' not in page.content()
    finally:
        context.close()


def test_sign_out_forgets_the_codes(server: Server) -> None:
    """After signing out on a shared computer, does the team's page ask for the code again?"""
    client = Client(server)
    client.login(ALPHA, server.codes["team:alpha"])
    assert client.request("/qikit/teams/alpha").status == 200
    assert 'href="/qikit/logout"' in client.request("/").body
    assert "forgotten your codes" in client.request("/qikit/logout").body
    assert "/qikit/login" in client.request("/qikit/teams/alpha").url
