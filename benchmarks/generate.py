"""Generated events.json files for the benchmarks: realistic mixes, reproducible by seed.

    python benchmarks/generate.py 20000 big.json            # 20,000 events over 1990-2030
    python benchmarks/generate.py 1000000 huge.json --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

CATEGORIES = {
    "deal": "#0072B2", "talent": "#D55E00", "customers": "#E69F00", "product": "#009E73",
    "legal": "#CC79A7", "labor": "#56B4E9", "military": "#8C8C8C", "commentary": "#F0E442",
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WORDS = ("merger", "announcement", "report", "filing", "court", "model", "release", "delay",
         "contract", "review", "investment", "customer", "lab", "research", "policy", "hearing")


def _date_text(rng: random.Random, year: int, month: int, day: int) -> str:
    """Mostly ISO days, as real files are, with every other form mixed in."""
    roll = rng.random()
    if roll < 0.60:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if roll < 0.75:
        return f"{year:04d}-{month:02d}"
    if roll < 0.82:
        return f"{MONTHS[month - 1]} {year}"
    if roll < 0.88:
        return f"{year:04d}-{month:02d}-{day:02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}Z"
    if roll < 0.92:
        return f"{('early', 'mid', 'late')[(month - 1) // 4]} {year}"
    if roll < 0.95:
        return f"Q{(month - 1) // 3 + 1} {year}"
    if roll < 0.98:
        return f"c. {year}"
    return str(year)


ERAS = (("The nineties", "1990", "1999", "#56B4E9"), ("Dot-com boom", "c. 1995", "late 2001?", "#E69F00"),
        ("Financial crisis", "2007-08", "2009-06", "#CC79A7"), ("The twenties", "2020", "2029", "#009E73"),
        ("Pandemic", "2020-03", "c. 2022", "#D55E00"))


def generate_events(count: int, seed: int = 1) -> dict[str, object]:
    """``count`` events over 1990–2030: 20% ranges, eight categories, ~200-character descriptions."""
    rng = random.Random(seed)
    events = []
    for index in range(count):
        year, month, day = rng.randint(1990, 2029), rng.randint(1, 12), rng.randint(1, 28)
        event: dict[str, object] = {
            "id": f"e{index}",
            "title": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} #{index}",
            "start": _date_text(rng, year, month, day),
        }
        if rng.random() < 0.2:
            end_year = year + rng.randint(0, 3)
            event["end"] = f"{end_year:04d}-{rng.randint(1, 12):02d}" if end_year > year else f"{year + 1}"
        event["category"] = rng.choice(list(CATEGORIES))
        event["actors"] = rng.sample(("Meta", "Scale AI", "Google", "OpenAI", "FTC", "Microsoft"), 2)
        event["description"] = " ".join(rng.choice(WORDS) for _ in range(26))[:200] + "."
        event["sources"] = [{"title": "Report", "publisher": "Reuters", "date": "2025-06-13",
                             "url": f"https://example.org/{index}"}]
        events.append(event)
    return {
        "title": f"{count} generated events",
        "categories": {key: {"label": key.title(), "color": color} for key, color in CATEGORIES.items()},
        # A few periods, overlapping and with imprecise ends, so frames paint eras as a real file's do.
        "eras": [{"title": title, "start": start, "end": end, "color": color} for title, start, end, color in ERAS],
        "events": events,
    }


def write_events(count: int, path: Path, seed: int = 1) -> Path:
    path.write_text(json.dumps(generate_events(count, seed), indent=1), encoding="utf-8")
    return path


def write_events_apart(count: int, path: Path, seed: int = 1) -> Path:
    """:func:`write_events` in a process of its own, so the caller's memory peak stays its own.

    On Linux a child keeps its parent's high-water mark (ru_maxrss) across fork and exec:
    a file generated in the measuring process's parent would count in the figure.
    """
    subprocess.run([sys.executable, __file__, str(count), str(path), "--seed", str(seed)], check=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="how many events")
    parser.add_argument("path", type=Path, help="the events.json file to write")
    parser.add_argument("--seed", type=int, default=1, help="the same seed makes the same file")
    args = parser.parse_args()
    write_events(args.count, args.path, args.seed)
    print(f"wrote {args.count:,} events to {args.path}", file=sys.stderr)


if __name__ == "__main__":
    main()
