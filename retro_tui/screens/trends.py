"""Trends: what changes over months, drawn in the terminal. Check-in energy, the health
check per principle, tensions per principle, how actions ended, and lessons per principle,
for the whole house or one group, over the last quarters."""

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Static
from textual_plotext import PlotextPlot

from retro_tui.domain.groups import list_groups
from retro_tui.domain.health import DISAGREEMENT
from retro_tui.domain.team import get_team
from retro_tui.domain.trends import (
    OUTCOME_LABELS,
    PrincipleHealthTrend,
    QuarterBars,
    Trends,
    gather_trends,
    last_quarters,
)
from retro_tui.i18n import N_, _, decimal, language, ngettext, pgettext
from retro_tui.screens.live import LiveScreen
from retro_tui.store import TEAM
from retro_tui.widgets.footer import KeysFooter
from retro_tui.widgets.top_bar import TopBar

PERIODS = (4, 8, 20)  # quarters
FOLLOWED = ("meeting", "actions-", "lessons-")  # the store files the charts count
FOLLOW_SECONDS = 2.0
TOP_PRINCIPLES = 3  # principles a chart names, so its legend stays readable
OUTCOME_COLORS = {
    "done-on-time": "green",
    "done-late": "orange",
    "dropped": "gray",
    "open": "blue",
    "overdue": "red",
}


@dataclass(frozen=True)
class Chart:
    key: str
    title: str


CHARTS = (
    Chart("energy", N_("Energy")),
    Chart("health", N_("Health")),
    Chart("tensions", N_("Tensions")),
    Chart("actions", N_("Actions")),
    Chart("lessons", N_("Lessons")),
)


PRINCIPLE_COLORS = ["orange", "cyan", "magenta", "gray"]
# The charts counted by principle: title, what they show in words, and what when empty.
BY_PRINCIPLE = {
    "tensions": (
        N_("Tensions per quarter, by principle"),
        N_("Most often in tension: {principles}."),
        N_("No agenda item was in tension with a principle in this period."),
    ),
    "lessons": (
        N_("Lessons per quarter, by the principles they touch"),
        N_(
            "Lessons touched most: {principles}. "
            "A failure that taught us something is worth keeping."
        ),
        N_("No lessons were written in this period."),
    ),
}


