"""How the importer shapes whole plans: which numbered items are sections and which are
activities, where a line of units of its own belongs, date-first items, and times the
document states in ways no reader can resolve (each from a real case in tests/import_cases)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from campaign_pages.core.imports.document import Block
from campaign_pages.core.imports.importer import NoYear, import_blocks


def _import(text: str, kind: str | None = None, year: int = 2019) -> tuple[dict[str, Any], str]:
    lines = [line for line in text.splitlines() if line.strip()]
    blocks = [Block(line, f"第{n}行") for n, line in enumerate(lines, 1)]
    imported = import_blocks(blocks, "plan.txt", (), kind=kind, year=year)
    return yaml.safe_load(imported.text), imported.text


STEPS = """\
全县扶贫日活动任务分解
一、举办扶贫日电视专题宣传。
1、县电视台制作播放专题片，播放时间为10月15日-17日。
2、副县长作电视讲话，时间10月16日前。
落实时间:10月13日-18日。
落实单位:县广播电视台、县扶贫办、相关乡镇。
二、开展系列宣传活动。
1.媒体宣传。
(1)通过电视、网站发布扶贫公益信息。
(2)在日报开办扶贫专栏。
落实时间:10月18日前。
落实单位:县委宣传部、县文广新局。
2、开展城镇公共设施户外宣传活动。
落实单位:县交通运输局。
"""


def test_a_line_of_units_after_a_list_of_steps_is_the_lists_parents() -> None:
    data, _ = _import(STEPS)
    first, second = data["activities"]  # 开展系列宣传活动 is an activity, not a section
    assert first["title"] == "举办扶贫日电视专题宣传"
    assert first["responsible"] == ["县广播电视台", "县扶贫办", "相关乡镇"]
    assert first["when"] == "10月13日-18日"
    assert [step["when"] for step in first["items"]] == ["10月15日-17日", "10月16日前"]
    assert all("responsible" not in step for step in first["items"])
    assert second["title"] == "开展系列宣传活动" and "sections" not in data
    media, outdoor = second["items"]
    assert media["responsible"] == ["县委宣传部", "县文广新局"]
    assert media["when"] == "10月18日前"
    # a line after an item with no steps is that item's own
    assert outdoor["responsible"] == ["县交通运输局"]


def test_each_task_keeps_its_own_lines() -> None:
    data, _ = _import(
        """\
2023年重点工作任务分解方案
一、主要预期目标
1.地区生产总值增长6.2%左右。
牵头单位:区发改局
责任单位:立山经济开发区,全区经济运行各专班
2.规模上工业增加值增长5%左右。
牵头单位:区工信局
责任单位:立山经济开发区
""",
        kind="work-plan",
    )
    first, second = data["tasks"][0]["items"]
    assert (first["lead"], first["responsible"]) == (
        ["区发改局"],
        ["立山经济开发区", "全区经济运行各专班"],
    )
    assert (second["lead"], second["responsible"]) == (["区工信局"], ["立山经济开发区"])


def test_a_section_is_named_by_its_heading_not_by_words_inside_an_item() -> None:
    data, _ = _import(
        """\
2019年宪法宣传周活动方案
一、指导思想
深入学习宣传宪法。
二、开展系列宣传活动。（市司法局牵头）
1.在广场设立咨询台。12月4日上午。
2.在公交站台设立宣传标语。12月上旬。
三、组织宪法知识竞赛。12月上旬。（市教育局牵头）
"""
    )
    assert [s["title"] for s in data["sections"]] == ["指导思想"]
    assert [a["title"] for a in data["activities"]] == ["开展系列宣传活动", "组织宪法知识竞赛"]
    assert [a["title"] for a in data["activities"][0]["items"]] == [
        "在广场设立咨询台",
        "在公交站台设立宣传标语",
    ]


def test_a_date_first_item_takes_its_title_from_what_follows_the_date() -> None:
    data, _ = _import(
        """\
3.15国际消费者权益日活动方案
三、活动安排
1、3月5日，组委会召开纪念活动筹备会。
2、3月12日前，各成员单位分别悬挂宣传横幅。
3、3月15日，围绕“携手共治，畅享消费”年主题，组织有关单位和企业在竹篙尖公园开展法律法规咨询宣传，识假辨假，现场受理投诉，发放宣传资料。
"""
    )
    titles = [a["title"] for a in data["activities"]]
    assert titles[:2] == ["组委会召开纪念活动筹备会", "各成员单位分别悬挂宣传横幅"]
    assert titles[2].startswith("围绕“携手共治")
    assert [a["when"] for a in data["activities"]] == ["3月5日", "3月12日前", "3月15日"]


def test_times_no_reader_can_resolve_are_quoted_for_the_editor_not_guessed() -> None:
    data, text = _import(
        """\
