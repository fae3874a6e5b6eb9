"""The ``localize`` command line: turns options into arguments, calls the library, prints.

The only module that imports click. Library errors (``LocalizeError``) become one-line
messages and exit status 1; bad options exit 2 (click). ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import LocalizeError

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class AppState:
    locales: Path
    debug: bool
    env: dict[str, str]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).astimezone()


def _cores() -> int:
    """CPU cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class LocalizeGroup(click.Group):
    """Runs commands and turns library errors into clean messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LocalizeError as exc:
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted: finished work was saved; run the same command to continue.",
                       err=True)
            ctx.exit(130)


def locales_option(func: F) -> F:
    return click.option(
        "--locales", type=click.Path(path_type=Path, file_okay=False), default=None,
        envvar="LOCALIZE_LOCALES", help="Locales folder [default: ./locales].",
    )(func)


def languages_option(func: F) -> F:
    return click.option(
        "-l", "--language", "languages", multiple=True, metavar="LANG",
        help="Target language (fa_AF/prs/dari, ps/pbt/pashto); repeatable [default: both].",
    )(func)


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0],
                        show_default=True, help="Output format.")


@click.group(cls=LocalizeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="localize")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Offline translation of English news into Dari and Pashto, reviewed in PO editors."""
    ctx.obj = AppState(locales=Path("locales"), debug=debug, env=dict(os.environ))


def _locales(state: AppState, given: Path | None) -> Path:
    return given if given is not None else state.locales


def _targets(languages: Sequence[str]) -> tuple[Any, ...]:
    from .langs import resolve_targets

    return resolve_targets(tuple(languages))


def _echo_json(data: object) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())


# -- segment ----------------------------------------------------------------------------
@main.command()
@click.argument("article", type=click.Path(path_type=Path, allow_dash=True))
@format_option("text", "json")
def segment(article: Path, fmt: str) -> None:
    """Split an ARTICLE (a file, or - for stdin) into translatable units."""
    from .segment import read_article, segment_article

    if str(article) == "-":
        text = sys.stdin.buffer.read().decode("utf-8", errors="strict")
    else:
        text = read_article(article)
    units = segment_article(text)
    if fmt == "json":
        _echo_json([
            {"index": u.index, "kind": u.kind.value, "paragraph": u.paragraph, "line": u.line,
             "start": u.start, "end": u.end, "text": u.text}
            for u in units
        ])
        return
    for u in units:
        click.echo(f"{u.index + 1:>4}  {u.kind.value:<9} p{u.paragraph + 1:<3} "
                   f"[{u.start}:{u.end}]  {u.text}")


# -- extract ----------------------------------------------------------------------------
@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@languages_option
@locales_option
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if any catalog is out of date with its article.")
@click.pass_obj
def extract(state: AppState, articles: tuple[Path, ...], languages: tuple[str, ...],
            locales: Path | None, check: bool) -> None:
    """Write templates and create or update the catalogs of ARTICLES (files or folders)."""
    from .extract import extract_articles
    from .project import Locales, expand_articles, locked

    root = Locales(_locales(state, locales))
    paths = expand_articles(list(articles))
    targets = _targets(languages)
    if check:
        summaries = extract_articles(paths, targets, root, _now(), write=False)
        stale = [c for s in summaries for c in s.changes if c.action != "unchanged"]
        for change in stale:
            click.echo(f"out of date: {change.path} ({change.action})")
        if stale:
            raise click.ClickException(
                f"{len(stale)} catalog(s) out of date; run `localize extract`")
        click.echo(f"{len(paths)} article(s): all catalogs up to date")
        return
    with locked(root.root):
        summaries = extract_articles(paths, targets, root, _now())
    for art in summaries:
        parts = [f"{c.language} {c.action}" + _change_detail(c) for c in art.changes]
        click.echo(f"{art.slug}: {art.units} units; " + "; ".join(parts))


def _change_detail(change: Any) -> str:
    if change.action != "updated":
        return ""
    return (f" (+{change.added} new, {change.source_changed} source-changed, "
            f"{change.obsoleted} obsolete)")


# -- translate --------------------------------------------------------------------------
@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@languages_option
@locales_option
@click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default="cpu",
              show_default=True, help="Where the engine runs.")
@click.option("--beam-size", type=click.IntRange(1, 16), default=None,
              help="Beam width (1 = greedy, fastest) [default: engine's].")
