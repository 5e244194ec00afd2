import csv
from datetime import datetime


class Report:
    """Rows of (figure, value, unit, note), printed as they come and saved as Markdown and CSV."""

    def __init__(self, folder, name):
        self.folder = folder
        self.name = name
        self.rows = []

    def note(self, text):
        print(f"\n## {text}\n", flush=True)

    def add(self, figure, value, unit="", note=""):
        self.rows.append((figure, value, unit, note))
        shown = _shown(value, unit)
        print(f"| {figure} | {shown} {unit} | {note} |", flush=True)

    def write(self):
        self.folder.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        markdown = self.folder / f"{self.name}-{stamp}.md"
        with markdown.open("w") as out:
            out.write(f"# {self.name}\n\n| figure | value | unit | note |\n|---|---:|---|---|\n")
            for figure, value, unit, note in self.rows:
                shown = _shown(value, unit)
                out.write(f"| {figure} | {shown} | {unit} | {note} |\n")
        with (self.folder / f"{self.name}-{stamp}.csv").open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["figure", "value", "unit", "note"])
            writer.writerows(self.rows)
        print(f"\nSaved {markdown}", flush=True)


def _shown(value, unit):
    if not isinstance(value, float):
        return str(value)
    # A ratio's aim (0.5×) needs the second decimal.
    return f"{value:.2f}" if unit == "×" else f"{value:.1f}"
