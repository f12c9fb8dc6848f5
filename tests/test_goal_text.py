"""G102/G103 goal-text analyser: tasklint.validators.goal_text.analyse_goal."""

from __future__ import annotations

import json
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasklint.validators import goal_text
from tasklint.validators.goal_text import GoalAnalysis, Vocabulary, analyse_goal

GOALS = Path(__file__).parent / "data" / "goals.jsonl"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --------------------------------------------------------------------- the seed's cases
def test_seed_conversion_target_is_measurable() -> None:
    result = analyse_goal("新客转化率≥15%")
    assert result.measurable
    assert result.quantities == ("15%",)


def test_seed_vague_goal_is_not_measurable() -> None:
    result = analyse_goal("提升品牌影响力")
    assert not result.measurable
    assert not result.time_bound
    assert result == GoalAnalysis(False, False, (), ())


def test_seed_search_volume_goal_is_measurable() -> None:
    assert analyse_goal("品牌搜索量提升50%").quantities == ("50%",)


# ------------------------------------------------------------------------ trap tables
MEASURABLE = [
    "Member satisfaction score 8.5/10",  # a score out of ten, not the 8th of May 2010
    "成為啟德區新盤網上搜尋熱度第一",  # a rank
    # percentages, comparisons, ranges, signs
    "≥15%",
    "不低于15%",
    "at least 2%",
    "至少5000",
    "no more than ¥3",
    "+30%",
    "提升30%",
    "increase by 50%",
    "10-15%",
    "10~15万",
    "１５％",
    "15 %",
    "0.5pp",
    "150 bps",
    "提升2个点",
    "转化率提升 15 个百分点",
    "百分之二十",
    "百分之十五点五",
    # Chinese numerals and multipliers
    "三成",
    "两倍",
    "翻一番",
    "翻了一番",
    "翻倍",
    "一万",
    "五十个",
    "五千份",
    "八折",
    "3成",
    # English words
    "double sign-ups",
    "triple traffic",
    "halve CAC",
    "a third",
    "one in five",
    "ten thousand",
    "twice as many demos",
    "a dozen KOLs",
    "a million views",
    "cut costs in half",
    "5x leads",
    "double-digit growth",
    # money, magnitudes, thresholds, ranks, ratios
    "¥299",
    "$1.5M",
    "1000元",
    "200k RMB",
    "USD 2 million",
    "20k subscribers",
    "10w+",
    "3k",
    "破万",
    "过亿",
    "上百家门店",
    "百万级曝光",
    "进入类目TOP10",
    "rank in the top 3",
    "#1 brand in the category",
    "类目第一",
    "ROI 1:3",
    "ROI 3.5",
    "ROAS of at least 4.0",
    "零客诉",
    "GMV500万",
    "2000 sign-ups",
    "2000元以内",
    "新增好友2000人",
    "获客成本下降1/3",
    "至少举办一场沙龙",
    "每周一篇",
    "Publish one case study per month",
    "响应时长缩短至2小时",
    "发货控制在3天以内",
    # a price before a pipeline from tier-1 accounts is no product's price
    "Generate €3M pipeline from tier-1 accounts by EOQ",
    # not a model number: a rank, and a count before "series"
    "Reach the top 10",
    "Launch 12 series of short videos",
    "每月给会员寄一封感谢信",  # a rate: one letter a month
    "3.8节期间推出买一送一活动",  # a promotion mechanic
]
NOT_MEASURABLE = [
    "65寸电视+3年质保套餐 做首页主推",  # "+" joins two products here: no sign
    "对接世界500强企业，争取区域总部落地",  # a list's name
    "面向985/211毕业生推广在职研究生项目",  # university tiers
    'Push the 12" hybrid w/ 100-night trial + 10-yr warranty on PDPs',
    "展厅1.8米岩板床样品布展到位",  # a bed's size, not the 8th of January
    "推广1903复古系列，提升年轻人认知",  # a line named by a year long past
    "Print hotline 1800 222 3333 on all roadshow banners",
    "Phase 2: roll out 1-on-1 counselling on WeChat",
    "Launch the 100W GaN charger listing",  # a charger's power
    "Launch the 10% Niacinamide serum on Nykaa",  # a serum's active
    "Our 100-year-old vineyard story in all decks",
    "Build skincare quiz for 18-24 yr olds",
    "Get the 800V platform story into top-tier auto media",
    "新品 19姆米桑蚕丝系列 上架",  # a silk's weight: what the product is
    "Case study deck for the SK-200 serum line",  # a model's code before its line
    "Win the 'Best Zero Trust Solution 2025' award",  # zero trust: a kind of security
    "Customer service online 24h during peak season",  # the hours of a service
    "Promote £10 Monday tickets to drama students",  # a ticket's price
    "10年老店，重点突出工厂实拍",  # a shop's age, not a target (nor a period)
    "Finalise the nose pad adjustments for the VM-312 model by March.",  # a model's code
    "Q2内完成120g桶装面的配方升级",
    "示範單位開放前完成720度VR睇樓上線",  # 720度: the tour's view
    "Promote the 1L Es Kopi Susu Gula Aren sharing bottle to office teams",
    "Finalise the Year 7 scholarship FAQ before the November Open Day",
    "6月1日前上线9.9元暑期数学体验课的购买页",  # the course's price
    "Launch the ₹599 Diwali gift box on Amazon India before Dhanteras",  # the box's price
    "旺季到来前完成新款1.5匹变频空调的门店上样",  # 1.5匹: the air conditioner's size
    "Sell out the 1,200-seat family stand two weeks before kick-off",
    "Have the landing page live by 15 May",  # 15 May is the date, not a count
    "小年前完成250ml×12盒有机纯牛奶礼盒的质检报告备案",  # the pack, not a multiplier
    # years, dates, quarters, halves
    "2025",
    "2025年",
    "FY2025",
    "6月1日",
    "6/1",
    "June 1",
    "2025-06-01",
    "Q3",
    "H1",
    "第三季度",
    "上半年",
    # events
    "618",
    "双11",
    "双十一",
    "11.11",
    "双12",
    "12.12",
    "520",
    "3.8节",
    "Black Friday",
    # versions, models, ordinals, labels
    "v2.0",
    "3.0版本",
    "会员体系2.0",
    "iPhone 15",
    "第一阶段",
    "phase 2",
    "step 3",
    "3rd batch",
    "5G新品",
    "3C品类",
    "4S店",
    "H5页面",
    "入驻1688",
    "Produce 4K hero video",
    # times of day, ages, tiers, anniversaries, idioms
    "10:30",
    "晚8点",
    "8pm",
    "18-35岁女性",
    "95后",
    "一二线城市",
    "tier-1 cities",
    "10周年",
    "千人千面",
    "一站式服务",
    "千万不要改主图",
    # titles, vague amounts, directions
    "Top 10 list",
    "发布TOP10好物清单",
    "数万次曝光",
    "几十位KOC",
    "十几个达人",
    "thousands of posts",
    "dozens of influencers",
    "millions of people",
    "Improve brand influence",
    "提升品牌影响力",
    "increase awareness significantly",
    "大幅提升",
    "打造一个爆款",
    "Double down on TikTok",
    "30天内上线",
    "within 30 days",
    # blind set 12: a certification, a tent's rating, a screen's size in 吋
    "Launch the Tawhiti 3-season tent range",
    "55吋電視主打促銷",
    # blind set 10: a machine's model number, what a machine is
    "Become the go-to TMS for Dutch 3PLs",
    "Launch new landing page for the DMU 65 series",
    "Video series on the new CTX beta 800",
    "Webinar series on 5-axis machining, monthly",
    # blind set 13: a pack size with a decimal, a rank inside an app's quoted name
    "1.5kg装幼猫粮复购率提升",
    "Launch the 'Top 10 Treasures' trail app",
    "重点推广三人位沙发系列",  # seats: what the sofa is
    "Publish the Top 10 Skincare Myths content series",
    "Launch the 'Discover 100 Islands' campaign in Japan",
]
TIME_BOUND = [
    "投洽会签约意向项目8个",  # a fair by its kind
    "EMBA第12期开班前完成35人签约",
    "v1.2版本更新前修复全部P0级bug",
    "Megastore sales £250k avg on matchdays",
    "Free pillows w/ every King order this wknd",
    "Publish a Top 10 gift ideas list for Qixi",
    "期末前家长满意度≥90%",
    "NPS ≥ 50 by end of fall term",
    "AOV ₹899+ during the Big Billion Days",
    "Canada Day sale: AOV $140+",
    "Secure 2,500 pre-orders for the S07 before IAA Mobility",
    "increase repeat customers in bangkok by 20% this qtr",
    "Release app v3.2 with Apple Pay support by 15.09.",  # German: the 15th of September
    "中国国际教育展 北京站 收集线索≥500条",  # a fair by its kind
    "Full house on press night for Hamlet",
    "Launch the 'Season 2025' brochure",  # a year in a name
    "Book 25 meetings at Black Hat",
    "Chuseok gift set: 1,500 units on Amazon JP",
    "Reach 15% of Japan sales by the end of 2026",  # not a model's name ("the DMU 65")
    "Have the landing page live by 15 May",
    "Double sign-ups in the first half of 2026",
    "Grow sign-ups 20% by Term 3",
    "no later than 2026, grow sign-ups 20%",  # a deadline, not a baseline ("more than 2025")
    "截至开学新增用户2万",
    "在五一之前完成招募50人",
    "第二学期新增用户2万",
    "世界杯期间销售额提升20%",
    "三八节女神节大促销售额提升30%",
    "建院10周年院庆前完成体检中心装修升级",
    "Book 60 discovery meetings at AISA CyberCon",
    "春耕前植保无人机交付量达到800架",
    "入驻天猫国际前完成中文标签和跨境备案",
    "6.1-6.18大促",  # a date range, its days of two digits
    "荔枝季抖音和快手直播GMV合计达到800万元",
    "Lift basket size to IDR 65,000 during the fasting month",
    "Run a Waitangi Day promotion for local families.",
    "Launch the new taro mooncake flavour before pre-orders open.",
    "2025年",
    "FY2025",
    "6月1日",
    "6/1",
    "June 1",
    "2025-06-01",
    "Q3",
    "H2",
    "第三季度",
    "上半年",
    "by end of June",
    "before 618",
    "within 30 days",
    "30天内",
    "本季度",
    "年底前",
    "during the campaign window 6/1-6/18",
    "每周",
    "weekly",
    "daily",
    "per month",
    "日均",
    "双11当天",
    "国庆期间",
    "春节前",
    "this month",
    "EOQ",
    "by Friday",
    "tomorrow",
    "上线前",
    "before launch",
    "开业首月",
    "launch week",
    "第2周",
    "sprint 4",
    "for the next 2 weeks",
    "a 3-day flash sale",
    "12月中旬",
    "六月底",
    "明年",
    "summer",
    "Black Friday",
    "May 1",
    "在30天内完成首轮投放",
    "上线后日活提升",  # after launch, as "post-launch": a milestone
    # blind set 15: a snow season, a launch week, match days, a window closing
    "雪季季卡销量突破2万张",
    "新球衣首发周销量突破5万件",
    "主场比赛日餐饮收入同比增长20%",
    "转会窗口关闭前完成胸前广告续约",
    # blind set 14: after launch, each sprint, Golden Week, an academic year, nightly
    "新手引导上线后激活率↑10个点",
    "每个sprint至少跑两个增长实验",
    "Halve starter-plan churn over the next 2 sprints",
    "4,000+ registrations of intent before the price list is out",
    "Go live 4 hrs nightly",
    "Scholarship budget capped at $2M for AY2026-27",
    "黃金週線路滿團率達到90%",
    "2x match for the first 48 hours of the campaign",
    # blind set 13: fiscal ends, named weeks and events, Chinese milestones and weekdays
    "Lift direct booking share to 55% by FY-end",
    "ADR of at least £420 throughout Wimbledon fortnight",
    "Top 10 in Lazada PH home & living by the Payday sale",
    "Double contactless usage among students during Freshers' Week",
    "Generate 300 MQLs during Hannover Messe",
    "Build hype on Strava — a million impressions in race week",
    "全马报名人数破3万，报名截止前",
    "第一阶段：经销商大会前完成全部产品目录更新",
    "开票前签下不少于15家品牌赞助商",
    "周五美食日：券核销率15%",
    # blind set 12: milestones of a team's own calendar, sports, weather and policy
    "Ship in-app onboarding tour before GA",
    "Sales enablement deck ready before SKO",
    "Sell out every home game",
    "Student section: 1,000 tickets/game at $15",
    "Sign 6 new local sponsors in the offseason",
    "Puffer jacket restock ahead of the first cold snap",
    "Close 30 units before ABSD changes take effect",
    "Announce SOC 2 Type II at the customer summit in Dublin",
    "颱風季前推出除濕機組合優惠",
    "上海车展前完成展台搭建和人员培训",
    "高考结束后推出学生证8折",
    # blind set 11: an audit again, launch前, an academic year, drop days, an observance
    "Fix accessibility issues flagged in audit before the WCAG re-audit",
    "Unboxing视频launch前全部上线",
    "Sign 3 new partner schools in Brazil this academic year",
    "SMS click rate >10% on drop days",
    "世界旅游日举办城市推介会",
    # blind set 10: fairs, votes and school seasons
    "Publish case study with Bosch before Hannover Messe",
    "Get 1,000 signatures on the petition before the city council vote",
    "Book 40 customer meetings during the booth days at METAV",
    "高考季推出志愿填报专题课",
    "新学期推出AI学习助手",
]
NOT_TIME_BOUND = [
    "美团医美频道评分从4.6提到4.8",  # values, not April 6th
    "推广同等学力申硕课程（学制2年）",  # how long the course runs
    "AOV up 15% vs last year's 4th of July sale",  # a baseline
    "备货量较去年Prime Day增加50%",
    "首年免年费卡申请量环比增长20%",  # the card's first year free
    "Make the matchday experience more welcoming for families",
    "3年质保的保温杯系列主图全部换新",  # a warranty's length
    "百年果园故事拍成短视频系列",  # an orchard's age
    "Sell 300 12-month memberships",  # what is sold
    "Promote '7 days no reason return' on the shop page",  # a returns policy
    "Reduce CAC by a third vs FY25",  # a baseline, not a deadline
    "主推二手车展厅改造方案",  # 车展厅: a showroom, not a motor show
    "Raise the app store rating from 4.3 to 4.7",  # values, not April 3rd to 7th
    "评分从4.6提升到4.8",
    "统一天猫与小红书的视觉风格",  # 统一: unify, no day
    "提升品牌影响力",
    "v2.0",
    "phase 2",
    "晚8点",
    "at 8pm",
    "去年同期",
    "同比增长12%",
    "YoY +20%",
    "Improve MAU month over month",
    "twice as many as last quarter",
    "than the 2024 campaign",
    "DAU 10万",
    "日活提升",
    "weekly active users 8,000",
    "7日留存率",
    "D7 retention",
    "day-1 retention",
    "14-day free trial",
    "7天无理由退货",
    "尽快完成",
    "ASAP",
    "缩短至2小时",
    "cut response time to 2 hours",
    "Sales may grow",
    "10周年",
    # blind set 12: a baseline season, a season ticket, metrics named by their window
    "Sponsorship revenue up 12% vs last season",
    "Hold a season-ticket holder appreciation night",
    "7日复购率达到25%",
    "線上訂單24小時內出貨率95%",
    "150+ visitors at Booth 3B",  # a place, not an event
    # blind set 13: baselines and metric names again; a booth is designed, not a window
    "Double referral sign-ups vs last semester",
    "Weekly active members up 10%",
    "Refresh trade-fair booth design",
    "Grow revenue by running a flash sale",  # "by" a means, not a deadline
    "单店回本周期缩短至8个月",  # the payback period holds no week
    "Launch the 7-day Hokkaido itinerary",  # what the trip is
    "Promote the 5-day ski & stay package",
]


