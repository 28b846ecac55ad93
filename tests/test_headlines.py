"""A headline's lines split into kicker, title and subtitle by their measures (no font sizes in text)."""
import pytest

from sichuan_edu.blocks import one_measure, page_blocks, split_headline
from sichuan_edu.lines import line_pieces
from sichuan_edu.pages import split_lines
from sichuan_edu.roles import assign_roles


def pieces(*lines):
    return line_pieces(split_lines("\n".join(lines)))


def texts(ps):
    return [p.text for p in ps]


def layout_of(know, text):
    """The page's articles, furniture and residue (page_blocks) from its text."""
    return page_blocks(assign_roles(split_lines(text), know), know)


def roles_of(know, lines):
    """Each line's role (its first piece's) on a page of these lines."""
    roles = {}
    for p in assign_roles(split_lines("\n".join(lines)), know):
        roles.setdefault(p.text, p.role)
    return roles


@pytest.mark.parametrize("lines,one", [
    (("全市中小学推进课后服务", "提质扩面"), True),  # wrapped, the last line shorter
    (("全市中小学推进课后服", "务提质扩面取得实效", "十项"), True),  # a line one cell short: the next would not fit
    (("推动学校体育工作再上新台阶", "全省新建足球场", "一百个"), False),  # stopped with room for 一
    (("去年全省高校毕业生达到", "四十五万人，就业率", "96.5%"), True),  # a number wraps whole: 96.5% would not fit
    (("要让每个孩子都有", "“好学校”可以上", "近日"), True),  # an opening mark goes down with the next character
])
def test_one_measure(know, lines, one):
    assert one_measure(pieces(*lines), know) is one


def test_kicker_wider_than_the_title_measure(know):
    # The kicker is set in its own type: wider than a line of the wrapped title under it.
    kicker, title, subtitle = split_headline(pieces("多部门联合发文明确十项举措", "全省推进中小学", "课后服务提质"), know)
    assert texts(kicker) == ["多部门联合发文明确十项举措"]
    assert texts(title) == ["全省推进中小学", "课后服务提质"]
    assert subtitle == []


def test_wrapped_title_stays_whole(know):
    kicker, title, _ = split_headline(pieces("全省推进中小学课后服", "务提质扩面取得实效", "十项"), know)
    assert kicker == [] and len(title) == 3


def test_subtitle_after_dash(know):
    kicker, title, subtitle = split_headline(pieces("全省推进中小学课后服务", "——十项举措落地见效"), know)
    assert kicker == [] and texts(subtitle) == ["——十项举措落地见效"]


def test_paragraph_under_a_headline_keeps_its_lines(know):
    # Briefs after their bodies, in narrow columns: a column measured on the headline's short lines must not
    # set apart the next brief's lines above its carried end (…。).
    roles = roles_of(know, [
        "省教育厅发言人", "3 月 2 日表示：全省中", "小学春季学期各项工作", "已于 2 月 28 日前全部", "就绪，校舍安全检查和", "教材发放均已完成，确", "保学生按时返校上课。",
        "全省中小学春季", "学期各项工作全", "部就绪并完成校", "舍安全检查和教", "材发放工作确保", "学生按时返校上", "课",
        "市教育局 5 日发布", "通知，决定自 2026 年", "9 月 1 日起在全市中", "小学开设劳动教育课程", "每周不少于一个课时。", "（据新华社电）",
        "全市中小学开设", "劳动教育课程",
    ])
    assert [roles[t] for t in ("市教育局 5 日发布", "通知，决定自 2026 年", "小学开设劳动教育课程")] == ["body"] * 3
    assert roles["学期各项工作全"] == "display" and roles["劳动教育课程"] == "display"


def test_line_with_a_comma_and_an_open_title_mark_is_running_text(know):
    # A paragraph's first line (two cells in) whose next line looks short (paired marks share a cell):
    # a comma and a title mark left open say running text, not a headline.
    roles = roles_of(know, [
        "本报讯（记者 王红）全省各地中小学近日陆续开展春",
        "季开学安全检查，重点排查校舍、食堂和校车等环节的",
        "安全隐患，确保师生安全返校上课。各地教育部门还将",
        "持续开展督导检查。",
        "全省中小学开展开学安全检查",
        "近日，省教育厅和财政厅等四部门联合印发《关于",
        "做好中小学生课后服务的通知》（以下简称《通",
        "知》），要求各地结合实际做好中小学生课后服务工作",
        "，确保每一名有需要的学生都能参加。",
    ])
    assert roles["近日，省教育厅和财政厅等四部门联合印发《关于"] == "body"
    assert roles["全省中小学开展开学安全检查"] == "display"