@click.option("--batch-size", type=click.IntRange(16, 65536), default=None,
              help="Tokens per engine batch [default: engine's].")
@click.option("--packages-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Argos packages folder [default: ARGOS_PACKAGES_DIR or argos' own].")
@click.option("--no-memory", is_flag=True, help="Do not draft from the translation memory.")
@click.option("--wait", is_flag=True, help="Wait for another run on the same locales to finish.")
@click.pass_obj
def translate(state: AppState, articles: tuple[Path, ...], languages: tuple[str, ...],
              locales: Path | None, device: str, beam_size: int | None, batch_size: int | None,
              packages_dir: Path | None, no_memory: bool, wait: bool) -> None:
    """Extract ARTICLES (files or folders) and draft every untranslated unit offline."""
    from .pipeline import DraftSettings, require_models, translate_articles
    from .project import Locales, expand_articles, locked

    root = Locales(_locales(state, locales))
    paths = expand_articles(list(articles))
    settings = DraftSettings(
        device=device, beam_size=beam_size, batch_tokens=batch_size,
        packages_dir=packages_dir, use_memory=not no_memory, env=state.env,
    )
    targets = _targets(languages)
    if not root.root.exists():  # taking the lock creates it: fail first if a model is missing
        require_models(targets, settings)
    with locked(root.root, wait=wait), _progress() as progress:
        report = translate_articles(paths, targets, root, settings, _now(), progress)
    for art in report.articles:
        states = ", ".join(f"{lang} {summary}" for lang, summary in art.summary())
        click.echo(f"{art.slug}: {art.units} units; {states}")
    for lang in report.languages:
        if not lang.pending:
            click.echo(f"{lang.language}: nothing to draft")
            continue
        rate = f", {lang.units_per_second:.1f} units/s" if lang.from_engine else ""
        engine = f" with {lang.engine}" if lang.engine else ""
        click.echo(
            f"{lang.language}: drafted {lang.from_engine} by engine{engine} in {lang.seconds:.1f} s"
            f"{rate}, {lang.from_memory} from memory; {lang.problems} draft(s) with notes"
            + (f"; merged {lang.merged_concurrent_edits} concurrent edit(s)"
               if lang.merged_concurrent_edits else "")
        )


