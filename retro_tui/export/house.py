"""The house on one page: its forums and communities with their leads and members, the
decisions in force, and the leadership tasks with how aligned they are. Markdown, HTML
(standalone, printable) or JSON; people's text is escaped as in the minutes."""

import json
from html import escape
from typing import Any

from retro_tui.domain import clock
from retro_tui.domain.decisions import in_force
from retro_tui.domain.house import house_map
from retro_tui.domain.tasks import DIMENSIONS, list_tasks
from retro_tui.domain.team import get_team
from retro_tui.export.html import STYLE
from retro_tui.export.markdown import escape_markdown
from retro_tui.store import Store, clean_text

HOUSE_FORMATS = ("md", "html", "json")


def gather_house(store: Store) -> dict[str, Any]:
    team = get_team(store)
    today = clock.today()
    groups = []
    for view in house_map(store):
        group = view.group
        decisions = in_force(store, group.key) if group.kind_info.decides else []
        groups.append(
            {
                **view.as_json(),
                "since": group.since,
                "decisions_in_force": [
                    {"id": d.record, "date": d.date, "text": d.text, "review": d.review}
                    for d in decisions
                ],
            }
        )
    tasks = []
    for task in list_tasks(store):
        checked = task.last_revealed
        tasks.append(
            {
                "name": task.name,
                "from": task.handed_by,
                "holder": task.holder,
                "group": task.group,
                "agreement": task.agreement.texts if task.agreement else None,
                "check_in": task.agreement.check_in if task.agreement else None,
                "last_checked": checked.started[:10] if checked else None,
                "not_aligned": task.flags(),
                "attention": task.needs_attention(today),
            }
        )
    return {
        "house": team.name,
        "purpose": team.purpose,
        "on": today.isoformat(),
        "groups": groups,
        "tasks": tasks,
    }


def _leads(group: dict[str, Any]) -> list[tuple[str, str]]:
    pairs = (("lead", "Lead"), ("co_lead", "Co-lead"), ("host", "Host"))
    return [(label, group[key]) for key, label in pairs if group.get(key)]


def render_house_markdown(house: dict[str, Any]) -> str:
    md = escape_markdown

    def inline(value: Any) -> str:
        return escape_markdown(value, line_start=False)

    out = [f"# {inline(house['house'])}", "", f"The house's groups on {house['on']}.", ""]
    if house["purpose"]:
        out += [md(house["purpose"]), ""]
    for group in house["groups"]:
        kind = "Decision forum" if group["kind"] == "forum" else "Knowledge community"
        focus = group["area"] or group["topic"]
        out += [f"## {inline(group['name'])}", "", f"{kind}: {inline(focus)}", ""]
        out += [f"- {label}: {inline(name)}" for label, name in _leads(group)]
        out.append(f"- Members: {', '.join(inline(m) for m in group['members']) or 'nobody'}")
        out.append(f"- Meets: {group['meets'] or 'when it plans a meeting'}")
        if group["next_meeting"]:
            out.append(f"- Next meeting: {group['next_meeting']}")
        if group["decisions_in_force"]:
            out += ["", "Decisions in force:", ""]
            for d in group["decisions_in_force"]:
                review = f", review {d['review']}" if d["review"] else ""
                out.append(f"- {inline(d['text'])} ({d['date']}{review})")
        out.append("")
    if house["tasks"]:
        out += ["## Leadership tasks", ""]
    for task in house["tasks"]:
        state = task["attention"] or "aligned"
        out += [f"### {inline(task['name'])}", ""]
        out.append(f"Handed by {inline(task['from'])} to {inline(task['holder'])}; {state}.")
        if task["agreement"]:
            out.append("")
            for dimension in DIMENSIONS:
                out.append(f"- {dimension.name}: {inline(task['agreement'][dimension.key])}")
        out.append("")
    return clean_text("\n".join(out).rstrip() + "\n")


def render_house_html(house: dict[str, Any]) -> str:
    def e(value: Any) -> str:
        return escape(str(value)) if value is not None else ""

    body = [
        f"<h1>{e(house['house'])}</h1>",
        f"<p class=sub>The house's groups on {e(house['on'])}.</p>",
    ]
    if house["purpose"]:
        body.append(f"<p>{e(house['purpose'])}</p>")
    for group in house["groups"]:
        kind = "Decision forum" if group["kind"] == "forum" else "Knowledge community"
        items = [f"{label}: {e(name)}" for label, name in _leads(group)]
        items.append(f"Members: {e(', '.join(group['members'])) or 'nobody'}")
        items.append(f"Meets: {e(group['meets'] or 'when it plans a meeting')}")
        if group["next_meeting"]:
            items.append(f"Next meeting: {e(group['next_meeting'])}")
        body += [
            f"<h2>{e(group['name'])}</h2>",
            f"<p>{kind}: {e(group['area'] or group['topic'])}</p>",
            "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>",
        ]
        if group["decisions_in_force"]:
            body.append("<p>Decisions in force:</p><ul>")
            for d in group["decisions_in_force"]:
                review = f", review {e(d['review'])}" if d["review"] else ""
                body.append(f"<li>{e(d['text'])} ({e(d['date'])}{review})</li>")
            body.append("</ul>")
    if house["tasks"]:
        body.append("<h2>Leadership tasks</h2>")
    for task in house["tasks"]:
        state = e(task["attention"] or "aligned")
        body += [
            f"<h3>{e(task['name'])}</h3>",
            f"<p>Handed by {e(task['from'])} to {e(task['holder'])}; {state}.</p>",
        ]
        if task["agreement"]:
            rows = "".join(
                f"<tr><td>{d.name}</td><td>{e(task['agreement'][d.key])}</td></tr>"
                for d in DIMENSIONS
            )
            body.append(f"<table>{rows}</table>")
    page = (
        f"<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>{e(house['house'])}</title>"
        f"<style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
    return clean_text(page)


def export_house(store: Store, fmt: str = "md") -> str:
    """The house's page in `fmt` (md, html or json)."""
    house = gather_house(store)
    if fmt == "json":
        return json.dumps(house, ensure_ascii=False, indent=2) + "\n"
    return render_house_html(house) if fmt == "html" else render_house_markdown(house)
