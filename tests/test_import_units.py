"""The department phrases of Chinese plans; the rows are real phrasings.

Sources: the seeds /work/shared/seeds/001 (铜川 扶贫日 活动方案, "seed 001") and 003; public plans
found through the search tool's "pages" corpus, named by site in each row's comment.
"""

from __future__ import annotations

import hashlib

import pytest

from campaign_pages.core.imports.units import UnitMatcher, Units, find_units, normalise_unit
from campaign_pages.core.model import Department


def U(
    rest: str,
    lead: tuple[str, ...] = (),
    support: tuple[str, ...] = (),
    responsible: tuple[str, ...] = (),
    leaders: tuple[str, ...] = (),
    participants: tuple[str, ...] = (),
) -> Units:
    return Units(lead, support, responsible, leaders, participants, rest)


SEED_001_PRESS = (
    "召开一场新闻发布会。10月中旬，召开全市脱贫攻坚新闻发布会。"
    "(市委宣传部、市扶贫局牵头,市农业局、市国土局、市人社局、市卫计局、市发改委、市商务局、"
    "市金融办配合落实)"
)

PHRASINGS = [
    # --- seed 001: bracketed clauses at the end of an activity -------------------------------
    pytest.param(
        SEED_001_PRESS,
        U(
            "召开一场新闻发布会。10月中旬，召开全市脱贫攻坚新闻发布会。",
            lead=("市委宣传部", "市扶贫局"),
            support=(
                *("市农业局", "市国土局", "市人社局", "市卫计局"),
                *("市发改委", "市商务局", "市金融办"),
            ),
        ),
        id="seed001-press-conference",
    ),
    pytest.param(
        "扶贫日前夕，在《铜川日报》发表一篇署名(市委办、市委宣传部、市扶贫局具体落实)",
        U(
            "扶贫日前夕，在《铜川日报》发表一篇署名",
            responsible=("市委办", "市委宣传部", "市扶贫局"),
        ),
        id="seed001-具体落实",
    ),
    pytest.param(
        "组织一次集中宣传。(市委宣传部、市扶贫局牵头,市级相关部门配合落实)",
        U("组织一次集中宣传。", lead=("市委宣传部", "市扶贫局"), support=("市级相关部门",)),
        id="seed001-related-departments",
    ),
    pytest.param(
        "开展一次政策宣传咨询活动。(市脱贫攻坚领导小组办公室牵头,市级相关部门配合落实)",
        U(
            "开展一次政策宣传咨询活动。",
            lead=("市脱贫攻坚领导小组办公室",),
            support=("市级相关部门",),
        ),
        id="seed001-leading-group-office",
    ),
    pytest.param(
        "开展一次健康服务活动。(市卫计局牵头,市扶贫局配合)",
        U("开展一次健康服务活动。", lead=("市卫计局",), support=("市扶贫局",)),
        id="seed001-half-width",
    ),
    pytest.param(
        "组织一次贫困户住房集中交钥匙活动。(市国土局牵头,市住建局、市扶贫局配合)",
        U(
            "组织一次贫困户住房集中交钥匙活动。",
            lead=("市国土局",),
            support=("市住建局", "市扶贫局"),
        ),
        id="seed001-two-supporters",
    ),
    pytest.param(
        "开展一次走访座谈活动。对照五个方面，坚持问题导向，对标整改。(各级帮扶部门单位)",
        U(
            "开展一次走访座谈活动。对照五个方面，坚持问题导向，对标整改。",
            responsible=("各级帮扶部门单位",),
        ),
        id="seed001-bare-bracket",
    ),
    pytest.param(
        "10月17日,市脱贫攻坚办组织、市新区管委会协办、市级相关单位配合,在新区阳光广场举行"
        "政策宣传咨询活动。",
        U(
            "10月17日,在新区阳光广场举行政策宣传咨询活动。",
            lead=("市脱贫攻坚办",),
            support=("市新区管委会", "市级相关单位"),
        ),
        id="seed001-prose-组织-协办-配合",
    ),
    # --- labels in brackets ---------------------------------------------------------------
    pytest.param(
        "举办扶贫日主题宣传（牵头单位：市委宣传部、市扶贫局；配合单位：市农业局、市人社局）",
        U(
            "举办扶贫日主题宣传",
            lead=("市委宣传部", "市扶贫局"),
            support=("市农业局", "市人社局"),
        ),
        id="label-fullwidth",
    ),
    pytest.param(  # 10100.com: 杭州市推进“互联网+”行动实施意见
        "1.大力发展众创空间。三年内认定市级众创空间60家以上。(牵头单位:市科委,配合单位:各区县市)",
        U(
            "1.大力发展众创空间。三年内认定市级众创空间60家以上。",
            lead=("市科委",),
            support=("各区县市",),
        ),
        id="label-halfwidth-comma",
    ),
    pytest.param(  # pkulaw.com: 运城市突发事件应急体系建设“十三五”规划责任分解
        "(4)加强应急预案的培训宣传，扩大应急预案发布范围。\n"
        "(责任单位:市直各有关单位、各县(市、区)人民政府、各开发区管委会)",
        U(
            "(4)加强应急预案的培训宣传，扩大应急预案发布范围。",
            responsible=("市直各有关单位", "各县(市、区)人民政府", "各开发区管委会"),
        ),
        id="label-responsible-nested-brackets",
    ),
    pytest.param(
        "开展文明交通劝导（责任单位：县公安局交警大队；牵头单位：县文明办）",
        U("开展文明交通劝导", lead=("县文明办",), responsible=("县公安局交警大队",)),
        id="label-responsible-beside-lead",
    ),
    pytest.param(
        "建立长效机制。（牵头单位：县文明办　责任单位：各乡镇、县直各单位）",
        U("建立长效机制。", lead=("县文明办",), responsible=("各乡镇", "县直各单位")),
        id="label-ideographic-space",
    ),
    pytest.param(
        # the value says who leads and who supports: as it says (not all "responsible")
        "开展困难群众走访慰问。责任单位：由县民政局牵头，各乡镇配合",
        U("开展困难群众走访慰问。", lead=("县民政局",), support=("各乡镇",)),
        id="label-value-written-as-clauses",
    ),
    pytest.param(
        "召开新闻发布会。（市委宣传部牵头）。",
        U("召开新闻发布会。", lead=("市委宣传部",)),
        id="bracket-between-full-stops",
    ),
    pytest.param(
        "开展宣传 （牵头单位：县委宣传部/县文明办；配合单位：县直各单位）",
        U("开展宣传", lead=("县委宣传部", "县文明办"), support=("县直各单位",)),
        id="label-slash",
    ),
    pytest.param(
        "举办广场舞大赛【牵头单位】县文体局【配合单位】各乡镇、县总工会",
        U("举办广场舞大赛", lead=("县文体局",), support=("各乡镇", "县总工会")),
        id="label-lenticular",
    ),
    pytest.param(
        "做好宣传报道【责任单位：县融媒体中心、县委网信办】",
        U("做好宣传报道", responsible=("县融媒体中心", "县委网信办")),
        id="label-lenticular-colon",
    ),
    # --- labels on lines ------------------------------------------------------------------
    pytest.param(  # lishan.gov.cn: 立山区政府2023年重点工作任务分解和责任分工方案
        "1.努力实现地区生产总值增长6.2%左右。\n"
        "牵头单位：区发改局\n"
        "责任单位：立山经济开发区，全区经济运行各专班",
        U(
            "1.努力实现地区生产总值增长6.2%左右。",
            lead=("区发改局",),
            responsible=("立山经济开发区", "全区经济运行各专班"),
        ),
        id="lines-lead-and-responsible",
    ),
    pytest.param(  # lishan.gov.cn, same plan
        "3.固定资产投资增长15%左右。\n牵头单位：区发改局\n责任单位：立山经济开发区，各街道、区直各部门",
        U(
            "3.固定资产投资增长15%左右。",
            lead=("区发改局",),
            responsible=("立山经济开发区", "各街道", "区直各部门"),
        ),
        id="lines-comma-and-dun",
    ),
    pytest.param(
        "牵头单位：市委宣传部 配合单位：市文明办、市教育局",
        U("", lead=("市委宣传部",), support=("市文明办", "市教育局")),
        id="lines-two-labels-one-line",
    ),
    pytest.param(  # tongcheng.cjyun.org: 文明城市创建氛围宣传的紧急通知
        "1、户外电视宣传。在银山广场、通城驿站、三合广场的大型户外电子屏播放文明城市创建的视频广告。"
        "责任单位：开发区、城管执法局、三合广场业主。",
        U(
            "1、户外电视宣传。在银山广场、通城驿站、三合广场的大型户外电子屏播放文明城市创建的视频广告。",
            responsible=("开发区", "城管执法局", "三合广场业主"),
        ),
        id="lines-label-after-full-stop",
    ),
    pytest.param(  # xiexiebang.com: 创建自治区文明县提名县宣传工作的通知
        "1、县直各单位要在单位醒目位置制作或设置社会主义核心价值观的公益广告或宣传标语。\n\n"
        "责任单位：县直各单位",
        U(
            "1、县直各单位要在单位醒目位置制作或设置社会主义核心价值观的公益广告或宣传标语。",
            responsible=("县直各单位",),
        ),
        id="lines-responsible-own-line",
    ),
    pytest.param(
        "发放普法宣传资料。\n责任部门：县司法局",
        U("发放普法宣传资料。", responsible=("县司法局",)),
        id="lines-责任部门",
    ),
    pytest.param(
        "开展农村人居环境整治。实施单位：各乡（镇）人民政府",
        U("开展农村人居环境整治。", responsible=("各乡（镇）人民政府",)),
        id="lines-实施单位",
    ),
    pytest.param(  # wanshu.net: 枸杞采摘节筹备方案
        "1、综合协调组\n牵头部门：县委办\n配合部门：政府办、财政局\n负责制定综合协调组工作实施方案并组织实施。",
        U(
            "1、综合协调组\n负责制定综合协调组工作实施方案并组织实施。",
            lead=("县委办",),
            support=("政府办", "财政局"),
        ),
        id="lines-牵头部门-配合部门",
    ),
    pytest.param(  # popartistsnft.com: 县政府春节活动策划方案 (traditional original, simplified)
        "一、主办单位：中共永福县委员会、永福县人民政府\n"
        "承办单位：中共永福县委宣传部、县文明办、县文体局\n"
        "协办单位：县总工会、团县委、妇联、县公安局",
        U(
            "",
            lead=("中共永福县委员会", "永福县人民政府"),
            support=(
                *("中共永福县委宣传部", "县文明办", "县文体局"),
                *("县总工会", "团县委", "妇联", "县公安局"),
            ),
        ),
        id="lines-主办-承办-协办",
    ),
    pytest.param(  # xietusu.cn: 教育宣传活动方案 (no 主办: 承办 leads)
        "四、活动单位\n承办单位：__区卫计局。\n协办单位：__市医改办。",
        U("四、活动单位", lead=("__区卫计局",), support=("__市医改办",)),
        id="lines-承办-without-主办",
    ),
    pytest.param(  # wanshu.net: 枸杞采摘节筹备方案, one unit a line under its label
        "三、主办、承办单位\n主办单位:\n自治区农牧厅\n自治区林业厅\n中共**县委员会\n"
        "承办单位:\n**县委宣传部\n**县文联",
        U(
            "三、主办、承办单位",
            lead=("自治区农牧厅", "自治区林业厅", "中共**县委员会"),
            support=("**县委宣传部", "**县文联"),
        ),
        id="lines-label-then-one-unit-a-line",
    ),
    pytest.param(
        "牵头领导：张三\n责任领导：分管副部长\n牵头单位：县委宣传部\n开展理论宣讲进基层活动",
        U("开展理论宣讲进基层活动", lead=("县委宣传部",), leaders=("张三", "分管副部长")),
        id="lines-leaders-are-not-units",
    ),
    pytest.param(
        "分管领导：李四（县委常委、宣传部部长）",
        U("", leaders=("李四（县委常委、宣传部部长）",)),
        id="lines-leader-with-post",
    ),
    pytest.param(  # eimio.cn: 乡科技活动周实施方案 (参加活动单位 → written as 参加单位)
        "三、参加单位：乡林业站、广播站、农机站、农技站、水管站、文化站等单位。",
        U(
            "",
            participants=("乡林业站", "广播站", "农机站", "农技站", "水管站", "文化站"),
        ),
        id="lines-participants",
    ),
    pytest.param(
        "参加单位：各县（市、区）宣传部、市直各单位",
        U("", participants=("各县（市、区）宣传部", "市直各单位")),
        id="lines-participants-brackets",
    ),
    # --- prose: 由…牵头/负责/承办 ------------------------------------------------------------
    pytest.param(  # eimio.cn: 县民族团结进步工作宣传活动方案 (traditional original)
        "於5月下旬舉辦88縣第22屆民族團結運動會，屆時將舉行盛大的群眾遊行慶祝活動，具體由縣文體局負責。",
        U(
            "於5月下旬舉辦88縣第22屆民族團結運動會，屆時將舉行盛大的群眾遊行慶祝活動。",
            lead=("縣文體局",),
        ),
        id="prose-traditional-具体由-负责",
    ),
    pytest.param(  # eimio.cn, same plan
        "重點推出《88縣民族團結進步工作紀實》系列專題報道。由縣委宣傳部具體負責。",
        U("重點推出《88縣民族團結進步工作紀實》系列專題報道。", lead=("縣委宣傳部",)),
        id="prose-由-具体负责",
    ),
    pytest.param(
        "开展送文化下乡活动，由县文明办牵头，县委宣传部、团县委等单位配合，共同做好组织工作。",
        U(
            "开展送文化下乡活动，共同做好组织工作。",
            lead=("县文明办",),
            support=("县委宣传部", "团县委"),
        ),
        id="prose-由-牵头-等单位配合",
    ),
    pytest.param(
        "举办全县青年志愿服务活动，由团县委牵头负责。",
        U("举办全县青年志愿服务活动。", lead=("团县委",)),
        id="prose-牵头负责",
    ),
    pytest.param(
        "由市委宣传部负责，市直各单位配合。",
        U("", lead=("市委宣传部",), support=("市直各单位",)),
        id="prose-负责-配合",
    ),
    pytest.param(
        "举办迎新春文艺汇演。此项工作由县文化馆承办，县文联协办。",
        U("举办迎新春文艺汇演。", lead=("县文化馆",), support=("县文联",)),
        id="prose-此项工作-承办-协办",
    ),
    pytest.param(
        "开展“我们的节日”主题活动。此项工作由县委宣传部承办。",
        U("开展“我们的节日”主题活动。", lead=("县委宣传部",)),
        id="prose-此项工作-承办",
    ),
    pytest.param(
        "举办农民丰收节文艺演出，由县文联承办，会同县文化馆共同承办。",
        U("举办农民丰收节文艺演出。", lead=("县文联",), support=("县文化馆",)),
        id="prose-承办-then-会同",
    ),
    pytest.param(
        "开展文明劝导，由县文明办会同县交警大队共同承办。",
        U("开展文明劝导。", lead=("县文明办",), support=("县交警大队",)),
        id="prose-会同-共同承办",
    ),
    pytest.param(  # jiningwenhuayun.cn: 2020年济宁市新创作文艺汇演
        "本次汇演由中共济宁市委宣传部、济宁市文化和旅游局主办，济宁市文化馆承办。",
        U(
            "",
            lead=("中共济宁市委宣传部", "济宁市文化和旅游局"),
            support=("济宁市文化馆",),
        ),
        id="prose-主办-承办",
    ),
    pytest.param(  # fensifuwu.com (延边晨报): 第二届全州农民文艺汇演
        "演出由延边州委宣传部、延边州文化广播电视和旅游局主办，延边群众艺术馆、"
        "各县（市）文化广播电视和旅游局承办，各县（市）文化馆协办。",
        U(
            "演出。",
            lead=("延边州委宣传部", "延边州文化广播电视和旅游局"),
            support=("延边群众艺术馆", "各县（市）文化广播电视和旅游局", "各县（市）文化馆"),
        ),
        id="prose-主办-承办-协办-subject-kept",
    ),
    pytest.param(
        "市委宣传部牵头、市文明办配合。",
        U("", lead=("市委宣传部",), support=("市文明办",)),
        id="prose-牵头、配合",
    ),
    pytest.param(
        "（市文明办牵头，市委宣传部、市教育局配合）",
        U("", lead=("市文明办",), support=("市委宣传部", "市教育局")),
        id="bracket-only",
    ),
    pytest.param(  # newton.com.tw: 鹹陽市2022年深化“放管服”改革 (traditional original)
        "1.全面實施行政許可事項清單管理。（市政府辦公室、市行政審批制度改革工作領導小組辦公室牽頭，"
        "市級各有關部門及各縣市區政府按職責分工負責）",
        U(
            "1.全面實施行政許可事項清單管理。",
            lead=("市政府辦公室", "市行政審批制度改革工作領導小組辦公室"),
            support=("市級各有關部門", "各縣市區政府"),
        ),
        id="bracket-traditional-按职责分工负责",
    ),
    pytest.param(
        "做好主题宣传（县委宣传部牵头抓总，各有关单位配合）",
        U("做好主题宣传", lead=("县委宣传部",), support=("各有关单位",)),
        id="bracket-牵头抓总-各有关单位",
    ),
    pytest.param(  # a verb inside a name (组织 in 市委组织部) is no verb
        "开展新任职干部培训（市委组织部牵头，市委党校配合）",
        U("开展新任职干部培训", lead=("市委组织部",), support=("市委党校",)),
        id="bracket-verb-inside-a-name",
    ),
    pytest.param(
        "开展就业援助（市人力资源和社会保障局牵头，市总工会配合）",
        U("开展就业援助", lead=("市人力资源和社会保障局",), support=("市总工会",)),
        id="bracket-和-inside-a-name",
    ),
    pytest.param(
        "开展义诊（市卫健委牵头，市人民医院和市中医院配合）",
        U("开展义诊", lead=("市卫健委",), support=("市人民医院", "市中医院")),
        id="bracket-和-between-units",
    ),
    pytest.param(
        "（三）发表一篇重要署名文章（“市委办”、“市委宣传部”具体落实）",
        U("（三）发表一篇重要署名文章", responsible=("市委办", "市委宣传部")),
        id="bracket-quoted-names",
    ),
    pytest.param(
        "组织群众性文体活动（各县、市、区政府牵头，县、乡、村三级配合）",
        U("组织群众性文体活动", lead=("各县、市、区政府",), support=("县、乡、村三级",)),
        id="bracket-single-character-dun-joins",
    ),
    pytest.param(
        "由各县（市、区）负责组织实施。",
        U("", lead=("各县（市、区）",)),
        id="prose-各县（市、区）",
    ),
    # --- A、B：负责… ----------------------------------------------------------------------
    pytest.param(
        "市委宣传部、市文明办：负责制定宣传方案，统筹协调各项活动。市有关部门配合。",
        U(
            "制定宣传方案，统筹协调各项活动。",
            lead=("市委宣传部", "市文明办"),
            support=("市有关部门",),
        ),
        id="colon-负责-then-配合",
    ),
    pytest.param(
        "2.县融媒体中心：具体负责活动的宣传报道。",
        U("2.活动的宣传报道。", lead=("县融媒体中心",)),
        id="colon-具体负责-numbered",
    ),
    # --- roles marked inside one label's list ----------------------------------------------
    pytest.param(
        "开展宣传。（责任单位：市委宣传部（牵头）、市文明办、市教育局）",
        U("开展宣传。", lead=("市委宣传部",), support=("市文明办", "市教育局")),
        id="label-names-marked-牵头",
    ),
    pytest.param(
        "开展宣传。责任单位：市委宣传部牵头，市文明办、市教育局配合",
        U("开展宣传。", lead=("市委宣传部",), support=("市文明办", "市教育局")),
        id="label-names-with-verbs",
    ),
    # --- a second clause that carries out, and a share of duties -----------------------------
    pytest.param(
        "开展宣传。（市委宣传部牵头，各县区负责落实）",
        U("开展宣传。", lead=("市委宣传部",), support=("各县区",)),
        id="second-clause-负责落实",
    ),
    pytest.param(
        "开展宣传。（市委宣传部、市文明办按职责分工负责）",
        U("开展宣传。", responsible=("市委宣传部", "市文明办")),
        id="分工负责-alone-is-responsible",
    ),
    # --- held-out cases 28-38 (gathered after the rules above were written) --------------------
    pytest.param(
        "组织好火灾隐患排查活动。校政教处和总务处牵头对学校教室进行一次彻底排查。",
        U("组织好火灾隐患排查活动。对学校教室进行一次彻底排查。", lead=("校政教处", "总务处")),
        id="case31-牵头-runs-into-its-action",
    ),
    pytest.param(
        "开展辅助器具发放活动。以城区残联牵头，为残疾人发放辅助器具。",
        U("开展辅助器具发放活动。为残疾人发放辅助器具。", lead=("城区残联",)),
        id="case32-以A牵头",
    ),
    pytest.param(
        "由宣传组负责于6月24日前出一期黑板报。",
        U("于6月24日前出一期黑板报。", lead=("宣传组",)),
        id="case33-由A负责于",
    ),
    pytest.param(
        "开展知识竞赛（由市场监管局负责组织实施）",
        U("开展知识竞赛", lead=("市场监管局",)),
        id="case13-由-in-a-bracket-leads",
    ),
    pytest.param(
        "问题整改责任单位:市卫生健康委员会 整改时限:5天",
        U("整改时限:5天", responsible=("市卫生健康委员会",)),
        id="case30-问题整改责任单位-then-时限",
    ),
    pytest.param(
        "加大简政放权力度（牵头单位：州政务服务中心；责任单位：州司法局、州委编办，6月底完成）",
        U(
            "加大简政放权力度",
            lead=("州政务服务中心",),
            responsible=("州司法局", "州委编办"),
        ),
        id="case29-a-deadline-in-the-list",
    ),
    pytest.param(
        "网站宣传。\n负责部门:宣传部\n微信推送。\n任务部门:团委",
        U("网站宣传。\n微信推送。", lead=("宣传部",), responsible=("团委",)),
        id="case35-负责部门-任务部门",
    ),
    # --- 由A组织…: A organises the item (this sentence was once read as prose; an item that
    # says who organises it says who leads it) -------------------------------------------------
    pytest.param(
        "由農技站牽頭組織各村農戶代表到雷寨溝村參觀示範田。",  # eimio.cn
        U("組織各村農戶代表到雷寨溝村參觀示範田。", lead=("農技站",)),
        id="由A牵头组织-whom",
    ),
    pytest.param(
        "由县委宣传部统一组织各党委在县政府门口布置展版。",  # eimio.cn
        U("统一组织各党委在县政府门口布置展版。", lead=("县委宣传部",)),
        id="由A统一组织-whom",
    ),
    pytest.param(
        "公布许可事项清单。（市政府办公室、市审批服务局牵头，各县市区政府负责）",  # newton.com.tw
        U(
            "公布许可事项清单。",
            lead=("市政府办公室", "市审批服务局"),
            support=("各县市区政府",),
        ),
        id="second-clause-负责-supports",
    ),
    # --- import case 15: 此项工作由A部署，B落实，C负责协调 --------------------------------
    pytest.param(
        "进行曝光。此项工作由市委宣传部部署，各新闻单位落实，市安监局综合处负责协调。",
        U("进行曝光。", lead=("市委宣传部",), support=("各新闻单位", "市安监局综合处")),
        id="case15-部署-落实-协调",
    ),
    pytest.param(
        "此项工作由南昌移动公司和南昌电信公司负责，市安监局监管二处负责协调。",
        U("", lead=("南昌移动公司", "南昌电信公司"), support=("市安监局监管二处",)),
        id="case15-负责-then-协调",
    ),
    pytest.param(
        "具体安排宣传报道工作。此项工作由市委宣传部新闻处负责组织协调。",
        U("具体安排宣传报道工作。", lead=("市委宣传部新闻处",)),
        id="case15-协调-alone-leads",
    ),
    # --- import case 04: 由A牵头 run into the action it leads --------------------------------
    pytest.param(
        "一本宣传画册：由县扶贫和移民局牵头制作一本扶贫开发工作宣传画册。",
        U("一本宣传画册：制作一本扶贫开发工作宣传画册。", lead=("县扶贫和移民局",)),
        id="case04-由A牵头制作",
    ),
    # --- import case 02: 落实单位 -----------------------------------------------------------
    pytest.param(
        "开展系列宣传活动。\n落实单位:县委宣传部、县文广新局、县政府网站和县扶贫办。",
        U(
            "开展系列宣传活动。",
            responsible=("县委宣传部", "县文广新局", "县政府网站", "县扶贫办"),
        ),
        id="case02-落实单位",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PHRASINGS)
def test_phrasings(text: str, expected: Units) -> None:
    assert find_units(text) == expected


def test_there_are_forty_real_phrasings() -> None:
    assert len(PHRASINGS) >= 40


NEGATIVES = [
    "由于天气原因，活动延期举行。",
    "由此可见，宣传工作任重道远。",
    "县委宣传部主要负责同志出席并讲话。",
    "会议由县委宣传部负责同志主持。",
    "专业合作社负责人等群体开展好新媒体技能使用培训。",  # seed 003
    "指定专人管理负责人事档案工作人员的人事档案。",  # seed 003
    "认真填写风险排查表并经分管领导审核签名确认。",  # seed 003
    "各项具体活动的市级牵头部门要按照分工，细化活动方案，明确完成时限，指定专人负责。",  # 001
    "参与单位要积极配合，密切协作，确保每项活动取得实效。",  # seed 001
    "日常工作由市脱贫攻坚办承担。",  # seed 001: 承担 is not an assignment verb
    "所需经费由县财政承担。",
    "各牵头单位要积极履行牵头抓总职责，充分发挥主导作用。",  # zjc.gov.cn
    "各牵头单位和责任单位要相互配合。",
    "双方配合默契，活动圆满成功。",
    "各司其职、密切配合。",  # seed 001
    "县委宣传部牵头负责的文明县城创建推进情况",  # gaozihui.com
    "市卫健委牵头，会同市教体局起草了《健康宣城行动实施方案》。",  # xuancheng.gov.cn
    "本次文明劝导活动由县委宣传部牵头、团县委、文明办、创卫办为主要部门组织安排。",  # youth.cn
    "一是建立了党委负责、书记亲自抓，政府协调联动的工作机制。",  # seed 004
    "分管领导负责抓，办公室专门抓，职能科室配合抓。",  # seed 002
    "本文档由用户上传,版权归属用户,汇文网负责整理代发布。",  # seed 000
    "凡属分管领导负责抓的工作，由分管领导具体抓。",  # seed 002
    "组织宣传（市、县）",
    "关于印发实施方案（试行）",
    "召开座谈会（2023年10月）",
    "牵头单位和责任单位的职责划分",
    "牵头单位：",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_prose_finds_nothing(text: str) -> None:
    units = find_units(text)
    assert not units.found
    assert units == U(text)


def test_found_follows_the_names() -> None:
    assert find_units("（县委宣传部牵头）").found
    assert find_units("牵头领导：张三").found
    assert not find_units("开展宣传活动").found
    assert U("x", participants=("县文联",)).found
    assert not U("x").found


def test_a_bracket_beats_the_narrative() -> None:
    """The narrative's 组织/协办 do not mix into the activity's explicit assignment."""
    text = (
        "10月17日，市脱贫攻坚办组织、市新区管委会协办、市级相关单位配合，在新区阳光广场举行"
        "政策宣传咨询活动。(市脱贫攻坚领导小组办公室牵头,市级相关部门配合落实)"
    )
    units = find_units(text)
    assert units.lead == ("市脱贫攻坚领导小组办公室",)
    assert units.support == ("市级相关部门",)
    assert units.rest.startswith("10月17日，市脱贫攻坚办组织")


def test_a_bare_bracket_only_at_the_end() -> None:
    assert find_units("开展走访（各级帮扶部门单位）").responsible == ("各级帮扶部门单位",)
    assert not find_units("开展走访（各级帮扶部门单位）和座谈").found


def test_duplicates_are_kept_once_in_order() -> None:
    units = find_units("（县文明办牵头，县委宣传部、县文明办、县委宣传部配合）")
    assert units.lead == ("县文明办",)
    assert units.support == ("县委宣传部", "县文明办")


def test_the_whole_seed_plan_is_readable() -> None:
    """Seed 001 as one paragraph: every bracketed assignment is found, nothing else."""
    units = find_units(SEED_001_PRESS + "(市卫计局牵头,市扶贫局配合)(各级帮扶部门单位)")
    assert units.lead[:2] == ("市委宣传部", "市扶贫局")
    assert "市卫计局" in units.lead
    assert units.responsible == ("各级帮扶部门单位",)


# --- the matcher -----------------------------------------------------------------------------

DEPARTMENTS = [
    Department("xcb", "市委宣传部", aliases=("宣传部", "市委宣传部（市新闻出版局）")),
    Department("fpj", "市扶贫局"),
    Department("xw-xcb", "县委宣传部"),
    Department("wjj", "市卫计局", aliases=("市卫生和计划生育局",)),
    Department("tgb", "市脱贫攻坚领导小组办公室", aliases=("市脱贫攻坚办",)),
]


@pytest.fixture
def matcher() -> UnitMatcher:
    return UnitMatcher(DEPARTMENTS)


@pytest.mark.parametrize(
    ("written", "dept_id"),
    [
        ("市委宣传部", "xcb"),
        ("宣传部", "xcb"),  # alias
        ("市委宣传部(市新闻出版局)", "xcb"),  # alias, half-width brackets
        ("縣委宣傳部", "xw-xcb"),  # traditional
        ("市委宣傳部", "xcb"),
        ("由市扶贫局", "fpj"),
        ("市扶贫局等", "fpj"),
        ("市扶贫局等单位", "fpj"),
        (" 市 卫计局 ", "wjj"),
        ("“市卫计局”", "wjj"),
        ("市衛生和計劃生育局", "wjj"),
        ("市脱贫攻坚办", "tgb"),
        ("xcb", "xcb"),  # by id
        ("XCB", "xcb"),
        ("ｆｐｊ", "fpj"),  # full-width id
    ],
)
def test_match(matcher: UnitMatcher, written: str, dept_id: str) -> None:
    dept = matcher.match(written)
    assert dept is not None
    assert dept.id == dept_id


@pytest.mark.parametrize("written", ["市扶贫办", "市委", "", "等", "市文明办"])
def test_no_match(matcher: UnitMatcher, written: str) -> None:
    assert matcher.match(written) is None


def test_suggest(matcher: UnitMatcher) -> None:
    assert matcher.suggest("市扶贫办") == "是否想写“市扶贫局”？"
    assert matcher.suggest("市卫计委") == "是否想写“市卫计局”？"
    assert matcher.suggest("縣委宣傳處") == "是否想写“县委宣传部”？"
    assert matcher.suggest("市扶贫局") is None  # it matches: nothing to suggest
    assert matcher.suggest("省高级人民法院") is None  # nothing close


def test_found_names_match(matcher: UnitMatcher) -> None:
    units = find_units(SEED_001_PRESS)
    assert [d.id if (d := matcher.match(n)) else None for n in units.lead] == ["xcb", "fpj"]
    assert matcher.match(units.support[3]) == DEPARTMENTS[3]


def test_new_id_is_ascii_stable_and_unique(matcher: UnitMatcher) -> None:
    digest = hashlib.sha1("市文明办".encode()).hexdigest()
    first = matcher.new_id("市文明办", set())
    assert first == "dept-" + digest[:6]
    assert first == UnitMatcher([]).new_id("市文明办", set())  # stable across matchers
    assert first == matcher.new_id("市文明辦", set())  # the normalised name decides
    assert first != matcher.new_id("市教育局", set())
    second = matcher.new_id("市文明办", {first})
    assert second == "dept-" + digest[:8]  # lengthened, still the name's own hash
    assert matcher.new_id("市文明办", {first}) == second  # stable given the same taken set
    taken = {first}
    ids = set()
    for _ in range(8):
        new = matcher.new_id("市文明办", taken)
        assert new not in taken
        taken.add(new)
        ids.add(new)
    assert len(ids) == 8


def test_new_id_avoids_department_ids() -> None:
    probe = UnitMatcher([]).new_id("市文明办", set())
    matcher = UnitMatcher([Department(probe, "别的单位")])
    assert matcher.new_id("市文明办", set()) != probe


def test_normalise_unit() -> None:
    assert normalise_unit("由縣委宣傳部等單位") == "县委宣传部"
    assert normalise_unit("「市　扶贫局」") == "市扶贫局"
    assert normalise_unit("各有关单位") == "各有关单位"  # a collective actor, not 等…
    assert normalise_unit("等单位") == "等单位"  # nothing left to strip to