@contextmanager
def _progress() -> Iterator[Callable[[str, int], Callable[[int], None]] | None]:
    """A progress bar factory on a terminal; nothing in pipes and CI."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    bars: list[Any] = []

    def start(label: str, total: int) -> Callable[[int], None]:
        bar: Any = click.progressbar(length=total, label=label, file=sys.stderr, show_eta=True,
                                show_pos=True, item_show_func=None)
        bar.__enter__()
        bars.append(bar)
        update: Callable[[int], None] = bar.update
        return update

    try:
        yield start
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)


# -- status -----------------------------------------------------------------------------
@main.command()
@languages_option
@locales_option
@format_option("text", "json")
@click.pass_obj
def status(state: AppState, languages: tuple[str, ...], locales: Path | None, fmt: str) -> None:
    """Units and words per review state for every article and language."""
    from .project import Locales
    from .report import STATUS_HEADER, build_status, status_rows, status_to_json
    from .workspace import load_all_catalogs

    root = Locales(_locales(state, locales))
    report = build_status(load_all_catalogs(root, _targets(languages)))
    if fmt == "json":
        _echo_json(status_to_json(report))
        return
    if not report.catalogs:
        click.echo(f"no catalogs in {root.root}; run `localize extract ARTICLE` first")
        return
    _table(STATUS_HEADER, status_rows(report))
    for q in report.engines:
        click.echo(f"{q.language} {q.engine} {q.version}: {q.reviewed} drafts reviewed, "
                   f"{q.unchanged} accepted unchanged, mean edit ratio {q.mean_edit_ratio:.2f}")


# -- approve ----------------------------------------------------------------------------
@main.command()
@click.argument("article")
@click.option("-l", "--language", "language", required=True, metavar="LANG",
              help="Language of the catalog to approve.")
@click.option("--by", "by", required=True, help="The editor's name.")
@locales_option
@click.pass_obj
def approve(state: AppState, article: str, language: str, by: str, locales: Path | None) -> None:
    """Approve the reviewed units of ARTICLE (a file or its slug) in one language."""
    from .project import Locales, locked
    from .review import approve_article

    root = Locales(_locales(state, locales))
    with locked(root.root):
        path, result = approve_article(article, _targets([language])[0], by, root, _now())
    click.echo(f"{path}: approved {result.approved} unit(s) by {by}"
               + (f" ({result.already} already approved)" if result.already else ""))


# -- check ------------------------------------------------------------------------------
@main.command()
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@languages_option
@locales_option
@format_option("text", "json")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes sharing many catalogs (this one and N-1 workers) [default: the CPU cores].")
@click.pass_obj
def check(state: AppState, articles: tuple[Path, ...], languages: tuple[str, ...],
          locales: Path | None, fmt: str, jobs: int | None) -> None:
    """Quality-check drafts and translations; exit 1 if any error-level finding remains."""
    from .model import Severity, State
    from .project import Locales, locked
    from .review import check_articles

    root = Locales(_locales(state, locales))
    with locked(root.root):
        results = check_articles([str(a) for a in articles], _targets(languages), root,
                                 jobs=jobs or _cores())
    # Thousands of findings: each label and file name is made once, not once a finding.
    errors = 0
    if fmt == "json":
        states = {s: s.label for s in State}
        severity_labels = {s: s.label for s in Severity}
        findings = []
        for path, lang, unit_findings in results:
            file = str(path)
            for uf in unit_findings:
                for f in uf.findings:
                    findings.append({"file": file, "line": uf.line, "language": lang,
                                     "state": states[uf.state], "source": uf.source,
                                     "check": f.check,
                                     "severity": severity_labels[f.severity],
                                     "message": f.message})
                    errors += f.severity is Severity.ERROR
        _echo_json({"schema": "localize.check/1", "findings": findings})
    else:
        severities = {s: f": {s.label}: " for s in Severity}
        lines = []
        for path, _, unit_findings in results:
            file = str(path)
            for uf in unit_findings:
                where = f"{file}:{uf.line}"
                for f in uf.findings:
                    lines.append(f"{where}{severities[f.severity]}{f.check}: {f.message}")
                    errors += f.severity is Severity.ERROR
        lines.append(f"{len(lines)} finding(s) in {len(results)} catalog(s)")
        click.echo("\n".join(lines))  # one write: thousands of echo calls cost ~0.1 s
    if errors:
        sys.exit(1)


# -- publish ----------------------------------------------------------------------------
@main.command()
@click.argument("articles", nargs=-1, required=True)
@languages_option
@locales_option
@click.option("--format", "fmt", type=click.Choice(["html", "md", "txt", "json"]), default="html",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              default=Path("editions"), show_default=True, help="Output folder.")
@click.option("--min-state", type=click.Choice(["approved", "reviewed", "draft"]),
              default="reviewed", show_default=True,
              help="Lowest review state shown as a translation.")
@click.option("--layout", type=click.Choice(["side-by-side", "interleaved"]),
              default="side-by-side", show_default=True)
@click.option("--allow-incomplete", is_flag=True,
              help="Publish even if units are below --min-state (shown as pending).")
@click.option("--date", "published", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Publication date [default: today].")
@click.pass_obj
def publish(state: AppState, articles: tuple[str, ...], languages: tuple[str, ...],
            locales: Path | None, fmt: str, output: Path, min_state: str, layout: str,
            allow_incomplete: bool, published: dt.datetime | None) -> None:
    """Build bilingual editions of ARTICLES (files or slugs) from the catalogs."""
    from .editions import publish_articles
    from .model import State
    from .project import Locales

    root = Locales(_locales(state, locales))
    date = published.date() if published else _now().date()
    written = publish_articles(
        list(articles), _targets(languages), root, output, fmt=fmt, layout=layout,
        min_state=State.from_label(min_state), allow_incomplete=allow_incomplete, published=date,
    )
    for path, pending in written:
        click.echo(f"wrote {path}" + (f" ({pending} unit(s) pending)" if pending else ""))


# -- compile ----------------------------------------------------------------------------
@main.command(name="compile")
@languages_option
@locales_option
@click.option("--include-drafts", is_flag=True, help="Also compile drafts (fuzzy entries).")
@click.pass_obj
def compile_(state: AppState, languages: tuple[str, ...], locales: Path | None,
             include_drafts: bool) -> None:
    """Write MO files next to the catalogs (reviewed and approved units only)."""
    from .editions import compile_catalogs
    from .project import Locales, locked

    root = Locales(_locales(state, locales))
    with locked(root.root):  # MO files are written into the locales folder
        written = compile_catalogs(root, _targets(languages), include_drafts=include_drafts)
    for path, count in written:
        click.echo(f"wrote {path} ({count} messages)")


# -- normalize --------------------------------------------------------------------------
@main.command()
@click.option("-l", "--language", "language", required=True, metavar="LANG")
def normalize(language: str) -> None:
    """Apply the Dari or Pashto script rules to text on stdin (prints to stdout)."""
    from .language.normalize import normalize as normalize_text

    code = _targets([language])[0].code
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"stdin: not UTF-8 (byte {exc.start}); re-save as UTF-8")
    sys.stdout.write("\n".join(normalize_text(line, code) for line in text.split("\n")))


# -- models -----------------------------------------------------------------------------
@main.group()
def models() -> None:
    """Install, list and remove offline translation models (Argos packages)."""


def _packages_dir(state: AppState, given: Path | None) -> Path:
    from .engine.packages import default_packages_dir

    return given if given is not None else default_packages_dir(state.env)


packages_dir_option = click.option(
    "--packages-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Argos packages folder [default: ARGOS_PACKAGES_DIR or argos' own].")


@models.command(name="install")
@click.argument("archive", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--from-index", nargs=2, metavar="FROM TO", default=None,
              help="Download from the Argos index (needs a network and the `argos` extra).")
@click.option("--demo", "demo", type=click.Choice(["fa_AF", "ps", "both"]), default=None,
              help="Build and install the generated demo model(s): real engine, nonsense output.")
@click.option("--replace", is_flag=True, help="Replace an installed package of the same name.")
@packages_dir_option
@click.pass_obj
def models_install(state: AppState, archive: Path | None, from_index: tuple[str, str] | None,
                   demo: str | None, replace: bool, packages_dir: Path | None) -> None:
    """Validate and install a .argosmodel ARCHIVE."""
    from .engine import packages

    target = _packages_dir(state, packages_dir)
    chosen = [x for x in (archive, from_index, demo) if x]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of ARCHIVE, --from-index FROM TO, --demo")
    if from_index:
        installed = [packages.install_from_index(from_index[0], from_index[1], target)]
    elif demo:
        from .models import install_demo_models

        installed = install_demo_models(demo, target, replace=True)
    else:
        assert archive is not None
        installed = [packages.install_package(archive, target, replace=replace)]
    for pkg in installed:
        click.echo(f"installed {pkg.name} ({pkg.from_code}->{pkg.to_code} {pkg.version}) "
                   f"into {target}")


@models.command(name="list")
@packages_dir_option
@click.pass_obj
def models_list(state: AppState, packages_dir: Path | None) -> None:
    """Show installed packages and which language each serves."""
    from .models import describe_packages

    target = _packages_dir(state, packages_dir)
    rows, problems = describe_packages(target)
    if rows:
        _table(("package", "pair", "version", "size", "serves"), rows)
    else:
        click.echo(f"no packages in {target}; install one with `localize models install FILE`")
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)


@models.command(name="remove")
@click.argument("name")
@packages_dir_option
@click.pass_obj
def models_remove(state: AppState, name: str, packages_dir: Path | None) -> None:
    """Remove the installed package NAME (see `localize models list`)."""
    from .engine.packages import remove_package

    target = _packages_dir(state, packages_dir)
    remove_package(name, target)
    click.echo(f"removed {name} from {target}")


# -- memory -----------------------------------------------------------------------------
@main.group()
def memory() -> None:
    """Export and import the translation memory (TMX 1.4)."""


@memory.command(name="export")
@click.option("-l", "--language", "language", required=True, metavar="LANG")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False))
@locales_option
@click.pass_obj
def memory_export(state: AppState, language: str, output: Path, locales: Path | None) -> None:
    """Write the reviewed and approved units of LANG as TMX."""
    from .project import Locales
    from .tm import export_memory

    count = export_memory(Locales(_locales(state, locales)), _targets([language])[0], output)
    click.echo(f"wrote {output} ({count} translation units)")


@memory.command(name="import")
@click.argument("tmx", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-l", "--language", "language", required=True, metavar="LANG")
@locales_option
@click.pass_obj
def memory_import(state: AppState, tmx: Path, language: str, locales: Path | None) -> None:
    """Add an external TMX memory (marked external) for LANG."""
    from .project import Locales, locked
    from .tm import import_memory

    root = Locales(_locales(state, locales))
    with locked(root.root):
        path, count = import_memory(root, _targets([language])[0], tmx)
    click.echo(f"imported {count} translation units into {path}")
