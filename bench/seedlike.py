"""Pages in the seed's layout, made from a spec: for the scale benchmark and the property tests.

Not part of the installed package: `python bench/seedlike.py --pages N --out DIR [--seed S]`.

A page spec (articles with bylines, paragraphs, headlines, captions, flattened tables) is rendered the
way the PDF extractor writes a page: narrow columns hard-wrapped at a width that changes between
articles, the first line of a paragraph two cells short (the lost indent), blank lines between lines,
headlines after their article, tables flattened column by column. `generate` draws varied specs,
deterministically from a seed, from the seed page's own sentences.
"""
from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sichuan_edu.lines import width

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟谭陆范金廖贾夏付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃武戴莫孔汤鲁"
GIVEN = "强军伟明华建国勤全胜其兴茂朝和凯磊丽芬之巍文婷静敏杰涛斌超鹏飞波宇航晨阳雪梅兰英红燕霞平安康宁"
TITLES = ["副省长", "省教育厅副厅长", "市教育局局长", "校长", "党委书记", "副校长", "院长", "相关负责人"]
CITIES = ["成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充", "眉山", "宜宾", "广安", "达州", "雅安", "巴中", "资阳"]
UNIT_ENDINGS = ["职业技术学院", "职业学院", "技师学院", "职业技术学校"]
COMPANIES = ["科技有限公司", "集团有限公司", "产业发展有限公司"]
CASE_WORDS = ["产教融合", "校企合作", "工匠培养", "人才培养", "产业学院", "实训基地", "双元育人", "现代学徒制", "技术攻关", "成果孵化"]


@dataclass
class TableSpec:
    title: str
    halves: list[list[tuple[str, list[str]]]]  # each half: rows of (case name, units in order)

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        return [row for half in self.halves for row in half]


@dataclass
class ArticleSpec:
    byline: str
    paragraphs: list[str]
    headline: list[str] = field(default_factory=list)
    caption: str | None = None
    table: TableSpec | None = None


NO_LINE_START = "，。、；：！？）》”’"


def wrap(paragraph: str, cells: float) -> list[str]:
    """Hard-wrap a paragraph at `cells` width; the first line is two cells short (the lost indent).
    As in Chinese typesetting, closing punctuation never starts a line."""
    lines, line, limit = [], "", cells - 2
    for ch in paragraph:
        if line and width(line + ch) > limit:
            if ch not in NO_LINE_START:
                lines.append(line)
                line, limit = "", cells
            elif width(line) > limit:
                # one mark may hang past the margin; before a second, carry the last word character
                # (and the marks after it) down to the next line
                cut = max(i for i, c in enumerate(line) if c not in NO_LINE_START)
                if cut > 0:
                    lines.append(line[:cut])
                    line, limit = line[cut:], cells
        line += ch
    if line:
        lines.append(line)
    return lines


def _wrap_cell(text: str, cells: float) -> list[str]:
    if width(text) <= cells:
        return [text]
    cut = len(text) // 2
    return [text[:cut], text[cut:]]


def render_table(table: TableSpec, unit_cells: float = 13, case_cells: float = 22) -> list[str]:
    """A two-column table written column by column, half by half, with its row count and title."""
    lines = []
    for i, half in enumerate(table.halves):
        lines.append(" 报送单位")
        for _, units in half:
            for unit in units:
                lines += _wrap_cell(unit, unit_cells)
        lines.append("案例名称")
        for case, _ in half:
            lines += _wrap_cell(case, case_cells)
        if i == 0:
            lines.append(f" {len(table.rows)}")
    lines.append(table.title)
    return lines


def render_page(articles: list[ArticleSpec], widths: list[float], blank_lines: bool = True, glue: bool = True) -> str:
    """The page's text as the extractor writes it. With `glue`, an article whose byline is an
    agency line (据…消息) is glued onto the previous headline's last line, as on the seed page."""
    out: list[str] = []
    glued_ok = False  # the extractor glues a source line only onto a headline's last line
    for article, cells in zip(articles, widths):
        body = []
        for k, paragraph in enumerate(article.paragraphs):
            # The extractor leaves a space after an agency source line (据教育部官网消息 日前，…).
            lead = article.byline + (" " if article.byline.startswith("据") else "")
            text = (lead + paragraph) if k == 0 else paragraph
            body += wrap(text, cells)
        if glue and glued_ok and article.byline.startswith("据") and body:
            out[-1] = out[-1] + " " + body[0]
            body = body[1:]
        out += body + list(article.headline)
        glued_ok = bool(article.headline) and not article.caption and not article.table
        if article.caption:
            out.append(article.caption)
        if article.table:
            out += render_table(article.table)
    sep = "\n\n" if blank_lines else "\n"
    return sep.join(out) + "\n"