防灾减灾宣传周活动方案
一、活动内容
（一）开展一次街头宣传活动。5月_日，在体育馆宣传防灾减灾知识。（市应急局牵头）
（二）开展集中宣传周活动。2023月11—17日为集中宣传周。（市委宣传部牵头）
（三）组织志愿者服务。宣传周期间，组织青年志愿者上街宣传。（团市委牵头）
（四）开展应急演练。5月12日上午9:00时，在市一中开展疏散演练。（市教育局牵头）
"""
    )
    whens = [a["when"] for a in data["activities"]]
    # 5月_日 is not 5月: the document meant a day it did not write
    assert whens == ["日期待定", "日期待定", "日期待定", "5月12日上午9:00时"]
    notes = [line for line in text.splitlines() if "待核对" in line]
    for words in ("5月_日", "2023月11—17日", "宣传周期间"):
        assert any(f"“{words}”无法解析" in note for note in notes), words
    assert any("day_name" in note for note in notes)


def test_a_day_whose_date_never_moves_gives_the_plan_its_key_day() -> None:
    data, _ = _import(
        """\
通江县扶贫日“七个一”活动方案
一、活动内容
1.一期橱窗专刊：各乡镇要在扶贫日到来之际，制作一期橱窗专刊。（县扶贫和移民局牵头）
""",
        year=2015,
    )
    assert (str(data["day"]), data["day_name"]) == ("2015-10-17", "扶贫日")
    assert data["activities"][0]["when"] == "扶贫日到来之际"


def test_a_task_takes_the_one_deadline_it_states_and_leaves_several_to_the_editor() -> None:
    data, text = _import(
        """\
2021年魅力文明城市行动方案
一、主要任务
1.加大违建整治力度。巩固拆违成果，12 月底前全市无违建街(镇)达到80%。
2.加快老旧小区整治改造。5 月底前开工改造项目50个。12 月底前开工建设电梯200部。
""",
        kind="work-plan",
    )
    first, second = data["tasks"]  # the tasks of 主要任务
    assert first["due"] == "12月底前"
    assert "due" not in second
    assert "原文有几个时限（5月底前、12月底前）" in text


# -- documents that number nothing ---------------------------------------------------------


def test_each_sentence_that_gives_units_their_part_is_an_activity() -> None:
    data, _ = _import(
        """\
我省“宪法宣传周”活动拉开帷幕
今年“宪法宣传周”安排了一系列主题活动。
宪法进企业，由省工信厅牵头，省国资委、省总工会等单位配合，组织律师深入企业开展法治体检。宪法进农村，由省农业农村厅牵头，省公安厅配合，宣传涉农法律法规。宪法进校园，由省教育厅牵头，在12月4日当天举办中小学校“宪法晨读”活动。
"""
    )
    assert [(a["title"], a["lead"], a.get("support")) for a in data["activities"]] == [
        ("宪法进企业", ["省工信厅"], ["省国资委", "省总工会"]),
        ("宪法进农村", ["省农业农村厅"], ["省公安厅"]),
        ("宪法进校园", ["省教育厅"], None),
    ]
    assert data["activities"][2]["when"] == "12月4日当天"
    assert "location" not in data["activities"][2]  # 在12月4日当天 is a time, not a place


def test_an_item_named_as_this_event_takes_the_event_named_before_it() -> None:
    data, _ = _import(
        """\
我县“三下乡”活动走进美丽乡村
2月22日上午，我县在尚庄村、青岗村等7个美丽乡村示范点同时开展文化科技卫生三下乡活动。
此次活动由县委宣传部主办。活动期间，县科技局、科协等参加单位分别在各活动现场开展宣传。
"""
    )
    (only,) = data["activities"]
    assert only["title"] == "文化科技卫生三下乡活动"
    assert only["lead"] == ["县委宣传部"] and "support" not in only
    assert only["when"] == "2月22日上午"
    assert only["location"] == "尚庄村、青岗村等7个美丽乡村示范点"


def test_the_activities_a_sentence_lists_take_their_times_from_later_sentences() -> None:
    data, _ = _import(
        """\