def test_short_lines_between_two_articles_are_a_headline(know):
    # After one article's end (its source printed last) and before the next one's source line: a headline,
    # even with a comma in it.
    roles = roles_of(know, [
        "本报讯（记者 王红）全省各地中小学近日",
        "陆续开展春季开学安全检查，重点排查校舍",
        "、食堂和校车等环节的安全隐患，确保师生",
        "安全返校上课。各地教育部门还将持续开展",
        "督导检查，及时整改发现的问题。",
        "（据新华社电）",
        "守住安全底线，",
        "开学平稳有序任",
        "务 本报讯（记者 李明）",
        "全市中小学课后服务本学期实现全覆盖，",
        "参与学生超过九成。",
    ])
    assert roles["守住安全底线，"] == "display" and roles["开学平稳有序任"] == "display"
    assert roles["务"] == "display"  # the headline's last character, glued to the next source line


def test_a_headline_matched_to_a_later_record_entry_stands_over_the_first(know):
    from sichuan_edu.blocks import ArticleLayout, _record_start
    from sichuan_edu.roles import RECORD
    paras = [pieces(t) for t in ("全省中小学春季学期开学工作平稳有序。", "1995年3月18日 第八届全国人民代表大会第三次会议通过",
                                 "2021年4月29日 第十三届全国人民代表大会常务委员会第二十八次会议修正", "第一条 为了发展教育事业，制定本法。")]
    for para in paras[1:3]:
        para[0].why = RECORD
    article = ArticleLayout()
    article.paragraphs = paras
    assert _record_start(article, 2) == 1  # the record opens with its first entry
    assert _record_start(article, 1) == 1 and _record_start(article, 3) == 3


def test_a_headline_matched_to_a_notice_s_text_stands_over_its_addressees(know):
    from sichuan_edu.blocks import ArticleLayout, _record_start
    from sichuan_edu.roles import ADDRESSEE, RECORD
    paras = [pieces(t) for t in ("全省中小学春季学期开学工作平稳有序。", "川教〔2026〕1号", "各市（州）教育局：",
                                 "为做好春季学期开学工作，现将有关事项通知如下。")]
    paras[1][0].why, paras[2][0].why = RECORD, ADDRESSEE
    article = ArticleLayout()
    article.paragraphs = paras
    assert _record_start(article, 3) == 1  # over the number and the addressees
    assert _record_start(article, 0) == 0


def test_lines_whose_words_run_on_into_a_carried_end_are_its_paragraph(know):
    # Wider than the column measured above it, but the line breaks a word its carried end completes (了解 | 读。
    # reads 解读): one paragraph, not a headline.
    roles = roles_of(know, [
        "本报讯（记者 王红）全省中小学",
        "近日陆续开展春季开学安全检查，",
        "重点排查校舍和校车的安全隐患。",
        "省教育厅有关负责人就检查工作进行了解",
        "读。",
    ])
    assert roles["省教育厅有关负责人就检查工作进行了解"] == "body"


def test_an_indented_line_wider_than_the_column_opens_a_paragraph(know):
    # After a document in a narrow column and its title, a line set in from its start (the extractor kept the
    # indent) and followed by one as wide: the next text's first paragraph, in a wider column.
    roles = roles_of(know, [
        "各地教育部门要切实做好开学前的校舍",
        "安全检查，及时整改发现的隐患，确保",
        "师生安全返校上课。",
        "二○二六年一月十九日",
        "关于做好全省中小学春",
        "季学期开学工作的通知",
        " 省教育厅党组书记、厅长李明同志于本月3日",
        "上午在成都主持召开全省教育系统安全工作会议",
        "并讲话，要求各地切实做好开学安全工作。",
    ])
    assert roles["省教育厅党组书记、厅长李明同志于本月3日"] == "body"
    assert roles["关于做好全省中小学春"] == "display"


def test_a_dated_text_is_a_caption_only_when_its_own_credit_closes_it(know):
    # The credit of the next photo's caption does not make the text before it a caption.
    roles = roles_of(know, [
        "图为学生在实验室里进行科学探究。（记者 王红 摄）",
        "3月24日，全省中小学科技创新",
        "大赛在成都举行，来自各地的三百多名",
        "学生参加比赛。",
        "图为参赛学生展示作品。",
        "（记者 李明 摄）",
    ])
    assert roles["3月24日，全省中小学科技创新"] == "body"
    assert roles["图为参赛学生展示作品。"] == "caption"


