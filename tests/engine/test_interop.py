"""Interop with argostranslate (argos-translate-lt), always in a subprocess with a temp HOME.

argostranslate reads its settings and creates directories under HOME when imported, so it is
never imported in the test process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from localize.engine.packages import default_packages_dir, install_package, list_packages

pytest.importorskip("argostranslate", reason="argos-translate-lt (extra 'argos') not installed")
ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, env: dict[str, str], timeout: float = 60) -> str:
    """Run ``code`` in a fresh interpreter with exactly ``env`` (plus PATH); return stdout."""
    full_env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), **env}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=full_env,
        capture_output=True,
        check=False,
        text=True,
        timeout=timeout,  # nothing here may hang the test run
        cwd=str(ROOT),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def argos_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {"HOME": str(home), **extra}


ENV_CASES = {
    "defaults": {},
    "packages_dir": {"ARGOS_PACKAGES_DIR": "{tmp}/custom"},
    "xdg_data": {"XDG_DATA_HOME": "{tmp}/xdg"},
    "legacy_is_ignored": {"ARGOS_TRANSLATE_PACKAGE_DIR": "{tmp}/legacy"},
    "snap": {"SNAP": "{tmp}/snap", "SNAP_USER_DATA": "{tmp}/snapdata"},
    "settings_json": {"XDG_CONFIG_HOME": "{tmp}/cfg"},
}


@pytest.mark.parametrize("case", sorted(ENV_CASES))
def test_default_packages_dir_matches_argostranslate(case: str, tmp_path: Path) -> None:
    extra = {k: v.format(tmp=tmp_path) for k, v in ENV_CASES[case].items()}
    env = argos_env(tmp_path, **extra)
    if case == "settings_json":
        config = tmp_path / "cfg" / "argos-translate"
        config.mkdir(parents=True)
        (config / "settings.json").write_text(
            json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-json")})
        )
    theirs = run_python(
        "import argostranslate.settings as s; print(s.package_data_dir)", env, timeout=30
    )
    ours = default_packages_dir(env)
    assert ours == Path(theirs)
    assert str(tmp_path) in str(ours)


def test_ours_listed_by_argostranslate(demo_archives: dict[str, Path], tmp_path: Path) -> None:
    packages = tmp_path / "packages"
    for key in ("prs", "nllb_prs"):
        install_package(demo_archives[key], packages)
    env = argos_env(tmp_path, ARGOS_PACKAGES_DIR=str(packages))
    listed = json.loads(
        run_python(
            """
            import json, argostranslate.package as p
            print(json.dumps(sorted(
                [x.package_path.name, x.from_code, x.to_code, x.target_prefix]
                for x in p.get_installed_packages())))
            """,
            env,
        )
    )
    assert listed == [
        ["translate-en_prs-0_0_0+demo", "en", "prs", ""],
        ["translate-en_prs-0_0_0+demo_nllb", "en", "prs", "prs_Arab"],
    ]


def test_argostranslate_install_listed_by_ours(
    demo_archives: dict[str, Path], tmp_path: Path
) -> None:
    env = argos_env(tmp_path)
    code = f"""
        import argostranslate.package as p
        p.install_from_path({str(demo_archives["ps"])!r})
        print(p.settings.package_data_dir)
        """
    installed_into = Path(run_python(code, env))
    assert installed_into == default_packages_dir(env)
    listing = list_packages(installed_into)
    assert [(p.name, p.to_code) for p in listing.packages] == [("translate-en_ps-0_0_0+demo", "ps")]
    assert listing.problems == []


INDEX_SCRIPT = """
import http.server, json, socket, sys, threading, time
from pathlib import Path
from localize.engine.packages import install_from_index
from localize.errors import BackendUnavailable

archive = Path(sys.argv[1]).read_bytes()
directory = Path(sys.argv[2])

class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_GET(self):
        port = self.server.server_address[1]
        if self.path == "/index.json":
            body = json.dumps([{
                "type": "translate", "from_code": "en", "to_code": "ps",
                "package_version": "0.0.0+demo", "from_name": "English", "to_name": "Pashto",
                "links": [f"http://127.0.0.1:{port}/pkg.argosmodel"]}]).encode()
        elif self.path == "/pkg.argosmodel":
            body = archive
        else:
            self.send_error(404); return
        self.send_response(200); self.end_headers(); self.wfile.write(body)

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"

silent = socket.socket(); silent.bind(("127.0.0.1", 0)); silent.listen(1)  # never answers
closed = socket.socket(); closed.bind(("127.0.0.1", 0)); closed_port = closed.getsockname()[1]
closed.close()

results = {}
def attempt(name, *args, **kwargs):
    start = time.monotonic()
    try:
        results[name] = ["ok", install_from_index(*args, **kwargs).name]
    except BackendUnavailable as error:
        results[name] = ["unavailable", str(error)]
    results[name].append(time.monotonic() - start)

attempt("refused", "en", "ps", directory, index_url=f"http://127.0.0.1:{closed_port}/index.json")
attempt("silent", "en", "ps", directory, timeout=1.0,
        index_url=f"http://127.0.0.1:{silent.getsockname()[1]}/index.json")
attempt("no_pair", "en", "prs", directory, index_url=base + "/index.json")
attempt("ok", "en", "ps", directory, index_url=base + "/index.json")
print(json.dumps(results))
"""


def test_install_from_index_offline_and_local(
    demo_archives: dict[str, Path], tmp_path: Path
) -> None:
    directory = tmp_path / "packages"
    env = argos_env(tmp_path, ARGOS_PACKAGES_DIR=str(directory))
    env["no_proxy"] = env["NO_PROXY"] = "127.0.0.1"
    script = tmp_path / "index_script.py"
    script.write_text(INDEX_SCRIPT)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(script), str(demo_archives["ps"]), str(directory)],
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert time.monotonic() - started < 45
    results = json.loads(result.stdout.strip().splitlines()[-1])
    for name in ("refused", "silent"):
        status, message, seconds = results[name]
        assert status == "unavailable"
        assert "could not reach the Argos package index" in message
        assert "localize models install FILE" in message
        assert seconds < 10
    assert results["no_pair"][0] == "unavailable" and "en->ps" in results["no_pair"][1]
    assert results["ok"][:2] == ["ok", "translate-en_ps-0_0_0+demo"]
    listing = list_packages(directory)
    assert [p.name for p in listing.packages] == ["translate-en_ps-0_0_0+demo"]
    assert [p.name for p in directory.iterdir()] == ["translate-en_ps-0_0_0+demo"]  # no temp


def test_install_from_index_default_url_fails_fast_offline(tmp_path: Path) -> None:
    """The real index, on this offline machine: must fail fast, never hang or recurse."""
    directory = tmp_path / "packages"
    env = argos_env(tmp_path, ARGOS_PACKAGES_DIR=str(directory))
    out = run_python(
        f"""
        import json
        from pathlib import Path
        from localize.engine.packages import install_from_index
        from localize.errors import BackendUnavailable
        try:
            # an impossible pair: even online this fetches only the index, never a model
            install_from_index("en", "xx-none", Path({str(directory)!r}), timeout=5)
        except BackendUnavailable as error:
            print(json.dumps(str(error)))
        """,
        env,
        timeout=60,
    )
    message = json.loads(out)
    assert "could not reach the Argos package index" in message or "no en->xx-none" in message