全市“2019年扶贫日系列活动”日程出炉
活动内容包括扶贫日主题系列宣传活动、脱贫攻坚先进典型选树活动、“百企帮百村”精准扶贫帮扶企业座谈会、“关爱贫困妇儿，你我并肩同行”公益募捐等。同时，我市还将举办扶贫日系列活动启动暨颁奖仪式。
其中，先进典型选树活动现已全面展开。“百企帮百村”精准扶贫帮扶企业座谈会将于10月中下旬开展。扶贫日系列活动启动暨颁奖仪式于10月16日举行。
"""
    )
    assert [(a["title"], a["when"]) for a in data["activities"]] == [
        ("扶贫日主题系列宣传活动", "日期待定"),
        ("脱贫攻坚先进典型选树活动", "日期待定"),
        ("“百企帮百村”精准扶贫帮扶企业座谈会", "10月中下旬"),
        ("“关爱贫困妇儿，你我并肩同行”公益募捐", "日期待定"),
        ("扶贫日系列活动启动暨颁奖仪式", "10月16日"),
    ]


def test_an_events_year_counts_and_a_committees_does_not() -> None:
    event = "本次活动由市科协承办。2017年全国科普日活动自9月16日起至22日结束。"
    committee = "及时成立岳西县2015年“3.15”国际消费者权益日纪念活动组委会，由市场监管局负责。"
    blocks = [Block("全市科普日活动方案", "第1行"), Block(event, "第2行")]
    found = import_blocks(blocks, "plan.txt", ())
    assert (found.year.year, found.year.how) == (2017, "正文里的活动名称")
    assert "年份 2017 取自正文里的活动名称，请核对" in found.text
    with pytest.raises(NoYear):
        import_blocks([Block("3.15活动方案", "第1行"), Block(committee, "第2行")], "plan.txt", ())


# -- rectification reports -------------------------------------------------------------------


def test_problems_written_as_fields_become_problems_with_their_measures() -> None:
    data, text = _import(
        """\
XX镇关于大气污染防治专项审计问题整改情况的报告
一、高度重视
镇主要领导多次召开专题会议研究。
二、整改情况
问题描述:污水处理设施未启用。
整改情况:未整改到位,预计X月XX日整改到位。
整改措施:1、对用电线路进行全面改造,确保用电安全;2、对蓄水池中的淤泥进行清理。
问题描述:垃圾中转站未封闭。
整改情况:已完成。整改时限:6月30日前
整改措施:一是加装密封门;二是每日清运。
""",
        kind="rectification",
    )
    (area,) = data["areas"]
    first, second = area["items"]
    assert first["title"] == "污水处理设施未启用"
    assert first["measures"] == [
        "对用电线路进行全面改造，确保用电安全",
        "对蓄水池中的淤泥进行清理",
    ]
    assert first["status"] == "ongoing" and "due" not in first
    assert "原文的时限“预计X月XX日整改到位”无法解析" in text
    assert second["title"] == "垃圾中转站未封闭"
    assert (second["status"], second["due"]) == ("done", "6月30日前")
    assert second["measures"] == ["一是加装密封门", "二是每日清运"]
    assert [s["title"] for s in data["sections"]] == ["高度重视"]


def test_problems_listed_without_areas_go_under_one_area_the_editor_names() -> None:
    data, text = _import(
        """\
创建文明城市整改报告 篇4.docx
1、创建文明城市整改报告篇4县创城指挥部办公室：现将整改情况汇报如下：（一）金街环境卫生脏乱差。整改措施：组织人员清理杂物。（二）望通路两侧卫生脏乱。整改措施：动用大型机械清理垃圾。
""",
        kind="rectification",
    )
    (area,) = data["areas"]  # "1、" was the first page's number, not an item
    assert area["title"] == "整改问题"
    assert [(p["title"], p["measures"]) for p in area["items"]] == [
        ("金街环境卫生脏乱差", ["组织人员清理杂物"]),
        ("望通路两侧卫生脏乱", ["动用大型机械清理垃圾"]),
    ]
    assert "原文没有分方面" in text


# -- from the held-out cases (28-38) ---------------------------------------------------------


def test_a_collection_pages_title_and_date_are_not_the_plans() -> None:
    blocks = [
        Block(text, f"第{n}行")
        for n, text in enumerate(
            [
                "2023年宪法宣传周工作方案",
                "2023-12-03 20:43:55 策划方案",
                "宪法宣传周工作方案 篇1",
                "为开展好第__个“宪法宣传周”，制定本方案。",
                "一、主题活动",
                "1、“宪法进机关”主题活动。组织集中学习。(牵头单位:镇组织办)",
            ],
            1,
        )
    ]
    with pytest.raises(NoYear):  # 2023 is the site's page, not the plan
        import_blocks(blocks, "plan.txt", ())
    data = yaml.safe_load(import_blocks(blocks, "plan.txt", (), year=2023).text)
    assert data["title"] == "宪法宣传周工作方案"  # the entry's own title
    assert data["activities"][0]["lead"] == ["镇组织办"]


def test_a_date_in_a_sentence_of_history_is_not_the_plans_year() -> None:
    blocks = [
        Block("大学校园禁毒日活动策划书", "第1行"),
        Block("联合国1987年6月召开部长级会议，将每年6月26日定为国际禁毒日。", "第2行"),
        Block("一、活动内容", "第3行"),
        Block("1、6月25日上午，街头宣传。（由宣传组负责）", "第4行"),
    ]
    with pytest.raises(NoYear):
        import_blocks(blocks, "plan.txt", ())


def test_a_one_line_scrape_and_a_heading_spaced_apart() -> None:
    data, _ = _import(
        """\
