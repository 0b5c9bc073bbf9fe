"""The ``timeline-app`` command: open the window, check files, or export a picture."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app import __version__

if TYPE_CHECKING:
    from timeline_app.model.document import TimelineDocument
    from timeline_app.storage.loader import LoadResult

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="See the dated events of an events.json file on a zoomable timeline.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help="the events.json to open (default: ./events.json, else the bundled story)")
    parser.add_argument("--check", nargs="+", metavar="FILE",
                        help="validate files and print every problem as FILE:LINE:COL; "
                             "exit 0 when valid, 1 on errors, 2 when a file cannot be read")
    parser.add_argument("--export", metavar="OUT",
                        help="render FILE without a window to OUT (.png, .svg or .pdf)")
    parser.add_argument("--size", default="1600x900", metavar="WxH",
                        help="size of the exported picture in pixels (default 1600x900)")
    parser.add_argument("--from", dest="view_from", metavar="DATE",
                        help="first date to show (window or export), in any date form")
    parser.add_argument("--to", dest="view_to", metavar="DATE",
                        help="last date to show (window or export), in any date form")
    parser.add_argument("--whole", action="store_true",
                        help="export the whole timeline rather than the remembered or given view")
    parser.add_argument("--scale", type=float, default=2.0, metavar="N",
                        help="PNG pixels per screen pixel, 1 to 4 (default 2, sharp on HiDPI screens)")
    parser.add_argument("--convert", nargs=2, metavar=("IN", "OUT"),
                        help="read IN (timeline JSON, TimelineJS 2 or 3 JSON, a TimelineJS sheet, CSV, iCalendar, "
                             "The Timeline Project, Markwhen or vis-timeline) and write OUT in the format its name "
                             "asks for (.json, .timelinejs.json, .timelinejs.csv, .csv, .ics) through the app's save; "
                             "exit 0 when every event arrived, 1 when some did not or IN had errors, 2 when IN "
                             "cannot be read")
    parser.add_argument("--install-desktop", action="store_true",
                        help="add the app to this user's desktop menu, with its icon, and offer it for timeline "
                             "files in the file manager; --uninstall-desktop takes it away")
    parser.add_argument("--uninstall-desktop", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"timeline-app {__version__}")
    return parser


def check_files(paths: Sequence[str]) -> int:
    """Print every problem of every file; the exit status says the worst that was found."""
    from timeline_app.storage.loader import UnreadableFileError, load_path

    status = EXIT_OK
    for path in paths:
        try:
            result = load_path(path)
        except UnreadableFileError as error:
            print(f"{error}", file=sys.stderr)
            status = EXIT_UNREADABLE
            continue
        for problem in result.problems:
            print(problem.format())
        if result.errors and status == EXIT_OK:
            status = EXIT_ERRORS
        events = len(result.document.events) if result.document else 0
        summary = (f"{path}: {events} events, {len(result.errors)} errors, "
                   f"{len(result.warnings)} warnings")
        print(summary, file=sys.stderr)
    return status


def _load_printing_problems(source: str | Path) -> LoadResult | int:
    """What reading ``source`` gave, its problems printed; or the exit status when it cannot be read."""
    from timeline_app.storage.loader import UnreadableFileError, load_path

    try:
        result = load_path(source)
    except UnreadableFileError as error:
        print(f"timeline-app: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    return result


def load_for_command(source: str | Path) -> TimelineDocument | int:
    """A file's document for a command, its problems printed; or the exit status when it has none."""
    result = _load_printing_problems(source)
    if isinstance(result, int):
        return result
    if result.document is None:
        print(f"timeline-app: {source} cannot be read as a timeline", file=sys.stderr)
        return EXIT_ERRORS
    return result.document