def whole_ticks(plt, highest: int, axis: str = "y") -> None:
    """Whole numbers on the axis of counts: counts have no thirds."""
    step = max(1, -(-highest // 5))
    getattr(plt, f"{axis}ticks")(list(range(0, highest + step, step)))


def percent(whole: int) -> str:
    """`57%` or `57 %`, as the language in use writes a share."""
    from babel.numbers import format_percent

    return format_percent(whole / 100, locale=language())


def short(label: str, width: int = 14) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


class TrendsScreen(LiveScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="trends.back"),
        Binding("1", "chart('energy')", N_("Charts"), id="trends.energy", key_display="1-5"),
        *(
            Binding(str(n), f"chart('{c.key}')", c.title, id=f"trends.{c.key}", show=False)
            for n, c in enumerate(CHARTS[1:], start=2)
        ),
        Binding("p", "period", N_("Period"), id="trends.period"),
        Binding("g", "group", N_("Groups"), id="trends.group"),
        Binding("r", "report", N_("Report"), id="trends.report"),
        Binding("comma", "principle(-1)", N_("Principle"), id="trends.principle", key_display=",."),
        Binding("full_stop", "principle(1)", N_("Next principle"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chart = CHARTS[0].key
        self.period = PERIODS[0]
        self.groups = [None, *(g.key for g in list_groups(self.app.store))]
        self.group_index = 0
        self.principle_index = 0
        self.trends: Trends | None = None
        self.reload_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TopBar()
        yield Static(id="trends-bar", markup=False)
        with ContentSwitcher(id="trends-body", initial=self.chart):
            for chart in CHARTS:
                with Vertical(id=chart.key, classes="trend"):
                    yield PlotextPlot(id=f"{chart.key}-plot")
                    yield Static(id=f"{chart.key}-summary", classes="trend-summary", markup=False)
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(TopBar).show(get_team(self.app.store).name, self.app.me, _("Trends"))
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "principle":
            return self.chart == "health"
        return True

    def shows(self, name: str) -> bool:
        """What the charts count: meetings and their content, actions, lessons, the team's
        principles and groups."""
        return name == TEAM or name.startswith(FOLLOWED)

    def follow_store(self, changed: frozenset[str]) -> None:
        """Draw again after the writes of a moment: a meeting in full swing writes a card
        every few seconds, and the charts count months."""
        if self.reload_timer is None:
            self.reload_timer = self.set_timer(FOLLOW_SECONDS, self.reload_followed)

    def reload_followed(self) -> None:
        self.reload_timer = None
        self.reload()

    @property
    def group(self) -> str | None:
        return self.groups[self.group_index]

    def reload(self) -> None:
        start, end = last_quarters(self.period)
        found = self.app.attempt(gather_trends, self.app.store, start, end, self.group)
        if found is None:
            return
        self.trends = found
        self.draw()

    def draw(self) -> None:
        self.query_one("#trends-bar", Static).update(self.bar_text())
        self.query_one(ContentSwitcher).current = self.chart
        getattr(self, f"draw_{self.chart}")()

    def bar_text(self) -> Text:
        names = {g.key: g.name for g in list_groups(self.app.store)}
        scope = names.get(self.group, self.group) if self.group else _("The whole house")
        assert self.trends is not None
        title = next(_(c.title) for c in CHARTS if c.key == self.chart)
        period = ngettext(
            "{start} to {end} ({count} quarter)", "{start} to {end} ({count} quarters)", self.period
        ).format(start=self.trends.start, end=self.trends.end, count=self.period)
        return Text.assemble(
            (title, "bold reverse"),  # i18n: not shown
            "  ",
            (scope or "", "bold"),
            f" · {period}",
        )

    def plot(self, key: str) -> PlotextPlot:
        plot = self.query_one(f"#{key}-plot", PlotextPlot)
        plot.plt.clear_data()
        plot.plt.clear_figure()
        return plot

    def summary(self, key: str, text: str) -> None:
        self.query_one(f"#{key}-summary", Static).update(text)

    def draw_energy(self) -> None:
        assert self.trends is not None
        plot = self.plot("energy")
        points = self.trends.energy
        plt = plot.plt
        plt.title(_("Check-in energy per meeting (1 drained, 5 full of it)"))
        plt.ylim(1, 5)
        if points:
            xs = list(range(len(points)))
            plt.plot(xs, [p.average for p in points], marker="hd", color="cyan")
            plt.yticks([1, 2, 3, 4, 5])
            ticks = sorted({0, len(points) // 2, len(points) - 1})
            plt.xticks(ticks, [points[i].date for i in ticks])
            first, last = points[0].average, points[-1].average
            mean = sum(p.average for p in points) / len(points)
            summary = ngettext(
                "{count} meeting with a check-in; on average {mean}. "
                "The first gave {first}, the latest {last}.",
                "{count} meetings with a check-in; on average {mean}. "
                "The first gave {first}, the latest {last}.",
                len(points),
            )
            self.summary(
                "energy",
                summary.format(
                    count=len(points), mean=decimal(mean), first=decimal(first), last=decimal(last)
                ),
            )
        else:
            self.summary("energy", _("No check-ins in this period yet."))
        plot.refresh()

    def principle_trend(self) -> PrincipleHealthTrend | None:
        assert self.trends is not None
        trends = self.trends.health
        return trends[self.principle_index % len(trends)] if trends else None

    def draw_health(self) -> None:
        plot = self.plot("health")
        plt = plot.plt
        trend = self.principle_trend()
        if trend is None:
            self.summary("health", _("The team has no principles."))
            plot.refresh()
            return
        plt.title(
            _("Health check: {principle}  (, and . for another principle)").format(
                principle=trend.name
            )
        )
        labels = [q.quarter for q in trend.quarters]
        xs = list(range(len(labels)))
        held = [(x, q) for x, q in zip(xs, trend.quarters, strict=True) if q.ratings]
        if held:
            where = [x for x, __ in held]
            means = [q.mean for __, q in held]
            plt.bar(where, means, width=0.4, color="cyan", label=pgettext("average", "mean"))
            highest = [q.ratings[-1] for __, q in held]
            lowest = [q.ratings[0] for __, q in held]
            plt.scatter(where, highest, marker="▲", color="green", label=_("highest"))
            plt.scatter(where, lowest, marker="▼", color="red", label=_("lowest"))
        plt.xticks(xs, labels)
        plt.yticks([1, 2, 3, 4, 5])
        plt.ylim(0, 5.5)
        plt.xlim(-0.5, len(labels) - 0.5)
        if not held:
            self.summary("health", _("No health check was revealed in this period."))
        else:
            last = held[-1][1]
            moved = trend.moved()
            text = _("{principle}: latest mean {mean}, answers from {lowest} to {highest}.").format(
                principle=trend.name,
                mean=decimal(last.mean),
                lowest=last.ratings[0],
                highest=last.ratings[-1],
            )
            if moved:
                text += " " + _("It moved from {first} to {last} over the period.").format(
                    first=decimal(moved[0]), last=decimal(moved[1])
                )
            if last.ratings[-1] - last.ratings[0] >= DISAGREEMENT:
                text += " " + _("The team sees it very differently.")
            self.summary("health", text)
        plot.refresh()

    def draw_tensions(self) -> None:
        assert self.trends is not None
        self.draw_by_principle("tensions", self.trends.tensions)

    def draw_lessons(self) -> None:
        assert self.trends is not None
        self.draw_by_principle("lessons", self.trends.lessons)

    def draw_by_principle(self, key: str, quarters: list[QuarterBars]) -> None:
        """Stacked bars per quarter: the principles counted most, each in its colour, the
        rest together; and under them what they show, in words."""
        title, said, nothing = BY_PRINCIPLE[key]
        plot = self.plot(key)
        plt = plot.plt
        plt.title(_(title))
        totals: dict[str, int] = {}
        names: dict[str, str] = {}
        for quarter in quarters:
            for bar in quarter.bars:
                totals[bar.key] = totals.get(bar.key, 0) + bar.count
                names[bar.key] = bar.label
        top = [k for k in sorted(totals, key=lambda k: -totals[k]) if totals[k]][:TOP_PRINCIPLES]
        if not top:
            self.summary(key, _(nothing))
            plot.refresh()
            return
        series = [[next(b.count for b in q.bars if b.key == k) for q in quarters] for k in top]
        others = [sum(b.count for b in q.bars if b.key not in top) for q in quarters]
        labels = [short(names[k], 24) for k in top]
        if any(others):
            series, labels = [*series, others], [*labels, _("the other principles")]
        plt.stacked_bar(
            [q.quarter for q in quarters],
            series,
            labels=labels,
            color=PRINCIPLE_COLORS[: len(series)],
            width=0.5,
        )
        whole_ticks(plt, max(map(sum, zip(*series, strict=True))))
        counted = ", ".join(f"{names[k]} ({totals[k]})" for k in top)
        self.summary(key, _(said).format(principles=counted))
        plot.refresh()

    def draw_actions(self) -> None:
        assert self.trends is not None
        plot = self.plot("actions")
        plt = plot.plt
        quarters = self.trends.actions
        keys = list(OUTCOME_LABELS)
        series = [[next(b.count for b in q.bars if b.key == k) for q in quarters] for k in keys]
        plt.title(_("Actions by the quarter they were agreed, and how they ended"))
        if any(map(any, series)):
            plt.stacked_bar(
                [q.quarter for q in quarters],
                series,
                labels=[_(OUTCOME_LABELS[k]) for k in keys],
                color=[OUTCOME_COLORS[k] for k in keys],
                width=0.5,
            )
            whole_ticks(plt, max(map(sum, zip(*series, strict=True))))
            totals = {k: sum(s) for k, s in zip(keys, series, strict=True)}
            done = totals["done-on-time"] + totals["done-late"]
            count = sum(totals.values())
            summary = ngettext(
                "{count} action: {on_time} done on time, {late} late, {dropped} dropped, "
                "{open} open ({overdue} overdue).",
                "{count} actions: {on_time} done on time, {late} late, {dropped} dropped, "
                "{open} open ({overdue} overdue).",
                count,
            ).format(
                count=count,
                on_time=totals["done-on-time"],
                late=totals["done-late"],
                dropped=totals["dropped"],
                open=totals["open"] + totals["overdue"],
                overdue=totals["overdue"],
            )
            if done:
                on_time = percent(totals["done-on-time"] * 100 // done)
                summary += " " + _("{percent} of those done were on time.").format(percent=on_time)
            else:
                summary += " "
            self.summary("actions", summary)
        else:
            self.summary("actions", _("No actions were agreed in this period."))
        plot.refresh()

    def action_chart(self, key: str) -> None:
        self.chart = key
        self.draw()
        self.refresh_bindings()

    def action_period(self) -> None:
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        self.reload()

    def action_group(self) -> None:
        self.group_index = (self.group_index + 1) % len(self.groups)
        self.reload()

    def action_report(self) -> None:
        """The period report of what is shown: these quarters, this group."""
        from retro_tui.dialogs.export import ReportExportScreen

        assert self.trends is not None
        self.app.push_screen(ReportExportScreen(self.trends.start, self.trends.end, self.group))

    def action_principle(self, step: int) -> None:
        self.principle_index += step
        self.draw()