镇节能宣传周活动方案经镇政府研究，决定举办活动。一、活动目的提高节能意识。二、活动时间6月11日至6月17日三、活动内容(一)开展各项宣传活动。1、入户宣传(此项工作由镇团委、镇妇联负责)。2、媒体节能宣传(此项工作由镇党政办负责)。
四、有关 工作 要求
"""
    )
    assert [s["title"] for s in data["sections"]][:2] == ["活动目的", "活动时间"]
    (group,) = data["activities"]
    assert [(a["title"], a["lead"]) for a in group["items"]] == [
        ("入户宣传", ["镇团委", "镇妇联"]),
        ("媒体节能宣传", ["镇党政办"]),
    ]


def test_a_groups_own_units_and_deadline_stay_on_the_group() -> None:
    data, text = _import(
        """\
创文督查问题清单
1. 市第二人民医院
(1)院内禁烟标识数量不达标;
(2)宣传牌内容不规范。
问题整改责任单位:市卫生健康委员会 整改时限:5天
2. 市科技馆
(1)灭火器过期未更换。
问题整改责任单位:市科技馆 整改时限:6月底前
""",
        kind="rectification",
    )
    hospital, museum = data["areas"]
    assert hospital["responsible"] == ["市卫生健康委员会"]
    assert [p["title"] for p in hospital["items"]] == ["院内禁烟标识数量不达标", "宣传牌内容不规范"]
    assert all("responsible" not in p for p in hospital["items"])
    assert "原文的时限“5天”无法解析" in text  # 5天 from when? not a date to write
    assert (museum["responsible"], museum["due"]) == (["市科技馆"], "6月底前")


def test_another_section_with_activity_words_in_its_name_is_not_the_activities() -> None:
    data, _ = _import(
        """\
县民族团结进步工作宣传活动方案
一、活动主题
求团结促进步。
（一）对外宣传
开辟新闻专栏。由县委宣传部具体负责。
（二）举办民族团结运动会
于5月下旬举办运动会，具体由县文体局负责。
三、宣传活动所需经费
1、对外宣传报道经费
"""
    )
    assert [(a["title"], a["lead"]) for a in data["activities"]] == [
        ("对外宣传", ["县委宣传部"]),
        ("举办民族团结运动会", ["县文体局"]),
    ]
    assert data["activities"][1]["when"] == "5月下旬"
    assert "宣传活动所需经费" in [s["title"] for s in data["sections"]]


def test_the_activity_time_section_gives_the_plans_period() -> None:
    plan = """\
2019年安全生产月活动方案
一、活动时间
{period}
二、活动内容
（一）开展咨询日活动。6月16日，在人民广场举行。（市应急局牵头）
"""
    data, text = _import(plan.format(period="6月1日至30日。其中6月16日为咨询日。"))
    assert (str(data["period"]["start"]), str(data["period"]["end"])) == (
        "2019-06-01",
        "2019-06-30",
    )
    assert "period 取自原文的“6月1日至30日”" in text
    month, _ = _import(plan.format(period="6月份。"))
    assert (str(month["period"]["start"]), str(month["period"]["end"])) == (
        "2019-06-01",
        "2019-06-30",
    )
    fuzzy, _ = _import(plan.format(period="6月中旬。"))  # which days is not known
    assert "period" not in fuzzy
