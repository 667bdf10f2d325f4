"""The house on one page: its forums and communities with their leads and members, the
decisions in force, and the leadership tasks with how aligned they are. Markdown, HTML
(standalone, printable) or JSON; people's text is escaped as in the minutes."""

import json
from collections.abc import Callable
from html import escape
from typing import Any

from retro_tui.domain import clock
from retro_tui.domain.decisions import in_force
from retro_tui.domain.house import house_map
from retro_tui.domain.tasks import DIMENSIONS, list_tasks
from retro_tui.domain.team import get_team, team_language
from retro_tui.export.html import STYLE, tag
from retro_tui.export.markdown import escape_markdown
from retro_tui.i18n import N_, _, language, using
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


# A group's standing roles, each with its holder's name.
LEADS = (
    ("lead", N_("Lead: {name}")),
    ("co_lead", N_("Co-lead: {name}")),
    ("host", N_("Host: {name}")),
)


def _leads(group: dict[str, Any], escape: Callable[[Any], str]) -> list[str]:
    return [_(label).format(name=escape(group[key])) for key, label in LEADS if group.get(key)]


def _focus(group: dict[str, Any], escape: Callable[[Any], str]) -> str:
    """What kind of group it is, and its area or topic."""
    if group["kind"] == "forum":
        return _("Decision forum: {area}").format(area=escape(group["area"] or group["topic"]))
    return _("Knowledge community: {topic}").format(topic=escape(group["area"] or group["topic"]))


def _members(names: str) -> str:
    return _("Members: {names}").format(names=names) if names else _("Members: nobody")


def _meets(plan: str | None) -> str:
    return _("Meets: {plan}").format(plan=plan) if plan else _("Meets: when it plans a meeting")


def _decided(day: str, review: str | None) -> str:
    """When a decision in force was taken, and when it is to be reviewed."""
    return _("{date}, review {review}").format(date=day, review=review) if review else day


def _handed(task: dict[str, Any], escape: Callable[[Any], str], state: str) -> str:
    """Who handed the task to whom, and `state`: why it needs attention, or "aligned"."""
    return _("Handed by {giver} to {holder}; {state}.").format(
        giver=escape(task["from"]), holder=escape(task["holder"]), state=state
    )


def render_house_markdown(house: dict[str, Any]) -> str:
    md = escape_markdown

    def inline(value: Any) -> str:
        return escape_markdown(value, line_start=False)

    out = [
        f"# {inline(house['house'])}",
        "",
        _("The house's groups on {day}.").format(day=house["on"]),
        "",
    ]
    if house["purpose"]:
        out += [md(house["purpose"]), ""]
    for group in house["groups"]:
        out += [f"## {inline(group['name'])}", "", _focus(group, inline), ""]
        out += [f"- {line}" for line in _leads(group, inline)]
        out.append(f"- {_members(', '.join(inline(m) for m in group['members']))}")
        out.append(f"- {_meets(group['meets'])}")
        if group["next_meeting"]:
            out.append("- " + _("Next meeting: {day}").format(day=group["next_meeting"]))
        if group["decisions_in_force"]:
            out += ["", _("Decisions in force:"), ""]
            for d in group["decisions_in_force"]:
                out.append(f"- {inline(d['text'])} ({_decided(d['date'], d['review'])})")
        out.append("")
    if house["tasks"]:
        out += ["## " + _("Leadership tasks"), ""]
    for task in house["tasks"]:
        out += [f"### {inline(task['name'])}", ""]
        out.append(_handed(task, inline, task["attention"] or _("aligned")))
        if task["agreement"]:
            out.append("")
            for dimension in DIMENSIONS:
                out.append(f"- {_(dimension.name)}: {inline(task['agreement'][dimension.key])}")
        out.append("")
    return clean_text("\n".join(out).rstrip() + "\n")


def render_house_html(house: dict[str, Any]) -> str:
    def e(value: Any) -> str:
        return escape(str(value)) if value is not None else ""

    body = [
        f"<h1>{e(house['house'])}</h1>",
        "<p class=sub>" + _("The house's groups on {day}.").format(day=e(house["on"])) + "</p>",
    ]
    if house["purpose"]:
        body.append(f"<p>{e(house['purpose'])}</p>")
    for group in house["groups"]:
        items = _leads(group, e)
        items.append(_members(e(", ".join(group["members"]))))
        items.append(_meets(e(group["meets"]) if group["meets"] else None))
        if group["next_meeting"]:
            items.append(_("Next meeting: {day}").format(day=e(group["next_meeting"])))
        body += [
            f"<h2>{e(group['name'])}</h2>",
            f"<p>{_focus(group, e)}</p>",
            "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>",
        ]
        if group["decisions_in_force"]:
            body.append(tag("p", _("Decisions in force:")) + "<ul>")
            for d in group["decisions_in_force"]:
                decided = _decided(e(d["date"]), e(d["review"]) if d["review"] else None)
                body.append(f"<li>{e(d['text'])} ({decided})</li>")
            body.append("</ul>")
    if house["tasks"]:
        body.append(tag("h2", _("Leadership tasks")))
    for task in house["tasks"]:
        state = e(task["attention"] or _("aligned"))
        body += [f"<h3>{e(task['name'])}</h3>", f"<p>{_handed(task, e, state)}</p>"]
        if task["agreement"]:
            rows = "".join(
                f"<tr><td>{_(d.name)}</td><td>{e(task['agreement'][d.key])}</td></tr>"
                for d in DIMENSIONS
            )
            body.append(f"<table>{rows}</table>")
    page = (
        f"<!doctype html>\n<html lang={language()}><head><meta charset=utf-8><title>{e(house['house'])}</title>"
        f"<style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )  # i18n: not shown
    return clean_text(page)


def export_house(store: Store, fmt: str = "md") -> str:
    """The house's page in `fmt` (md, html or json)."""
    with using(team_language(store)):  # the team's language, whoever exports it
        house = gather_house(store)
        if fmt == "json":
            return json.dumps(house, ensure_ascii=False, indent=2) + "\n"
        return render_house_html(house) if fmt == "html" else render_house_markdown(house)