@pytest.mark.parametrize("text", MEASURABLE)
def test_measurable(text: str) -> None:
    result = analyse_goal(text)
    assert result.measurable, f"G102: {text!r} states a quantity"
    assert result.quantities


@pytest.mark.parametrize("text", NOT_MEASURABLE)
def test_not_measurable(text: str) -> None:
    result = analyse_goal(text)
    assert not result.measurable, f"G102: {text!r} states no quantity, found {result.quantities}"


@pytest.mark.parametrize("text", TIME_BOUND)
def test_time_bound(text: str) -> None:
    result = analyse_goal(text)
    assert result.time_bound, f"G103: {text!r} states a deadline or period"
    assert result.periods


@pytest.mark.parametrize("text", NOT_TIME_BOUND)
def test_not_time_bound(text: str) -> None:
    result = analyse_goal(text)
    assert not result.time_bound, f"G103: {text!r} states no deadline, found {result.periods}"


@pytest.mark.parametrize(
    ("text", "quantities", "periods"),
    [
        ("Q3新客转化率提升至15%", ("15%",), ("Q3",)),
        ("6月30日前完成预热", (), ("6月30日前",)),
        ("获客成本降低三成", ("三成",), ()),
        ("Q3 GMV +20%", ("+20%",), ("Q3",)),
        ("Ｑ３ＧＭＶ同比增长２０％", ("２０％",), ("Ｑ３",)),  # cut from the original text
        ("6/1-6/18活动窗口内GMV达成500万", ("500万",), ("6/1", "6/18")),
        ("Grow revenue from $2M to $3M in FY26", ("$2M", "$3M"), ("FY26",)),
        ("at 8pm on launch day", (), ("launch day",)),
        # phone numbers are names; a range with one dash is still a quantity
        ("客服热线400-820-6688上线，预算1000-2000元", ("1000-2000元",), ()),
        ("Call 1-800-555-0142 or 021-12345678 by Friday", (), ("Friday",)),
        # words that quote a name keep its numbers out; a quoted target keeps them
        ("发布《2026十大穿搭趋势》白皮书", (), ("2026",)),
        ("Roll out the 'No.1 in comfort' tagline, CTR 2%", ("2%",), ()),
        ("主视觉slogan改为「No.1的选择」", (), ()),
        ("实现“零投诉”", ("零投诉",), ()),
        ("进入抖音好物榜前五，老客占三分之一、半数以上门店", ("榜前五", "三分之一", "半数"), ()),
        ("前三天完成布置", (), ("三天",)),  # the first days, not a rank
        ("Give 110% on every call; 用100%的热情服务", (), ()),
        ("launch the campaign next wk, not in 3 wks", (), ("next wk", "in 3 wks")),
        # what a product is, unless it is the target
        ("主推6寸蛋糕和500ml装0糖饮料，100%纯棉T恤，24h客服", (), ()),
        ("续航提升至5000mAh，客单价提到199元", ("5000mAh", "199元"), ()),
        ("Push the $199 starter kit; sell 500 starter kits", ("500",), ()),
        ("Promote the 3-in-1 charger and the 6-pack; win 1 in 3 users", ("1", "3"), ()),
        ("Launch the 480kW liquid-cooled charger, a 0% sugar tea; sell 480 kW", ("480",), ()),
        ("Pitch zero-trust to CISOs with zero incidents", ("zero",), ()),
        ("Hit £1.2M box office; launch SKU 200个 and SKU-200", ("£1.2M", "200"), ()),
        # 期 is an issue only in a rate; 一期/二期 otherwise name a phase
        ("每月推送两期简讯，二期项目和第一期培训照常", ("两期",), ("每月",)),
        ("每周直播，打造一个爆款", (), ("每周",)),  # the rate ends at the comma
        # blind set 19: a price, strength, size or plan that says what the product is;
        # metric names holding a window; a phase named like a quarter
        ("推廣HK$3,980行政人員體檢套餐", (), ()),
        ("53度酱香500ml礼盒上市，卖出5000盒", ("5000",), ()),
        ("Launch the 5-piece patio set and the 60/40 payment plan", (), ()),
        ("Launch the 'Healthy 50' screening package", (), ()),
        ("Achieve 'zero complaints' across the campaign", ("zero",), ()),  # the target
        ("Raise 12-month LTV to $180; cut day-1 churn", ("$180",), ()),
        ("Phase Q2 sell-through ≥ 70% post-handover", ("70%",), ("post-handover",)),
        ("WhatsApp 查詢15分鐘內回覆，港島區第一", ("區第一",), ("15分鐘內",)),
        # blind set 20: grades, ages, codes and names; a fair in Chinese; baselines
        ("面向3-6年级，25–40-year-old hikers", (), ()),
        ("Launch the USSD *384# flow and S/4HANA 集成, a 1:1 ABM motion", (), ()),
        ("汉诺威展前拜访30家，备案完成前不投放", ("30",), ("汉诺威展前", "备案完成前")),
        ("完成前期调研", (), ()),  # 前期: the early stage, no milestone
        # blind sets 21 to 24
        ("2025家装节前上线600x1200瓷砖详情页，主推50cl装", (), ("2025", "家装节前")),
        ("Grow crate sales 15% over last Easter on Cool FM 96.9", ("15%",), ()),
        ("Q4 打造一个爆款四件套，争取百亿补贴资源位", (), ("Q4",)),
        ("Rank in the top 3 payments apps before Jornada 1", ("top 3",), ("Jornada 1",)),
        (
            "Double UGC vs the 2024 Apertura campaign; upsell the SAR 450 VIP package",
            ("Double",),
            (),
        ),
        ("高考后启动咨询，加强3+2中高职贯通项目宣传", (), ("高考后",)),
        (
            "腊八前主推500g装大虾礼盒; a 'Top 10 abaya styles' edit before Carnaval",
            (),
            ("腊八前", "Carnaval"),
        ),
        ("推广100%桑蚕丝系列，主推8000Pa大吸力款", (), ()),
        ("Shopee 9.9 GMV RM500k before DMEXCO", ("RM500k",), ("9.9", "DMEXCO")),
        ("Reach 500k monthly listeners; double sign-ins vs. last spring", ("500k", "double"), ()),
        ("手足口病高发期前完成宣教，国庆高峰期间零故障", ("零故障",), ("高发期前", "国庆", "期间")),
        ("Win rate up 5 pp vs last fiscal year; weekly active riders +15%", ("5 pp", "+15%"), ()),
        ("做一份TOP10话术清单，提升30ml修护霜的陈列", (), ()),
        (
            "Sell 1,500 units on Way Day before the next recruitment cycle",
            ("1,500",),
            ("Way Day", "next recruitment cycle"),
        ),
        # codes, list markers, weeks and halves, baselines
        ("1) Launch SKU 20417 at store #12 w/ local SEO", (), ()),
        (
            "W45 CAC ≤ ¥120, 1H26 ROAS 1.5x that of the spring edition",
            ("¥120", "1.5x"),
            ("W45", "1H26"),
        ),
        ("ROAS x2 (vs 上季度)，下个财年开始", ("x2",), ("下个财年",)),
        ("Teaser for the X200 phone, CTR x1.5", ("x1.5",), ()),
        ("核心关键词进入百度首页前三", ("首页前三",), ()),
        # windows: observances, first weeks, weekends, milestones with an adjective
        (
            "Hit 1M pre-registrations before global launch and 5k in the first month",
            ("1M", "5k"),
            ("before global launch", "in the first month"),
        ),
        ("Open house weekend around World Diabetes Day", (), ("weekend", "World Diabetes Day")),
        ("会员日满300减50，样板间开放前完成", ("300", "50"), ("会员日", "开放前")),
        # milestones and spans however worded, and rates with "one"/一
        (
            "Live ahead of the board meeting; one video each sprint, post-launch",
            ("one",),
            ("ahead of the board meeting", "each sprint", "post-launch"),
        ),
        (
            "SOV ≥ 40% across all campaign weeks and for the duration of the promo",
            ("40%",),
            ("across all campaign weeks", "for the duration of the promo"),
        ),
        ("Cut churn by a fifth this ski season, not in Season 3", ("a fifth",), ("season",)),
        (
            "双周输出一份简报，董事会前上线，审批通过后启动",
            ("一份",),
            ("双周", "董事会前", "审批通过后"),
        ),
        ("首月绑卡率提升5个百分点，负面舆情为零，冲进第一", ("5个百分点", "为零", "冲进第一"), ()),
        ("复购周期从45天缩短到30天，3·15前完成", ("45天", "30天"), ("3·15前",)),
        # ranks by the words before them; a baseline event; a metric with a window
        ("信義店業績排進全台分店前五，前三天备货", ("前五",), ("三天",)),
        ("加购人数较去年618翻倍，年度续费率不低于90%", ("翻倍", "90%"), ()),
        ("每週五發布一則貼文，6.1开门红冲量", ("一則",), ("每週", "6.1", "开门红")),
        (
            "One episode every two weeks; CPL below RM30; the 5km charity run",
            ("One", "RM30"),
            ("every two weeks",),
        ),
        (
            "Keep inventory at 60 days of cover, not within 60 days",
            ("60 days",),
            ("within 60 days",),
        ),
        # short cells
        ("年货节冲前三，周报", ("前三",), ("年货节", "周报")),
        ("At least one guest spot; X9 launch; ship by Fri", ("At least one",), ("by Fri",)),
        ("Top 10 tools listicle; top 20 for project management tools", ("top 20",), ()),
        ("Holiday campaign", (), ("Holiday",)),
        ("信息流ROI不低于1.8，大促期间零超卖", ("1.8", "零超卖"), ("大促期间",)),
        ("腊月二十三前入仓，在36氪发稿", (), ("腊月二十三前",)),
        ("Keep the 6-quart model in stock all year", (), ("all year",)),
        ("Keep CPL under $80 across LinkedIn campaigns", ("$80",), ()),  # a scope, no window
        ("Sell 300 room nights in the 72-hour sale", ("300",), ("72-hour",)),
        ("推广120平米四居室，2号营业部，401(k) page", (), ()),
        (
            "金九银十期间加推两栋楼，世界环境日前完成",
            ("两栋",),
            ("金九银十", "期间", "世界环境日前"),
        ),
        (
            "Localize the listing ahead of the v2.3 update; CVR 3% → 4.5% after the shop revamp",
            ("3%", "4.5%"),
            ("ahead of the v2.3 update", "after the shop revamp"),
        ),
        (
            "Shortlist creators before GSS starts, double footfall over the school holidays",
            ("double",),
            ("before GSS starts", "school holidays"),
        ),
        # sets 43 and 44: what a thing is, after "the"; a target after a target verb
        ("Promote the 24-room Alfama property; reach the 10k followers mark", ("10k",), ()),
        ("Run the 20% off bundle", ("20%",), ()),  # a discount's depth
        ("新品42K竞速鞋种草，400热线接通率提到95%", ("95%",), ()),
        ("更新客戶熱線 2866 8888 嘅IVR選單", (), ()),
        ("推廣 HK$1,888 兒童醫療附加保障", (), ()),
        ("CVR +0.5pp in KW48 (Black Week)", ("+0.5pp",), ("KW48", "Black Week")),
        ("Hit 150 SQLs in fiscal weeks 14–26", ("150",), ("weeks 14–26",)),
        ("30-day active users: 800k", ("800k",), ()),  # a metric's name
        ("IFA渠道佔新單保費三成以上", ("三成",), ()),  # advisers, not the Berlin fair
        ("哈尔滨国际冰雪节开幕式全网直播", (), ("冰雪节", "开幕式")),
        # sets 45 and 46
        ("Promote the 100ml Eau de Parfum (¥1,680) to VIC clients", (), ()),
        ("国际博物馆日（5.18）线下活动引流", (), ("国际博物馆日", "5.18")),
        ("招生咨询热线 025-8888 6666 接通率", (), ()),
        ("Call centre 9200 12345 script update", (), ()),
        ("Partner with 5-star hotels for packages", (), ()),
        ("Onboard the 24h store on Rappi", (), ()),
        ("Tidy up the happy hour 5-7pm messaging", (), ()),
        ("Comeback week: album preorders 20,000 units", ("20,000",), ("Comeback week",)),
        ("Avg delivery time under 30 min at lunch peak, Mon–Fri", ("30",), ("Mon–Fri",)),
        (
            "Publish the PIPL checklist before the Beijing seminar",
            (),
            ("before the Beijing seminar",),
        ),
        ("《数据出境合规指南2.0》在两会前发布", (), ("两会前",)),
        ("Average spend per head A$85 during Vivid Sydney", ("A$85",), ("Vivid Sydney",)),
        # sets 47 and 48
        ("Average order value in the $800–1,000 range", ("$800–1,000",), ()),  # a target band
        ("主推 ¥19.9 的 Americano 引流", (), ()),
        ("70% sell-through within 8 weeks of launch", ("70%",), ("within 8 weeks",)),
        ("复住客占比比去年暑期高5个百分点", ("5个百分点",), ()),  # last summer: the baseline
        ("年底前合肥本地市占率进前三", ("前三",), ("年底前",)),
        ("Call distributor rep at (512) 555-0143; fix the POS at bar #2", (), ()),
        # APR the rate beside April the month
        ("Promote the 0% intro APR card", (), ()),
        ("Cut APR to 9.9% by Apr 30", ("9.9%",), ("Apr 30",)),
        # a slogan's years are its own; a duration bounded after it is a target
        ("经销商门头统一使用“专注农机60年”口号", (), ()),
        ("Keep approval time at 5 business days or less", ("5 business days",), ()),
        ("Lift participation to 60% against the 2023/24 baseline", ("60%",), ()),
        # what a thing is: a model number, an altitude, a pack, a phone number, a programme
        ("推广1304型拖拉机和4LZ-8型收割机", (), ()),
        ("讲好海拔1600米庄园的故事", (), ()),
        ("下个月上架500g家庭装", (), ("下个月",)),
        ("Put the club's number (087 123 4567) on every poster", (), ()),
        ("Launch the 2+2 transfer pathway campaign by November", (), ("November",)),
        ("Promote our 4-year BBA", (), ()),
        # seasons and milestones: farming, harvest, a rush, the AGM, a dated observance
        ("麦收前完成示范机演示50场", ("50",), ("麦收前",)),
        ("Host importers during harvest", (), ("during harvest",)),
        ("600 paid members by the AGM", ("600",), ("by the AGM",)),
        ("5·18国际博物馆日推出限定文创", (), ("5·18", "国际博物馆日")),
        # what a thing has or is: years of experience, a charger's watts, an area, a
        # temperature, a battery, a standard, a phone model, a drink's number
        ("以三十年造车经验为卖点", (), ()),
        ("重点推PD 20W和GaN 65W", (), ()),
        ("招商主推15㎡小店模型", (), ()),
        ("推广中央大街-25℃冰酒吧体验", (), ()),
        ("Make our 500Wh battery upgrade more visible", (), ()),
        ("Refresh all API 610 pump datasheets", (), ()),
        ("把SKU 31877（苹果15 Pro Max壳）打造成一个爆款", (), ()),
        ("推广店内招牌7号特调拿铁", (), ()),
        ("提升书店在文艺青年中的口碑", (), ()),
        ("Gift-shop spend 10% higher than the 2024 season", ("10%",), ()),
        ("£80k in cask-sample sales before Burns Night", ("£80k",), ("Burns Night",)),
        # a window, a zero, a rating, a recipe, a league's week, an index, an aircraft
        ("期中考试后一周内，续费率做到85%", ("85%",), ("一周内",)),
        ("广告违规处罚零发生", ("零发生",), ()),
        ("年货节期间把5ATM防水卖点做进主图", (), ("年货节", "期间")),
        ("讲解80%鲜肉含量配方", (), ()),
        ("Finalise away-kit retail plan by Matchweek 3", (), ("Matchweek 3",)),
        ("Grow hospitality interest among FTSE 100 companies", (), ()),
        ("Seat 1A upgrade auction on the new 737 MAX 8 route", (), ()),
        ("Return-to-owner rate above half", ("above half",), ()),
        # specs, standards, list markers, a metric named by its window, a Hijri year
        ("突出LFP电芯8000次循环寿命和2C快充的技术优势", (), ()),
        ("宣传物料统一引用GB/T 36276储能电池标准", (), ()),
        ("1、梳理314Ah电芯卖点 2、输出销售话术", (), ()),
        ("新会员次月留存≥45%", ("45%",), ()),
        ("7-day activation rate of 60% for new accounts", ("60%",), ()),
        ("Referral sign-ups by end of 1446H", (), ("1446H",)),
        ("6.18-6.30暑期预热", (), ("6.18", "6.30", "暑期")),
        ("Recruit more H2 Chem and H2 Math tutors", (), ()),
        # model codes and places with numbers; a size after a plus; daily as a kind
        ("下个月底前拿到 UL 认证 for 加湿器 HM-220", (), ("下个月",)),
        ("Refresh KM 7000 product pages by EOFY", (), ("EOFY",)),
        ("Launch in 5 new cities by mid-2026", ("5",), ("2026",)),
        ("主推30寸水晶相册+6寸摆台", (), ()),
        ("优化浦东旗舰店2号交付区试驾动线", (), ()),
        ("Position the SPF 30 sunscreen as a daily essential", (), ()),
        ("Keep membership churn below the 2024 season's 18%", ("18%",), ()),
        ("Promote relaxed performances over half-term", (), ("half-term",)),
        # blind sets 67 and 68: what a product, a phone line or a name holds; D/M dates
        ("详情页突出100%山羊绒和3年质保卖点", (), ()),
        ("推广24h自助点单机与1对1加盟辅导", (), ()),
        ("推广3合1充电管家和100W快充套装", (), ()),
        ("试营运期间收集顾客对0糖、3分糖的口味回馈", (), ("期间",)),
        ("Show the 42mm titanium case and 5-day power reserve", (), ()),
        ("Promote the 7-year frame garantie and the 2-in-1 charger", (), ()),
        ("Set up a collector concierge hotline (+852 2888 6060)", (), ()),
        ("Customer service line 020-555 0199 must be better reachable", (), ()),
        ("Target 55+ retired couples from Belgium", (), ()),
        ("Target riders 50+ who want a lighter bike", (), ()),
        ("Brief boutique managers on the Calibre 89 story", (), ()),
        ("Push the Jersey No. 18 replica on e-commerce", (), ()),
        ("Switch 2 port trailer out before Gamescom", (), ("Gamescom",)),
        ("Patch 1.3 live by 14.11.", (), ("by 14.11.",)),
        ("Seed the 'Moonphase 1865' teaser ahead of Songkran", (), ("Songkran",)),
        ("Grow weekly active admins in the console to 5,000", ("5,000",), ()),
        ("Break into the QS top 100", ("top 100",), ()),
        ("Reduce delivery time to dealers to max. 5 working days", ("5 working days",), ()),
        ("强积金转移零出错", ("零出错",), ()),
        ("Finalise agent contracts by 31/10", (), ("by 31/10",)),
        ("Dealer satisfaction minimum 8/10 (by 30-4)", ("8/10",), ("by 30-4",)),
        ("Cut agency costs by 1/3", ("1/3",), ()),  # (a day of 12 or less may be a share)
        ("Keep content fronted by the 3rd-generation owner", (), ()),
        ("Launch the 3rd annual Global Voices scholarship", (), ()),
        ("官网突出我们20年老牌经纪行的专业形象", (), ()),
        (
            "At least 25 pre-orders at the Hong Kong Watch & Clock Fair",
            ("25",),
            ("at the Hong Kong Watch & Clock Fair",),
        ),
        ("At least break even on the trade show booth", (), ()),
        ("Media kit ready for the Rose Festival", (), ("Rose Festival",)),
        ("Plan merch for the festival", (), ()),
        # left from earlier sets: a run's, a challenge's, a bundle's and a model's numbers
        ("Refresh the Race for Life 5K landing pages this autumn", (), ("this autumn",)),
        ("Start the 10,000 Steps Challenge outreach", (), ()),
        ("Promote the R10 daily 100MB bundle to price-sensitive users", (), ()),
        ("Support the teaser campaign for the X-Flow 800 launch", (), ()),
        ("Cut the app's size to 100MB", ("100",), ()),
        ("上市后第2周启动法国KOL二轮合作", (), ("上市后", "第2周")),
        ("完成两轮合作", ("两轮",), ()),
        # blind sets 69 and 70
        ("国庆期间举办第3届五缘湾10K城市徒步赛", (), ("国庆", "期间")),
        ("把T-300露营帐篷做成爆款", (), ()),
        ("主推3L户外水袋", (), ()),
        ("Season pass renewal rate ≥ 80%", ("80%",), ()),
        ("Google rating to 4.6/5, up from 4.3 last season", ("4.6/5", "4.3"), ()),
        ("Sign 5 new distributors in Germany before ISM Cologne", ("5",), ("before ISM Cologne",)),
        ("Release v3.2 of the app ahead of the Headies", (), ("ahead of the Headies",)),
        ("Make brand.com the #1 booking channel, ahead of Agoda", ("#1",), ()),
        ("Salon du Chocolat Paris: collect atleast 150 buyer leads", ("150",), ("Salon du",)),
        ("突出会展中心可容纳5000人的宴会厅", (), ()),
        ("Cask-of-the-week post on Instagram", (), ("of-the-week",)),
        ("Product Hunt launch: top 5 Product of the Day", ("top 5",), ()),
        ("主推猫粮年卡订阅（12个月装）", (), ()),
        ("推广“冰雪+温泉”二日游产品", (), ()),
        ("Push the 24/7 support line 6123 4567 in all ads", (), ()),
        ("Promote the S$0 annual fee card to fresh grads", (), ()),
        ("Brief the bloco partners in janeiro", (), ("janeiro",)),
        ("ECOC前完成东南亚新代理商签约5家", ("5",), ("ECOC前",)),
        ("宣传中突出QS前50排名优势", (), ()),
        ("进入北美FTTH光缆供应商前五", ("前五",), ()),
        ("Refresh Stage 1/2/3 product detail pages before 618", (), ("618",)),
        ("Put the Auckland hotline +64 9 300 1234 on parcel inserts", (), ()),
        ("商店页加入16+分级标示", (), ()),
        (
            "Sell 25,000 home shirts before the first LaLiga matchday",
            ("25,000",),
            ("before the first LaLiga matchday",),
        ),
        ("Under-14 memberships to 6k by Reyes", ("6k",), ("Reyes",)),
        ("Finish socio portal 3.0 migration", (), ()),
        ("Centenary 1926–2026 retro shirt design", (), ("1926–2026",)),
        ("Sell 1950-2000 units", ("1950-2000",), ()),
        ("Refresh Gift Aid wording ahead of the new tax year", (), ("the new tax year",)),
        ("Encourage 18-30s to take on their first challenge", (), ()),
        # blind sets 71 and 72
        ("收割季前拖拉机试驾活动覆盖30个乡镇", ("30",), ("季前",)),
        ("退烧贴门店陈列覆盖3000家药房，流感高发季来临前", ("3000",), ("季来临前",)),
        ("今個月K11展覽入場人次要做到兩萬", ("兩萬",), ("今個月",)),
        ("种子包装改为「丰收1号」新标识", (), ()),
        ("Raise kit awareness among smallholders during the Krishi Mela", (), ("Krishi Mela",)),
        ("Grow sales 30% — meta para la temporada de siembra", ("30%",), ("temporada de siembra",)),
        ("Mwezi ujao: relaunch the pet spa brand in Nairobi", (), ("Mwezi ujao",)),
        ("Bayram fares: 92% load factor on IST routes", ("92%",), ("Bayram",)),
        ("Build IG buzz for the Ferragosto aperitivo cruise", (), ("Ferragosto",)),
        ("Cut average check-in time at Terminal 3 to 2 minutes", ("2",), ()),
        ("Increase public trust in the COVID-19 booster programme", (), ()),
        ("Improve retention of Class 10 students", (), ()),
        ("Promote the new 20ft reefer container service", (), ()),
        ("Position our senior 7+ dog food as the vet's choice", (), ()),
        ("Build hype for our Tekken 8 tournament over half-term", (), ("half-term",)),
        ("By Friday, brief the agency on the NBA 2K26 sponsorship", (), ("Friday",)),
        ("推广Dota 2联名电竞外设", (), ()),
        ("主推看台112区、113区家庭票", (), ()),
        ("Promote the wellness menu at our 5-star spa hotel", (), ()),
        ("Drive spa awareness among residents around postcode 8001, Cape Town", (), ()),
        ("Promote lounge access for flight BA 117 passengers", (), ()),
        # blind set 73
        ("Promote the 2BHK units in Sector 62, Noida", (), ()),
        ("Refresh the lobby signage at 1200 Bay Street", (), ()),
        ("门店地址更新为南京西路1266号", (), ()),
        ("@王磊 跟进2号楼18层样板间软装", (), ()),
        ("@ana_88 to refresh brunch menu visuals", (), ()),
        ("Grow Platinum 2X card sign-ups 25% by EOM", ("25%",), ("EOM",)),
        ("宣传「Platinum 2X」积分卡", (), ()),
        ("汽车金融0首付方案宣传", (), ()),
        ("@陈晨 Mate 70首销周门店销量破千台", ("破千",), ("首销周",)),
        # blind set 74
        ("Raise awareness of our dental scanners during IDS Cologne", (), ("during IDS Cologne",)),
        ("Get the 510(k) clearance story out before the AAO Annual Session", (), ("Annual",)),
        ("Target IELTS 7 candidates in Vietnam with testimonial ads", (), ()),
        ("HSK 4级课程主推东南亚华裔学生", (), ()),
        ("9月底前雅思7分班招生120人", ("120",), ("9月底前",)),
        ("Feature the 30-day supply starter pack on the homepage", (), ()),
        ("辅酶Q10面霜详情页别写得太医疗", (), ()),
        # a circled or bracketed number numbers a list item (NFKC would make it a 3)
        ("③做好门店SOP执行", (), ()),
        ("①双11当天GMV破5000万 ⑵Q3前完成", ("5000万",), ("双11", "当天", "Q3前")),
        # blind set 77
        ("Improve guest experience at our four-star Galway property", (), ()),
        ("3号诊室候诊时长缩短至15分钟", ("15分钟",), ()),
        ("邮轮母港首航前完成两千间舱位预售", ("两千",), ("首航前",)),
        ("强化民营医院与120急救联动的宣传", (), ()),
        ("Aquarium annual passholders to 12,000", ("12,000",), ()),
        ("Weekly member newsletter featuring the 3-seat sofa range", (), ("Weekly",)),
        # a model's number after its name, before one thing (not a count of things)
        ("Set up the Hyundai Ioniq 5 display before Christmas", (), ("Christmas",)),
        ("The Whey 80 page must look more premium, I think so", (), ()),
        ("Grow Shopee 500 orders in Q3", ("500",), ("Q3",)),
        ("Onboard Enterprise 20 customer accounts", ("20",), ()),
        ("Reach 500 signups", ("500",), ()),
        ("Increase NPS to Above 50 overall", ("50",), ()),
        # blind sets 75, 76 and 78
        ("Line up reviewers for the Xperia 1 VI before IFA", (), ("IFA",)),
        ("Brochures for building 5 printed avant la rentrée", (), ("avant la rentrée",)),
        ("Push the double bed range before Black Friday", (), ("Black Friday",)),
        ("Tecate on feature at H-E-B for Cinco de Mayo", (), ("Cinco de Mayo",)),
        ("Tequila 100% agave: educate bartenders on NOM rules", (), ()),
        ("fix planogram at Store 2245 this month", (), ("this month",)),
        ("grow weekly active tenderos in the B2B app", (), ()),
        ("打造一个宝马X3爆款短视频", (), ()),
        ("比亚迪3万台", ("3万",), ()),
        ("Q3完成1842啤酒新包装切换", (), ("Q3",)),
        ("2025啤酒节前完成铺货", (), ("2025", "啤酒节前")),
        ("1801户型VR看房 下周五前上线", (), ("下周",)),
        ("618期间开设3.6g蛋白牛奶专区", (), ("618", "期间")),
        ("1680元票档权益说明 开票前上线", (), ("开票前",)),
        ("提升24小时便利店夜间时段销售", (), ()),
        ("10号球衣销量突破5000件", ("5000",), ()),
        ("中超第15轮前 季票续订率达70%", ("70%",), ("第15轮前",)),
        ("完成第二轮融资路演", (), ()),
        ("香港金融科技周攤位佈置", (), ("金融科技周",)),
        ("双12前进入天猫国际动漫周边类目TOP3", ("TOP3",), ("双12前", "国际")),
        # blind set 79: 余/多 after a round number; quoted names by their shape or last
        # word; a list named by an age; a date before its day's name
        ("覆盖十余家连锁宠物医院品牌", ("十余家",), ()),
        ("千余人参赛", ("千余人",), ()),
        ("覆盖十几家医院", (), ()),  # vague
        ("Feature partner vets in 'The Weekly Bowl' newsletter", (), ()),
        ("Send the newsletter weekly", (), ("weekly",)),
        ("Make 'Smile 360' the go-to brand for adult orthodontics", (), ()),
        ("Reach '10 Stores' by June", ("10",), ("June",)),
        ("Show the 'Top 100 E-commerce Counties' badge in stream overlays", (), ()),
        ("国庆期间上线“21公里挑战”线上跑活动", (), ("国庆", "期间")),
        ("“满300减50”活动", ("300", "50"), ()),  # a promotion's mechanics still count
        ("Use the founder's Forbes 30 Under 30 story as the PR hook", (), ()),
        ("Keep CPA under 30", ("30",), ()),
        ("9.20全国爱牙日前上线儿童涂氟公益活动", (), ("9.20", "全国爱牙日前")),
        ("评分4.80日均订单", ("4.80",), ("日均",)),
        # blind set 80: a code of digits and letters, a bus route, a fraction after "up"
        (
            "Improve test-drive experience at Booth 5A21 during Auto Guangzhou",
            (),
            ("during Auto Guangzhou",),
        ),
        ("Onboard 1,500 new agents in 1H26", ("1,500",), ("in 1H",)),
        ("开学前在46路公交车身投放招生广告", (), ("开学前",)),
        ("TikTok Shop live GMV up a quarter YoY", ("a quarter",), ()),
        ("Review once a quarter", ("once",), ("a quarter",)),
        ("Grow the 'Daily Fresh' milk-tea line to 30% of sales", ("30%",), ()),
    ],
)
def test_reported_substrings(text: str, quantities: tuple, periods: tuple) -> None:
    result = analyse_goal(text)
    assert (result.quantities, result.periods) == (quantities, periods)


