"""The `retro` command line: global options, the app when no command is given, and the
subcommands, one module of this package per group of them, loaded only when one runs.

Exit codes: 0 success, 1 a user error (one line on stderr) or an unexpected error in the
app or a command (one line on stderr naming the crash log), 2 wrong usage.
"""

import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from retro_tui import __version__, i18n
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _
from retro_tui.settings import THEME_NAMES
from retro_tui.store import Store, clean_text, default_store_folder

if TYPE_CHECKING:
    from retro_tui.domain.team import Member


class Context:
    """What every command needs: the store and who is speaking."""

    def __init__(self, store_path: Path | None, as_name: str | None) -> None:
        self.store = Store(store_path or default_store_folder())
        self.as_name = as_name

    def me(self) -> "Member | None":
        from retro_tui.domain.team import current_member

        return current_member(self.store, self.as_name, dict(os.environ))

    def my_name(self) -> str | None:
        """My name, or None when nobody can be told."""
        member = self.me()
        return member.name if member else None

    def required_me(self, name: str | None = None) -> "Member":
        """The named member, else me; an error if nobody can be told."""
        from retro_tui.domain.team import current_member

        if name:
            return current_member(self.store, name, {})  # type: ignore[return-value]
        member = self.me()
        if member is None:
            raise RetroError(_("who are you? pass --as NAME or set RETRO_MEMBER"))
        return member


# Each subcommand, and the module of this package that defines it under the same name.
COMMANDS = {
    "init": "team",
    "demo": "team",
    "team": "team",
    "member": "team",
    "principles": "team",
    "meeting": "meetings",
    "rota": "meetings",
    "checkin": "meetings",
    "forum": "groups",
    "community": "groups",
    "task": "tasks",
    "item": "agenda",
    "decide": "agenda",
    "decision": "agenda",
    "action": "actions",
    "card": "cards",
    "template": "cards",
    "health": "health",
    "lesson": "lessons",
    "export": "exports",
    "map": "exports",
    "report": "report",
    "serve": "serve",
}


def command(name: str) -> click.Command:
    """The subcommand `name`, its module imported now, its help in the language in use."""
    return localise(getattr(importlib.import_module(f"retro_tui.cli.{COMMANDS[name]}"), name))


def localise(command: click.Command) -> click.Command:
    """`command` with its help, its options' help and its subcommands' in the language
    in use. The texts are marked `N_()` where they are declared and translated here, when
    the language is known; the English ones are kept to translate from again."""
    for item in (command, *command.params):
        if not isinstance(item, click.Command | click.Option):
            continue  # arguments have no help of their own
        english = vars(item).setdefault(
            "english_help", (item.help, getattr(item, "short_help", None))
        )
        item.help = _(english[0]) if english[0] else english[0]
        if isinstance(item, click.Command):
            item.short_help = _(english[1]) if english[1] else english[1]
    for subcommand in getattr(command, "commands", {}).values():
        localise(subcommand)
    return command


class RetroGroup(click.Group):
    """Loads the subcommands on demand; turns user errors into one line and exit code 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return command(name) if name in COMMANDS else None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        localise(self)
        super().format_help(ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RetroError as error:
            click.echo(clean_text(f"retro: {error}"), err=True)
            ctx.exit(1)
        except BrokenPipeError:
            # The reader went away (`retro meeting list | head -1`): stop quietly, and
            # let nothing more be written to the closed pipe on the way out.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except OSError as error:
            message = f"retro: {error.strerror or error}: {error.filename or ''}".rstrip(": ")
            click.echo(clean_text(message), err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise  # click's own: usage errors, --help, a prompt cut short
        except Exception as error:  # a defect: the report goes to the crash log, not here
            from retro_tui.crash import record_crash
            from retro_tui.domain.team import is_remote

            click.echo(clean_text(record_crash(error, is_remote(dict(os.environ))).line), err=True)
            ctx.exit(1)


def choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """`--lang`: the language of the app and the command line from here on."""
    if value is not None:
        code = i18n.language_of(value)
        if code is None:
            choices = ", ".join(sorted(i18n.LANGUAGES))
            message = _("retro speaks {choices}, not {value!r}").format(
                choices=choices, value=value
            )
            raise click.BadParameter(message, ctx, param)
        speak(code)
        global unspoken
        unspoken = None


def speak(code: str) -> None:
    """The command line, the app and click's own messages in the language `code`."""
    from retro_tui.cli import click_texts

    i18n.set_language(code)
    click_texts.speak(code)


@click.group(
    cls=RetroGroup,
    invoke_without_command=True,
    help=N_("Run the meetings of a self-organising team. With no command, open the app."),
)
@click.option(
    "--lang",
    metavar="da|en|sv",
    expose_value=False,
    is_eager=True,
    callback=choose_language,
    help=N_("The language of the app and the command line (else $RETRO_LANG, else the locale)."),
)
@click.option(
    "--store",
    "store_path",
    # The store itself says what is wrong with a folder (exit 1), not click's usage check.
    type=click.Path(path_type=Path, readable=False),
    help=N_("The team's store folder."),
)
@click.option("--as", "as_name", metavar="NAME", help=N_("Act as this member."))
@click.option(
    "--theme",
    type=click.Choice(THEME_NAMES),
    metavar="dark|light",
    help=N_("The app's look for this run; light is for projectors (else the one last chosen)."),
)
@click.version_option(__version__, prog_name="retro")
@click.pass_context
def cli(
    ctx: click.Context, store_path: Path | None, as_name: str | None, theme: str | None
) -> None:
    if unspoken is not None:
        choices = ", ".join(sorted(i18n.LANGUAGES))
        raise RetroError(
            _("RETRO_LANG is {value!r}; retro speaks {choices}").format(
                value=unspoken, choices=choices
            )
        )
    ctx.obj = Context(store_path, as_name)
    if ctx.invoked_subcommand is None:
        if ctx.obj.store.exists():
            ctx.obj.me()  # an unknown --as is an error here, before the screen opens
        from retro_tui.app import run_app

        # After an unexpected error the app has printed one line naming its crash log.
        status = run_app(ctx.obj.store, as_name, theme)
        if status:
            ctx.exit(status)


def main() -> None:
    global unspoken
    try:
        speak(i18n.chosen_language(None, os.environ))
    except ValueError as error:
        unspoken = str(error)  # an error unless --lang chooses a language
    cli(prog_name="retro")


# A `$RETRO_LANG` that names no language of retro's, until `--lang` chooses one.
unspoken: str | None = None
