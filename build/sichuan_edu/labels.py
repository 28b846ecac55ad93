"""Chinese labels, with English beside them, for the codes the database stores (roles, types, levels, kinds).

One lookup table, vocabulary -> code -> (中文, English). The database keeps the codes (ASCII for roles and
levels, Chinese for institution types, as the knowledge files write them); the site shows `中文 (English)`.
A code no table knows is shown as it is, so a new role never disappears from a page.
"""
from __future__ import annotations

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    # article_people.role
    "role": {
        "author": ("作者", "author"),
        "correspondent": ("通讯员", "correspondent"),
        "special_correspondent": ("特约记者", "special correspondent"),
        "intern": ("实习生", "intern"),
        "photographer": ("摄影", "photographer"),
        "presided": ("主持", "presided"),
        "attended": ("出席", "attended"),
        "spoke": ("讲话", "spoke"),
        "quoted": ("引语", "quoted"),
        "mentioned": ("提及", "mentioned"),
    },
    # institutions.type (the vocabulary of seeds/knowledge/institutions.yml)
    "institution_type": {
        "党政机关": ("党政机关", "Party or government body"),
        "司法机关": ("司法机关", "judicial body"),
        "事业单位": ("事业单位", "public service unit"),
        "本科高校": ("本科高校", "university"),
        "高职院校": ("高职院校", "vocational college"),
        "中职学校": ("中职学校", "secondary vocational school"),
        "技工院校": ("技工院校", "technical school"),
        "中小学": ("中小学", "primary or secondary school"),
        "企业": ("企业", "company"),
        "社会组织": ("社会组织", "social organisation"),
        "国际组织": ("国际组织", "international organisation"),
    },
    # institutions.level, places.level
    "level": {
        "national": ("中央", "national"),
        "province": ("省级", "province"),
        "prefecture": ("地级", "prefecture"),
        "county": ("县级", "county"),
    },
    # institution_names.kind
    "name_kind": {
        "canonical": ("规范名称", "canonical name"),
        "printed": ("文中写法", "as printed"),
        "later_name": ("后来的名称", "later name"),
        "alias": ("又称", "alias"),
    },
    # institutions.city_source
    "city_source": {
        "name": ("名称中的地名", "a place in the name"),
        "moe_2025": ("教育部2025名单", "MoE 2025 list"),
        "provincial_capital": ("省级机关，位于省会", "provincial body, in the capital"),
        "abbreviation": ("名称中的简称", "a short form in the name"),
    },
    # people.identity
    "identity": {
        "name": ("仅凭姓名", "by name only"),
        "name+institution": ("姓名与机构", "by name and institution"),
    },
    # segments.kind: what a stretch of page text is
    "segment_kind": {
        "byline": ("来源行", "source line"),
        "body": ("正文", "body"),
        "subhead": ("小标题", "subhead"),
        "headline": ("标题", "headline"),
        "mark": ("标题符号", "headline mark"),
        "kicker": ("引题", "kicker"),
        "subtitle": ("副题", "subtitle"),
        "ending": ("文末说明", "ending"),
        "continued_to": ("转版说明", "continued on"),
        "continued_from": ("接版说明", "continued from"),
        "furniture": ("页眉页脚", "page margins"),
        "caption": ("图片说明", "caption"),
        "table_header": ("列标题", "column head"),
        "table_unit": ("报送单位", "submitting unit"),
        "table_item": ("案例名称", "case name"),
        "table_count": ("表中数字", "number in table"),
        "table_title": ("表格标题", "table title"),
        "table_cell": ("表格单元格", "table cell"),
        "residue": ("未归位文字", "unplaced text"),
    },
    # pages.headline_order
    "headline_order": {
        "before": ("标题在正文前", "headlines before their text"),
        "after": ("标题在正文后", "headlines after their text"),
        "end": ("标题集中在版末", "headlines at the page's end"),
    },
}

# Roles that credit the page's own staff (the byline), as against people the text names.
CREDIT_ROLES = ("author", "correspondent", "special_correspondent", "intern", "photographer")


def zh(vocabulary: str, code: str | None) -> str:
    """The Chinese label of a code (the code itself when unknown; '' for None)."""
    if code is None:
        return ""
    return LABELS.get(vocabulary, {}).get(code, (code, ""))[0]


def en(vocabulary: str, code: str | None) -> str:
    """The English label of a code ('' when unknown)."""
    if code is None:
        return ""
    return LABELS.get(vocabulary, {}).get(code, ("", ""))[1]


def label(vocabulary: str, code: str | None) -> str:
    """`中文 (English)`; the bare code when the vocabulary does not know it; '' for None."""
    if code is None:
        return ""
    pair = LABELS.get(vocabulary, {}).get(code)
    if pair is None:
        return code
    chinese, english = pair
    return f"{chinese} ({english})" if english and english != chinese else chinese


def labels(vocabulary: str, codes) -> list[str]:
    """Each code's label, in order, each once."""
    return [label(vocabulary, c) for c in dict.fromkeys(c for c in codes if c)]