def test_may_is_a_month_only_when_it_reads_as_one() -> None:
    assert analyse_goal("May campaign launch").time_bound
    assert analyse_goal("launch in may").time_bound
    assert not analyse_goal("We may increase sales").time_bound


# ----------------------------------------------------------------- the labelled set
def test_labelled_set_is_large_balanced_and_well_formed() -> None:
    rows = load(GOALS)
    assert len(rows) >= 200
    for row in rows:
        assert set(row) == {"text", "lang", "measurable", "time_bound", "note"}, row
        assert row["lang"] in ("zh", "en")
        assert isinstance(row["measurable"], bool) and isinstance(row["time_bound"], bool)
    languages = [row["lang"] for row in rows]
    assert 0.4 <= languages.count("zh") / len(rows) <= 0.6
    measurable = sum(row["measurable"] for row in rows) / len(rows)
    assert 0.35 <= measurable <= 0.65
    assert len({row["text"] for row in rows}) == len(rows), "duplicate statements"


def _accuracy(field: str) -> tuple[float, list[str]]:
    rows = load(GOALS)
    wrong = [
        f"{row['text']!r} expected {row[field]}"
        for row in rows
        if getattr(analyse_goal(row["text"]), field) != row[field]
    ]
    return 1 - len(wrong) / len(rows), wrong