def convert_file(source: str, target: str) -> int:
    """Read ``source`` and write it to ``target`` with exactly the code the Save action uses.

    Exit 0 only when every event of ``source`` reached ``target``; 1 when ``source`` had errors or
    events were left out, saying how many; 2 when ``source`` cannot be read at all.
    """
    from timeline_app.storage.formats import OURS
    from timeline_app.storage.saving import SaveError, SaveReport, save_document, target_format

    result = _load_printing_problems(source)
    if isinstance(result, int):
        return result
    document = result.document
    if document is None:
        print(f"timeline-app: {source} cannot be read as a timeline; nothing was written", file=sys.stderr)
        return EXIT_UNREADABLE
    report = SaveReport()
    try:
        kind = target_format(document, Path(target))  # before the save: it makes the document ours
        save_document(document, Path(target), backup=False, report=report)
    except SaveError as error:
        print(f"timeline-app: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    for note in report.notes:
        print(f"{target}: note: {note}", file=sys.stderr)
    items = len(document.raw_events()) + result.left_out  # and those its reader could not make events of
    # Our own format keeps an event it cannot read as it was written; the others take only events.
    reached = len(document.raw_events()) if kind == OURS else len(document.events) - report.left_out
    if reached < items:
        print(f"timeline-app: {items - reached:,} of {items:,} events of {source} could not be read or "
              f"written and are not in {target}", file=sys.stderr)
    if reached < items or result.errors:
        if reached == items:
            print(f"timeline-app: {source} has {len(result.errors):,} errors; {target} holds them as they were",
                  file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    # Messages echo text from files, which may hold what the terminal's encoding cannot (a lone
    # surrogate read from an escape): written as an escape, never a traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    qt_arguments, ours = split_qt_arguments(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(ours)
    if args.install_desktop or args.uninstall_desktop:
        return desktop_files(install=args.install_desktop)
    if args.convert:
        return convert_file(*args.convert)
    if args.check:
        if args.file:
            return check_files([*args.check, args.file])
        return check_files(args.check)
    if args.export:
        if not args.file:
            print("timeline-app: --export needs the FILE to render, e.g. "
                  "timeline-app --export out.png events.json", file=sys.stderr)
            return EXIT_UNREADABLE
        return export_file(Path(args.export), Path(args.file), args.size, args.view_from, args.view_to,
                           whole=args.whole, scale=args.scale)
    asked = _asked_view(args.view_from, args.view_to)
    if isinstance(asked, int):
        return asked
    from timeline_app.ui.app import run_app

    return run_app(args.file, asked, qt_arguments)


# Qt's own options (QGuiApplication and QApplication): they reach Qt, not our parser.
_QT_OPTIONS_WITH_VALUE = frozenset({"-style", "-stylesheet", "-platform", "-platformpluginpath", "-platformtheme",
                                    "-plugin", "-qwindowgeometry", "-qwindowicon", "-qwindowtitle", "-display",
                                    "-geometry", "-title", "-session", "-qmljsdebugger"})
_QT_FLAGS = frozenset({"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync"})


def split_qt_arguments(arguments: list[str]) -> tuple[list[str], list[str]]:
    """Qt's options among ``arguments`` (``-style fusion``, ``-reverse``…) apart from ours."""
    qt: list[str] = []
    ours: list[str] = []
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        name = argument.split("=", 1)[0]
        if name in _QT_OPTIONS_WITH_VALUE:
            if "=" in argument or position + 1 >= len(arguments):
                qt.append(argument)
            else:
                qt += [argument, arguments[position + 1]]
                position += 1
        elif argument in _QT_FLAGS:
            qt.append(argument)
        else:
            ours.append(argument)
        position += 1
    return qt, ours


def desktop_files(*, install: bool) -> int:
    """Install or uninstall the desktop menu entry, icon, MIME type and AppStream data; say what happened."""
    from timeline_app import desktop_install

    try:
        paths, said = desktop_install.install() if install else desktop_install.uninstall()
    except OSError as error:
        print(f"timeline-app: cannot {'install' if install else 'remove'} the desktop files: "
              f"{error.strerror or error} ({error.filename or desktop_install.data_home()})", file=sys.stderr)
        return EXIT_UNREADABLE
    for path in paths:
        print(f"timeline-app: {'wrote' if install else 'removed'} {path}", file=sys.stderr)
    if not install and not paths:
        print("timeline-app: no desktop files of this app were installed", file=sys.stderr)
    for note in said:
        print(f"timeline-app: {note}", file=sys.stderr)
    return EXIT_OK


def _asked_view(view_from: str | None, view_to: str | None) -> tuple[float | None, float | None] | int | None:
    """The stretch of time --from and --to ask for (None: not asked), or the exit status of a bad date."""
    if view_from is None and view_to is None:
        return None
    from timeline_app.model.dates import DateError, parse_date

    try:
        start, end = (parse_date(text, allow_ongoing=True) if text else None for text in (view_from, view_to))
    except DateError as error:
        print(f"timeline-app: {error}", file=sys.stderr)
        return EXIT_ERRORS
    if start is not None and end is not None and end.latest <= start.earliest:
        print("timeline-app: --to must come after --from", file=sys.stderr)
        return EXIT_ERRORS
    return (start.earliest if start else None, end.latest if end else None)


def _export_size(text: str) -> tuple[int, int] | None:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        return None
    size = (int(width), int(height))
    # No smaller than the timeline's least size below a title and legend.
    return size if 400 <= size[0] <= 20000 and 300 <= size[1] <= 20000 else None


def export_file(out: Path, source: Path, size_text: str, view_from: str | None, view_to: str | None,
                whole: bool = False, scale: float = 2.0) -> int:
    """Render ``source`` to ``out`` without a window; the format follows the extension."""
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        print(f"timeline-app: cannot export to {out.name}: use a .png, .svg or .pdf file name", file=sys.stderr)
        return EXIT_ERRORS
    size = _export_size(size_text)
    if size is None:
        print(f'timeline-app: --size "{size_text}" is not a size; write WIDTHxHEIGHT from 400x300 to'
              ' 20000x20000, e.g. 1600x900', file=sys.stderr)
        return EXIT_ERRORS
    if not 1 <= scale <= 4:
        print(f"timeline-app: --scale {scale:g} is out of range; use 1 to 4", file=sys.stderr)
        return EXIT_ERRORS
    asked = _asked_view(view_from, view_to)
    if isinstance(asked, int):
        return asked
    document = load_for_command(source)
    if isinstance(document, int):
        return document
    from timeline_app.ui.export import ExportOptions, InvertedViewError, export_document

    options = ExportOptions(whole=whole, scale=scale, title=document.title or source.name)
    try:
        export_document(document, out, size, asked, options)
    except InvertedViewError as error:  # one end asked for lies beyond the other, taken from the first view
        print(f"timeline-app: {error}", file=sys.stderr)
        return EXIT_ERRORS
    except OSError as error:
        print(f"timeline-app: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"timeline-app: wrote {out} ({size[0]}x{size[1]}, {len(document.events)} events)", file=sys.stderr)
    return EXIT_OK
