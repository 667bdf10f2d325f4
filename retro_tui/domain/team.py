"""The team: its name and purpose sentence, its members, and who the current user is."""

import base64
import binascii
from dataclasses import asdict, dataclass, field

from retro_tui import i18n
from retro_tui.domain import clock, validate
from retro_tui.domain.principles import reword_defaults, seed_principles
from retro_tui.errors import RetroError
from retro_tui.i18n import ENGLISH, _
from retro_tui.store import META, TEAM, Store, where

MEMBERS = "members"
KEY_TYPES = (
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
)


@dataclass(frozen=True)
class Team:
    name: str
    purpose: str
    created: str
    health_check: str = "off"  # in the team's retrospectives: "off", "anonymous" or "named"
    language: str = ENGLISH  # of its minutes and reports, and of a new principle's wording


@dataclass(frozen=True)
class Member:
    name: str
    handle: str
    active: bool = True
    joined: str = ""
    keys: list[str] = field(default_factory=list)


def init_team(
    store: Store,
    name: str,
    purpose: str = "",
    members: list[str] | None = None,
    language: str | None = None,
) -> Team:
    """Create the store with the team, its purpose, the default principles and members,
    in `language` (else the language in use).

    All or nothing: a bad member name leaves no store behind.
    """
    team = Team(
        name=validate.title(name, _("team name")),
        purpose=validate.text(purpose, _("purpose"), required=False),
        created=clock.timestamp(),
        language=require_language(language or i18n.language()),
    )
    with store.creating() as tx:
        tx.db(TEAM).table(META).update(asdict(team), doc_ids=[1])
        seed_principles(tx, team.language)
        for member in members or []:
            add_member(store, member)
    return team


def get_team(store: Store) -> Team:
    meta = store.read(TEAM).table(META).get(doc_id=1) or {}
    return Team(
        name=meta.get("name", ""),
        purpose=meta.get("purpose", ""),
        created=meta.get("created", ""),
        health_check=meta.get("health_check", "off"),
        language=_spoken(meta.get("language")),
    )


def _spoken(code: object) -> str:
    """A stored language, or English for one this version does not speak."""
    return code if isinstance(code, str) and code in i18n.LANGUAGES else ENGLISH


def require_language(code: str) -> str:
    """`code` if it is one of the languages retro speaks, else an error naming them."""
    if code not in i18n.LANGUAGES:
        raise RetroError(
            _("retro does not speak {code!r}; choose one of {codes}").format(
                code=code, codes=", ".join(sorted(i18n.LANGUAGES))
            )
        )
    return code


def team_language(store: Store) -> str:
    """The language of the team's minutes and reports."""
    meta = store.read(TEAM).table(META).get(doc_id=1) or {}
    return _spoken(meta.get("language"))


def set_team_language(store: Store, code: str) -> list[str]:
    """Make `code` the team's language. Principles whose wording the team never changed
    take that language's wording; returns their keys."""
    require_language(code)
    with store.transaction() as tx:
        tx.db(TEAM).table(META).update({"language": code}, doc_ids=[1])
        return reword_defaults(tx, code)


def set_purpose(store: Store, purpose: str) -> None:
    cleaned = validate.text(purpose, _("purpose"))
    with store.transaction() as tx:
        tx.db(TEAM).table(META).update({"purpose": cleaned}, doc_ids=[1])


def list_members(store: Store, active_only: bool = False) -> list[Member]:
    """Members in the order they joined (the rota's stable order)."""
    members = [Member(**doc) for doc in store.read(TEAM).table(MEMBERS).all()]
    return [m for m in members if m.active] if active_only else members


def find_member(store: Store, name: str) -> Member:
    """The member called `name` (or with that handle), ignoring case; an error if none."""
    wanted = validate.name_key(name)
    for member in list_members(store):
        if wanted in (validate.name_key(member.name), validate.name_key(member.handle)):
            return member
    raise RetroError(_("unknown member {name!r}; see `retro member list`").format(name=name))


def active_member(store: Store, name: str) -> Member:
    member = find_member(store, name)
    if not member.active:
        raise RetroError(_("{name} has retired from the team").format(name=member.name))
    return member


def add_member(store: Store, name: str, handle: str | None = None) -> Member:
    member = Member(
        name=validate.name(name),
        handle=validate.name(handle, "handle") if handle else "",
        joined=clock.timestamp(),
    )
    with store.transaction():
        wanted = {validate.name_key(member.name), validate.name_key(member.handle)} - {""}
        for other in list_members(store):
            taken = {validate.name_key(other.name), validate.name_key(other.handle)} - {""}
            if wanted & taken:
                raise RetroError(
                    _("{name} already uses that name or handle").format(name=other.name)
                )
        store.read(TEAM).table(MEMBERS).insert(asdict(member))
    return member


def retire_member(store: Store, name: str) -> Member:
    with store.transaction():
        member = active_member(store, name)
        store.read(TEAM).table(MEMBERS).update({"active": False}, where("name") == member.name)
    return member


def parse_public_key(text: str) -> str:
    """One OpenSSH public key line reduced to `type base64` (the comment is kept if any)."""
    lines = [
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]
    if len(lines) != 1:
        raise RetroError(_("a public key file must hold exactly one key line"))
    parts = lines[0].split()
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise RetroError(_("not an OpenSSH public key (expected e.g. `ssh-ed25519 AAAA... name`)"))
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except binascii.Error:
        raise RetroError(_("the public key's data is not valid base64")) from None
    if not blob.startswith(len(parts[0]).to_bytes(4, "big") + parts[0].encode()):
        raise RetroError(_("the public key's data does not match its type"))
    return " ".join(parts[:3])


def add_member_key(store: Store, name: str, key_text: str) -> Member:
    key = parse_public_key(key_text)
    with store.transaction():
        member = active_member(store, name)
        blob = key.split()[1]
        for other in list_members(store):
            if any(k.split()[1] == blob for k in other.keys):
                raise RetroError(_("that key already belongs to {name}").format(name=other.name))
        keys = [*member.keys, key]
        store.read(TEAM).table(MEMBERS).update({"keys": keys}, where("name") == member.name)
    return find_member(store, member.name)


def member_for_key(store: Store, key_blob: str) -> Member | None:
    """The active member whose public key has this base64 data."""
    for member in list_members(store, active_only=True):
        if any(k.split()[1] == key_blob for k in member.keys):
            return member
    return None


def current_member(store: Store, as_name: str | None, env: dict[str, str]) -> Member | None:
    """Who I am: `--as`, else `$RETRO_MEMBER`, else the member whose handle is `$USER`."""
    explicit = as_name or env.get("RETRO_MEMBER")
    if explicit:
        return active_member(store, explicit)
    user = env.get("USER", "")
    for member in list_members(store, active_only=True):
        if user and member.handle == user:
            return member
    return None


def is_remote(env: dict[str, str]) -> bool:
    """Whether a member reached the app over SSH (`retro serve`, or OpenSSH's `command=`).

    Then the member's key decides who they are, and they name files, never paths.
    """
    return env.get("RETRO_REMOTE") == "1" or "SSH_CONNECTION" in env