def test_measurable_accuracy_on_labelled_set() -> None:
    accuracy, wrong = _accuracy("measurable")
    print(f"\nG102 measurable accuracy on {GOALS.name}: {accuracy:.3f}")
    assert accuracy >= 0.97, "\n".join(wrong)


def test_time_bound_accuracy_on_labelled_set() -> None:
    accuracy, wrong = _accuracy("time_bound")
    print(f"\nG103 time_bound accuracy on {GOALS.name}: {accuracy:.3f}")
    assert accuracy >= 0.95, "\n".join(wrong)


# ------------------------------------------------------------------------- properties
FRAGMENTS = [
    "15%",
    "Q3",
    "618",
    "双11",
    "6月1日",
    "6/1",
    "2025",
    "年底前",
    "within",
    "30",
    "days",
    "天内",
    "一",
    "二十",
    "个",
    "万",
    "成",
    "倍",
    "top",
    "10",
    "list",
    "v2.0",
    "第",
    "阶段",
    "¥",
    "$",
    "k",
    "1:3",
    "10:30",
    "may",
    "May",
    "double",
    "down",
    "a third",
    "per week",
    "每周",
    "点",
    "晚",
    "-",
    "~",
    "/",
    ".",
    " ",
    "，",
    "１５％",
    "😀",
    "\u200b",
    "\t",
    "iPhone",
    "GMV",
    "+",
    "#1",
]
fragments_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
emoji = st.text(alphabet=st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF))


