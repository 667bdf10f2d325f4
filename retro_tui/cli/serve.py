"""`retro serve`: the app over SSH."""

from pathlib import Path

import click

from retro_tui.cli.common import Context, pass_ctx
from retro_tui.i18n import N_


@click.command(
    help=N_("Serve the app over SSH: members connect with `ssh -p PORT host`, known by their key.")
)
@click.option("--host", default="127.0.0.1", show_default=True, help=N_("Address to listen on."))
@click.option("--port", default=2222, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--max-sessions",
    default=30,
    show_default=True,
    type=click.IntRange(1, 500),
    help=N_("Sessions at once, for the whole team."),
)
@click.option(
    "--max-per-member",
    default=3,
    show_default=True,
    type=click.IntRange(1, 100),
    help=N_("Sessions (and connections) at once for one member."),
)
@click.option(
    "--max-startups",
    default=64,
    show_default=True,
    type=click.IntRange(1, 1000),
    help=N_("Connections still logging in at once; new ones beyond this are dropped at once."),
)
@click.option(
    "--login-grace-time",
    default=30,
    show_default=True,
    type=click.IntRange(1, 600),
    help=N_("Seconds a connection has to log in before it is closed."),
)
@click.option(
    "--host-key",
    type=click.Path(dir_okay=False, path_type=Path),
    help=N_("The server's private host key (made on first start, mode 0600)."),
)
@pass_ctx
def serve(
    obj: Context,
    host: str,
    port: int,
    max_sessions: int,
    max_per_member: int,
    max_startups: int,
    login_grace_time: int,
    host_key: Path | None,
) -> None:
    from platformdirs import user_data_dir

    from retro_tui.serve import Limits
    from retro_tui.serve import serve as run_server

    key = host_key or Path(user_data_dir("retro", appauthor=False)) / "ssh_host_ed25519_key"
    limits = Limits(
        max_sessions=max_sessions,
        max_per_member=max_per_member,
        max_startups=max_startups,
        login_grace=float(login_grace_time),
    )
    run_server(obj.store, host, port, key, limits)
