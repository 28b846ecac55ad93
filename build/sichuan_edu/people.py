"""People named in a source line's credit: 记者 钟兴茂 陈朝和 摄影报道 -> who, with which title and role."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .knowledge import Knowledge
from .roles import SPACED_NAME

NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


@dataclass(frozen=True)
class Credit:
    name: str
    role: str  # author | photographer
    titles: tuple[str, ...]  # as printed, e.g. ('副省长', '省招考委主任')


def parse_credit(credit: str, know: Knowledge) -> tuple[list[Credit], list[str]]:
    """People in a credit, and any token that is neither a name, a title nor a role word."""
    credit = credit.replace("\n", "").strip().lstrip(know.author_marks)
    # A name printed with spaces inside it (徐  靖) is one name.
    text = SPACED_NAME.sub(r"\1\2", credit)
    # An extractor may print a slash with spaces around it (文 / 图 隋鑫): the slash joins what it stands between.
    text = re.sub(r"\s*([/／])\s*", r"\1", text)
    # A credit title glued to the name before it, where a line break fell between them (魏娜秀通讯员 徐云).
    titles = "|".join(map(re.escape, know.credit_titles))  # longest first: 本报记者 is read whole
    text = re.sub(titles, lambda m: " " + m.group(0), text)
    # Role words written with a slash (文/图) are tokens of their own, even glued to a name (文/图隋鑫); any
    # other slash separates names.
    slashed = sorted((w for w in know.credit_roles if "/" in w or "／" in w), key=len, reverse=True)
    for word in slashed:
        text = text.replace(word, f" {word} ")
    tokens = [part for token in re.sub(r"[、，,]", " ", text).split()
              for part in ([token] if token in slashed else re.sub(r"[/／]", " ", token).split())]
    people: list[tuple[str, str | None]] = []
    roles: tuple[str, ...] = ("author",)
    title: str | None = None
    unknown = []
    for token in tokens:
        # A role word may be glued to the last name (陈朝和摄影报道) or stand alone.
        for word in sorted(know.credit_roles, key=len, reverse=True):
            # 文 and 图 alone are credit words only standing alone (文/图 张三): 沈文 is a name.
            if token.endswith(word) and (len(word) > 1 or word == "摄" or token == word):
                roles = know.credit_roles[word]
                token = token[: -len(word)]
                break
        for word in know.credit_titles:
            if token.startswith(word):
                title, token = word, token[len(word) :]
                break
        if not token:
            continue
        if NAME.match(token):
            people.append((token, title))
        else:
            unknown.append(token)
    # A correspondent, intern or special correspondent is credited as such, not as the piece's author.
    credits = [Credit(name, know.credit_title_roles.get(t, role) if role == "author" and t else role, (t,) if t else ())
               for name, t in people for role in roles]
    return credits, unknown