def test_brief_headline_set_apart_a_few_cells_short_is_no_paragraph(know):
    # A brief's headline punctuated like a sentence (…，…), set apart by a blank line after a finished paragraph
    # and 3.5 cells short of the 20-cell column: more than a paragraph indent's shortfall, so a headline.
    lines = ["县教育局举办教师培训", "",
             "本报讯（记者 张明）近日，县教育局组织开展", "中小学教师培训活动，全县三百多名教师参加",
             "培训，围绕课堂教学改革和作业设计等内容进", "行交流，反响良好。", "",
             "一堂思政课，讲的是家乡这5年的变化",
             "“这堂课让我们更加了解家乡的发展。”学生", "说。县实验中学近日开展思政课进社区活动，",
             "组织学生走进社区，听老党员讲述家乡变化。"]
    roles = roles_of(know, lines)
    assert roles["一堂思政课，讲的是家乡这5年的变化"] == "display"
    assert roles["“这堂课让我们更加了解家乡的发展。”学生"] == "body"


def test_lone_question_between_lines_of_a_body_is_a_paragraph(know):
    # A one-line paragraph ending a sentence (a reporter's question) between two paragraphs of one text, on a
    # page whose headlines meet no source lines: a paragraph of that text, not the headline of a new one.
    lines = ["县里推行课后服务", "",
             "全县中小学从本学期起推行", "课后服务，每天开放到下午", "六点，学校安排老师辅导作",
             "业，组织体育和艺术活动，", "家长普遍反映良好。",
             "这一做法效果如何？",
             "县教育局负责人介绍，目", "前已有九成学生参加课后服", "务，参加的学生越来越多，",
             "学校还将增加科技和阅读活", "动，让孩子们学有所获。", "",
             "乡村学校新建图书室", "",
             "日前，镇中心小学的图书室", "正式开放，藏书三千多册，", "学生课间可以自由借阅，老",
             "师每周开设一节阅读课。"]
    layout = layout_of(know, "\n".join(lines))
    assert [texts(a.headline) for a in layout.articles] == [["县里推行课后服务"], ["乡村学校新建图书室"]]
    assert ["".join(texts(p)) for p in layout.articles[0].paragraphs][1] == "这一做法效果如何？"


def test_list_announced_by_a_colon_is_text(know):
    # 附件： / 1.… / 2.…: numbered lines that never make a sentence, but announced by the line before them.
    lines = ["县教育局关于开展读书月活动的通知", "", "各中小学：",
             "为培养学生阅读习惯，我局决", "定在全县中小学开展读书月活动，", "现将活动方案印发给你们，请认真",
             "按照执行。", "附件：", "1.县教育局读书月活动方", "案（县教发〔2026〕3号）", "2.读书月活动推荐书目",
             "县教育局", "2026年3月1日"]
    roles = roles_of(know, lines)
    assert [roles[t] for t in lines[8:11]] == ["body"] * 3
    assert roles["县教育局关于开展读书月活动的通知"] == "display"


def test_vertical_headline_among_the_headlines_at_the_page_end(know):
    # A headline set vertically comes out one character per line: among the headlines printed together at
    # the page's end, its characters are one headline, of one article, and the headlines keep their order.
    lines = ["本报讯（记者 王丽）县中学日前", "举办春季运动会，全校一千多名", "师生参加比赛，项目包括田径、",
             "跳绳和拔河等，学生们赛出了水", "平，也赛出了风格。",
             "本报讯（记者 李强）镇中心小学", "新建的图书室日前正式开放，藏", "书三千多册，学生课间可以自由",
             "借阅，老师每周开设一节阅读课，", "孩子们爱上了读书。",
             "本报讯（记者 张明）全县中小学", "教师暑期培训日前启动，三千多", "名教师将参加为期一周的集中培",
             "训，内容包括课堂教学和作业设", "计等。",
             "县中学举办春季运动会", *"图书室里读书忙", "全县教师暑期培训启动"]
    layout = layout_of(know, "\n".join(lines))
    assert ["".join(texts(a.headline)) for a in layout.articles] == ["县中学举办春季运动会", "图书室里读书忙",
                                                                     "全县教师暑期培训启动"]


