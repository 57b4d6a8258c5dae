"""`timeline eval-events`: score `timeline.events.classify` on CASE 2021 Task 2 style snippets.

The file is tab-separated with a header: id, snippet, CASE label. The 25 ACLED labels map to ACLED
(event type, sub-type); the five non-ACLED labels (disasters, organised crime, diplomacy, attribution)
should come out as "Other". Scores follow the task's subtask 1: over the snippets with an ACLED label,
weighted (by gold support), micro and macro F1 of the sub-type, plus six-type accuracy. The file is
split in two halves in file order so rules can be written looking at the first and checked on the
second (an estimate for held-back data).
"""
from __future__ import annotations

import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

import click

#: CASE 2021 Task 2 label -> (ACLED event type, ACLED sub-event type); None: not an ACLED event.
CASE_LABELS: dict[str, tuple[str, str] | None] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
    "NATURAL_DISASTER": None, "MAN_MADE_DISASTER": None, "ORG_CRIME": None, "DIPLO": None, "ATTRIB": None,
}
NONE = "(none)"


def load_snippets(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, CASE label) rows of a CASE 2021 Task 2 TSV file."""
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or len(rows[0]) < 3:
        raise click.ClickException(f"{path}: expected a header row 'id<TAB>EventSnippet<TAB>SubType'")
    out = []
    for lineno, row in enumerate(rows[1:], 2):
        if not row:
            continue
        if len(row) < 3 or row[2] not in CASE_LABELS:
            raise click.ClickException(f"{path}:{lineno}: expected id, snippet and one of the CASE labels")
        out.append((row[0], row[1], row[2]))
    return out


def sub_label(event_type: str, sub_type: str | None) -> str:
    """The scored label of a prediction: the ACLED sub-type, or NONE for "Other"."""
    return NONE if event_type == "Other" or not sub_type else sub_type


def scores(gold: list[tuple[str, str]], pred: list[tuple[str, str | None]]) -> dict:
    """Weighted / micro / macro F1 over ACLED sub-types and type accuracy, over gold ACLED snippets only."""
    pairs = [(g, p) for g, p in zip(gold, pred)]
    labels = sorted({g[1] for g, _ in pairs})
    n = len(pairs)
    per: dict[str, dict] = {}
    tp_all = fp_all = 0
    for lab in labels:
        tp = sum(1 for g, p in pairs if g[1] == lab and sub_label(*p) == lab)
        fp = sum(1 for g, p in pairs if g[1] != lab and sub_label(*p) == lab)
        fn = sum(1 for g, p in pairs if g[1] == lab and sub_label(*p) != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"support": tp + fn, "precision": prec, "recall": rec, "f1": f1}
        tp_all += tp
        fp_all += fp
    micro_p = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    micro_r = tp_all / n if n else 0.0
    micro = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    weighted = sum(v["f1"] * v["support"] for v in per.values()) / n if n else 0.0
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    type_acc = sum(1 for g, p in pairs if g[0] == p[0]) / n if n else 0.0
    return {"snippets": n, "weighted_f1": weighted, "micro_f1": micro, "macro_f1": macro,
            "type_accuracy": type_acc, "per_label": per}


def evaluate(rows: list[tuple[str, str, str]]) -> dict:
    """Classify every snippet; score the ACLED-labelled ones; count confusions and non-ACLED false alarms."""
    from timeline.events.classify import classify

    t0 = time.perf_counter()
    preds = [classify(text) for _, text, _ in rows]
    spent = time.perf_counter() - t0
    gold, pred, confusions, records = [], [], Counter(), []
    other_ok = other_n = 0
    for (ident, text, label), c in zip(rows, preds):
        p = (c.event_type, c.sub_type)
        acled = CASE_LABELS[label]
        records.append({"id": ident, "label": label, "gold": acled, "pred": p, "text": text})
        if acled is None:
            other_n += 1
            other_ok += c.event_type == "Other"
            if c.event_type != "Other":
                confusions[(f"{label} (not ACLED)", sub_label(*p))] += 1
            continue
        gold.append(acled)
        pred.append(p)
        if sub_label(*p) != acled[1]:
            confusions[(acled[1], sub_label(*p))] += 1
    out = scores(gold, pred)
    out["not_acled"] = {"snippets": other_n, "other_accuracy": other_ok / other_n if other_n else 0.0}
    out["confusions"] = confusions
    out["records"] = records
    out["sentences_per_s"] = len(rows) / spent if spent else 0.0
    return out


def _line(name: str, m: dict) -> str:
    return (f"{name:<14}{m['snippets']:>6}{m['weighted_f1']:>10.3f}{m['micro_f1']:>9.3f}{m['macro_f1']:>9.3f}"
            f"{m['type_accuracy']:>10.3f}{m['not_acled']['other_accuracy']:>12.3f}")


@click.command("eval-events")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--half", type=click.Choice(["all", "first", "second"]), default="all",
              help="Which half of the file (file order) to list confusions and errors for.")
@click.option("--top", type=int, default=15, show_default=True, help="How many confusions to list.")
@click.option("--errors", is_flag=True, help="Print every misclassified snippet of the chosen half.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_events(path: Path, half: str, top: int, errors: bool, as_json: bool) -> None:
    """Score event types and sub-types on a CASE 2021 Task 2 TSV file (weighted F1 over ACLED sub-types)."""
    rows = load_snippets(path)
    mid = (len(rows) + 1) // 2
    parts = {"all": rows, "first": rows[:mid], "second": rows[mid:]}
    results = {name: evaluate(part) for name, part in parts.items()}
    if as_json:
        click.echo(json.dumps({k: {x: y for x, y in v.items() if x not in ("records", "confusions", "per_label")}
                               for k, v in results.items()}, indent=2))
        return
    click.echo(f"{'part':<14}{'n':>6}{'weighted':>10}{'micro':>9}{'macro':>9}{'type acc':>10}{'Other acc':>12}")
    for name, m in results.items():
        click.echo(_line(name, m))
    click.echo("(F1 over the snippets with an ACLED label; 'Other acc': non-ACLED snippets typed Other; "
               f"{results['all']['sentences_per_s']:.0f} snippets/s)")
    chosen = results[half]
    click.echo(f"\nworst confusions ({half}): gold -> predicted")
    for (g, p), k in chosen["confusions"].most_common(top):
        click.echo(f"{k:>4}  {g} -> {p}")
    if errors:
        click.echo("")
        for r in chosen["records"]:
            g = r["gold"][1] if r["gold"] else NONE
            p = sub_label(*r["pred"])
            if g != p and not (r["gold"] is None and r["pred"][0] == "Other"):
                click.echo(f"[{r['id']}] {r['label']} -> {r['pred'][0]} / {p}\n    {r['text'][:400]}")