def _to_10k(unit: str) -> str:
    """A 10,000-character string made by repeating `unit` (Hypothesis draws short ones)."""
    return (unit * (10_000 // len(unit) + 1))[:10_000]


long_text = st.one_of(st.text(min_size=1, max_size=30), fragments_text.filter(bool)).map(_to_10k)
any_text = st.one_of(st.text(), emoji, fragments_text, long_text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_never_raises_and_returns_consistent_types(text: str) -> None:
    result = analyse_goal(text)
    assert isinstance(result, GoalAnalysis)
    assert isinstance(result.measurable, bool) and isinstance(result.time_bound, bool)
    assert isinstance(result.quantities, tuple) and isinstance(result.periods, tuple)
    assert result.measurable == bool(result.quantities)
    assert result.time_bound == bool(result.periods)
    for found in result.quantities + result.periods:
        assert isinstance(found, str) and found
        if text.isascii():
            assert found in text


@contextmanager
def _ends_within(seconds: int) -> Iterator[None]:
    """Fail a call that does not end: a pattern backtracking over a long run of digits
    takes hours, not the milliseconds the bench measures (bench/goal_accuracy.py)."""

    def stop(*_: object) -> None:
        raise AssertionError(f"still running after {seconds} s: a pattern backtracks")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("1" * 10_000, ("1" * 10_000,)),  # one number, however long
        ("一" * 10_000, ()),  # a run of numerals counts nothing
        ("1 " * 5_000, ("1",) * 5_000),
        ("一" + " " * 10_000 + "个", ()),
    ],
    ids=["digits", "numerals", "spaced-digits", "numeral-far-from-counter"],
)
def test_ten_thousand_characters_of_digits_and_numerals_are_read_in_one_pass(
    text: str, quantities: tuple[str, ...]
) -> None:
    with _ends_within(60):
        result = analyse_goal.__wrapped__(text)
    assert result.quantities == quantities
    assert result.periods == ()


def _reference_scan(vocabulary: Vocabulary, folded: str) -> list[tuple[str, int, int]]:
    return [(m.lastgroup or "", m.start(), m.end()) for m in vocabulary.pattern().finditer(folded)]


def _dispatched_scan(vocabulary: Vocabulary, folded: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []

    def on_match(m: re.Match[str]) -> int:
        found.append((m.lastgroup or "", m.start(), m.end()))
        return m.end()

    vocabulary.scan(folded, on_match)
    return found


@settings(max_examples=300, deadline=None)
@given(st.one_of(fragments_text, st.text(max_size=60)))
def test_dispatch_finds_what_one_big_regex_finds(text: str) -> None:
    # Trying only the alternatives that can start with the next two characters must not
    # change what is found.
    folded = goal_text.fold(text)
    vocabulary = goal_text._VOCABULARY
    assert _dispatched_scan(vocabulary, folded) == _reference_scan(vocabulary, folded)


def test_dispatch_agrees_with_one_big_regex_on_the_labelled_set() -> None:
    vocabulary = goal_text._VOCABULARY
    for row in load(GOALS):
        folded = goal_text.fold(row["text"])
        assert _dispatched_scan(vocabulary, folded) == _reference_scan(vocabulary, folded)


def test_patterns_have_no_unformatted_placeholders() -> None:
    # r"{_NUM}" instead of rf"{_NUM}" would silently match the text "{_NUM}".
    assert not [name for name, pattern in goal_text._VOCABULARY.alternatives if "{_" in pattern]


def test_every_alternative_has_a_known_start() -> None:
    # A pattern whose first characters cannot be read would be tried everywhere (slow).
    assert all(heads for heads in goal_text._VOCABULARY._heads)


def test_generated_heads_table_is_current() -> None:
    """Changing a vocabulary pattern means regenerating the table (a stale one is only
    slower: this keeps start-up from quietly growing back)."""
    from tasklint.validators import vocabulary_heads

    written = Path(vocabulary_heads.__file__).read_text(encoding="utf-8")
    assert written == goal_text.heads_table_source(), (
        "run: python -c 'from tasklint.validators.goal_text import write_heads_table;"
        " write_heads_table()'"
    )


def test_heads_come_from_the_table_and_are_worked_out_when_it_lacks_them(monkeypatch) -> None:
    from tasklint.validators import metric_terms, vocabulary_heads

    for vocabulary in (goal_text._VOCABULARY, metric_terms._VOCABULARY):
        for _, pattern in vocabulary.alternatives:
            assert pattern in vocabulary_heads.HEADS
            assert goal_text.known_heads(pattern) is vocabulary_heads.HEADS[pattern]
    assert goal_text.known_heads(r"ab[0-9]") == frozenset({"ab0"})  # not in the table
    # a table made with other head classes is not used
    pattern = goal_text._VOCABULARY.alternatives[0][1]
    monkeypatch.setitem(vocabulary_heads.HEADS, pattern, frozenset({"zzz"}))
    assert goal_text.known_heads(pattern) == frozenset({"zzz"})
    monkeypatch.setattr(vocabulary_heads, "CLASSES", "")
    assert goal_text.known_heads(pattern) == goal_text._heads(pattern) != frozenset({"zzz"})


def test_every_vocabulary_pattern_has_known_heads() -> None:
    """A pattern whose first characters cannot be worked out (a negated class or `.` at
    its start) makes the vocabulary try every position of every goal: the analyser
    halves its speed, and nothing else fails."""
    from tasklint.validators import metric_terms

    for vocabulary in (goal_text._VOCABULARY, metric_terms._VOCABULARY):
        unknown = [
            name
            for (name, _), heads in zip(vocabulary.alternatives, vocabulary._heads, strict=True)
            if heads is None
        ]
        assert unknown == []