def test_closing_mark_under_a_vertical_headline_stays_with_it(know):
    # 避头尾 pushes the closing ” of a headline set vertically onto a line of its own: it ends the headline.
    lines = ["本报讯（记者 王丽）县中学日前", "举办春季运动会，全校一千多名", "师生参加比赛，学生们赛出了水",
             "平，也赛出了风格。", *"书屋成了“充电站", "”",
             "镇中心小学的农家书屋日前开放，", "藏书三千多册，村民可以自由借",
             "阅，孩子们课后也来读书。"]
    pieces = assign_roles(split_lines("\n".join(lines)), know)
    closing = next(p for p in pieces if p.text == "”")
    assert closing.role == "display"
    assert next(p for p in pieces if p.text.startswith("镇中心")).role == "body"


def test_undated_last_entry_of_a_record_is_text(know):
    # A law's record: adopted …通过, issued …公布, and an entry with no date of its own (…施行).
    lines = ["本报讯（记者 王丽）县里日前", "举办学习活动，全县一千多名", "干部参加学习。",
             "学校安全管理条例", "2012年3月28日 国务院", "第197次常务会议通过", "2012年4月5日 中华人民",
             "共和国国务院令第617号公布", "公布之日施行", "第一章 总则", "第一条 为了加强学校安",
             "全管理，保障学生人身安全，", "制定本条例。"]
    roles = roles_of(know, lines)
    assert roles["公布之日施行"] == "body"
    assert roles["学校安全管理条例"] == "display"


def test_headline_between_a_finished_article_and_the_next_source_line(know):
    # Two short lines punctuated like a sentence (…，…) but finishing none, well short of the column, between
    # one article's last sentence and the next one's source line: a headline.
    lines = ["本报讯（记者 王丽）2月7日，“非遗过大年，", "科技迎新春”主题系列活动在县科技馆正式拉开",
             "帷幕。活动为期一周，设有机器人表演、科", "普讲座和非遗展示等内容，吸引了众多市民和",
             "学生前来参观。",
             "落实健康第一，刘", "校长做了几件小事",
             "据新华社电", "4月2日中午12时许，县实验", "中学的操场上，一片热火朝天，学生们在老师",
             "的带领下做课间操，锻炼身体。"]
    roles = roles_of(know, lines)
    assert roles["落实健康第一，刘"] == roles["校长做了几件小事"] == "display"


def test_headlines_of_a_row_on_a_loosely_set_page_come_apart(know):
    # A reading-order extractor writes a loosely set page with a blank line after every line but those of one
    # box (a headline wrapped over two lines), and the headlines of a row one after another before their texts:
    # each headline is a block of its own and goes to its text.
    boxes = ["县中学举办春季\n运动会", "镇中心小学新建图书室",
             "本报讯（记者 王丽）县中学日前举办春季", "运动会，全校一千多名师生参加运动会比",
             "赛，项目包括田径、跳绳和拔河等。",
             "本报讯（记者 李强）镇中心小学新建的图", "书室日前正式开放，图书室藏书三千多册，",
             "学生课间可以自由借阅。"]
    loose = "\n\n".join(boxes)
    layout = layout_of(know, loose)
    assert [texts(a.headline) for a in layout.articles] == [["县中学举办春季", "运动会"], ["镇中心小学新建图书室"]]


def test_a_headline_takes_one_subtitle(know):
    # The headlines of a row printed line by line in turn (title A, title B, subtitle A, subtitle B): subtitle B,
    # next to subtitle A and sharing no words with either text, never becomes A's second subtitle (it is left
    # over, with a warning, rather than misplaced).
    boxes = ["县中学举办春季\n运动会", "镇中心小学新建图书室", "——一千多名师生参加比赛", "——孩子们爱上阅读",
             "本报讯（记者 王丽）县中学日前举办春季", "运动会，全校一千多名师生参加运动会比",
             "赛，项目包括田径、跳绳和拔河等。",
             "本报讯（记者 李强）镇中心小学新建的图", "书室日前正式开放，图书室藏书三千多册，",
             "学生课间可以自由借阅。"]
    layout = layout_of(know, "\n\n".join(boxes))
    assert [texts(a.subtitle) for a in layout.articles][0] == ["——一千多名师生参加比赛"]
    assert "——孩子们爱上阅读" in [p.text for p, _ in layout.residue]