def sentence_pool(seed_page: Path) -> list[str]:
    """Whole sentences of the seed page's article bodies, as the parser reads them."""
    from sichuan_edu.knowledge import load_knowledge
    from sichuan_edu.parse import parse_page

    page = parse_page(seed_page.name, seed_page.read_bytes(), load_knowledge())
    text = "\n".join(a.body for a in page.articles)
    return [s for s in re.findall(r"[^。！？\n]{6,400}?[。！？]”?", text) if not s.startswith(("”", "）"))]


class Generator:
    """Deterministic page specs drawn from a seed's sentences."""

    def __init__(self, sentences: list[str], seed: int = 1):
        self.rng = random.Random(seed)
        self.sentences = sentences
        self.serial = 0

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))

    def paragraph(self) -> str:
        return "".join(self.rng.sample(self.sentences, self.rng.randint(2, 5)))

    def article(self, with_table: bool = False) -> ArticleSpec:
        self.serial += 1
        rng = self.rng
        city = rng.choice(CITIES)
        if rng.random() < 0.15:
            byline = rng.choice(["据教育部官网消息", "据四川省教育厅消息"])
        else:
            byline = f"本报讯（记者 {self.name()} {self.name()}）" if rng.random() < 0.5 else f"本报讯（{self.name()}）"
        # A sentence of its own makes every article unique and names someone with a title.
        person = f"{rng.choice(TITLES)}{self.name()}表示，{city}将在第{self.serial}次推进会上部署有关工作。"
        paragraphs = [self.paragraph() + person] + [self.paragraph() for _ in range(rng.randint(2, 5))]
        headline = []
        if rng.random() < 0.85:
            headline = [f"{city}推进{rng.choice(CASE_WORDS)}第{self.serial}批试点"]
            if rng.random() < 0.3:
                headline.insert(0, f"{rng.choice(CASE_WORDS)}见成效")
        table = self.table(city) if with_table else None
        # A photo caption stands after the headline, as on the seed page.
        caption = (f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日，{city}职业教育活动现场。"
                   if rng.random() < 0.1 and headline and not table else None)
        return ArticleSpec(byline, paragraphs, headline, caption, table)

    def unit(self, city: str) -> str:
        if self.rng.random() < 0.1:  # now and then a wrapped name: 四川省宜宾市 / 南溪职业技术学校
            return f"四川省{city}市{self.rng.choice(['南溪', '江安', '兴文', '合江'])}职业技术学校"
        return f"{city}{self.rng.choice(['工程', '交通', '信息', '商贸', '农业', '化工'])}{self.rng.choice(UNIT_ENDINGS)}"

    def table(self, city: str) -> TableSpec:
        halves = []
        for _ in range(2):
            rows = []
            for _ in range(self.rng.randint(3, 8)):
                units = [self.unit(self.rng.choice(CITIES))]
                case = f"{self.rng.choice(CASE_WORDS)}{self.rng.choice(['协同创新', '示范'])}{self.rng.choice(CASE_WORDS)}"
                if self.rng.random() < 0.15:
                    # A joint submission, as in the seed: a school with a company whose trade the
                    # case names (成都职业技术学院 + 成都京东方光电科技有限公司: 厂校融合共建光电…).
                    trade = self.rng.choice(["光电", "化工", "通信", "金融", "航空"])
                    units.append(f"{self.rng.choice(CITIES)}{trade}{self.rng.choice(COMPANIES)}")
                    case = f"校企共建{trade}{self.rng.choice(CASE_WORDS)}"
                rows.append((case, units))
            halves.append(rows)
        return TableSpec(f"{city}职业教育典型案例", halves)

    def page(self) -> tuple[list[ArticleSpec], list[float]]:
        n = self.rng.randint(5, 10)
        table_at = self.rng.randrange(n) if self.rng.random() < 0.3 else None
        articles = [self.article(with_table=(i == table_at)) for i in range(n)]
        widths = [self.rng.choice([12, 14, 15, 16, 17, 18, 20, 22, 24, 28]) for _ in articles]
        return articles, widths


def generate(out: Path, pages: int, seed_page: Path, seed: int = 1) -> None:
    """Write `pages` generated pages and their manifest into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(sentence_pool(seed_page), seed)
    start = date(2015, 1, 5)
    with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "paper", "published", "page_no", "source", "content_year", "note"])
        for i in range(pages):
            articles, widths = gen.page()
            name = f"gen_{i:05d}.txt"
            (out / name).write_text(render_page(articles, widths, blank_lines=True), encoding="utf-8")
            day = start + timedelta(days=(i // 8) * 3)
            w.writerow([name, "四川教育报（生成）", day.isoformat(), i % 8 + 1, f"generated by sichuan_edu.corpus, seed {seed}", "", "synthetic page for benchmarks"])


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="write N generated pages in the seed's layout, with a manifest")
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--out", required=True, help="folder to write (created)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same pages)")
    parser.add_argument("--seed-page", default="seeds/000_c7edaf26723f02d6.txt", help="page whose sentences are reused")
    args = parser.parse_args()
    generate(Path(args.out), args.pages, Path(args.seed_page), args.seed)
    print(f"wrote {args.pages} pages and manifest.csv to {args.out}")
