"""Goal-text analyser: does a goal state a quantity, and does it state a deadline or period?

Rules G102 (goal-not-measurable) and G103 (goal-not-time-bound) ask two questions of the
free text in a row's goal cell, in Chinese, English or both mixed::

    >>> analyse_goal("Q3新客转化率提升至15%")
    GoalAnalysis(measurable=True, time_bound=True, quantities=('15%',), periods=('Q3',))
    >>> analyse_goal("提升品牌影响力")
    GoalAnalysis(measurable=False, time_bound=False, quantities=(), periods=())

The analyser is hand-written on purpose. Marketing goals use a closed, bilingual vocabulary
(numbers, units, a few hundred calendar and event words), the linter must run offline on
100,000 rows in seconds, and no model may be shipped. What it recognises is therefore
written down here and in tests/data/goals.jsonl, where every trap has a labelled example;
bench/goal_accuracy.py measures it on that set and on an unseen hold-out set.

Measurable (a quantity is stated):
  numbers with a unit or counter (5万台, 50家, 20k, 3 new markets), percentages and
  percentage points (15%, 百分之二十, 2个点, 0.5pp, 150 bps), ratios (1:3, one in five),
  money (¥299, $1.5M, 1000元, 200k RMB), multipliers (两倍, 翻一番, 翻倍, 5x, double, halve,
  twice, a third), Chinese tenths and discounts (三成, 八折), ranges (10-15%, 10~15万),
  comparison forms (≥15%, 不低于, at least 2%, no more than ¥3), thresholds (破万, 过亿,
  上百家, 百万级, double-digit, 半数以上), ranks (TOP10, top 3, #1, 类目第一, 榜前五, 前三名),
  fractions (三分之一, a third), zero counts (零客诉), scores (8.5/10, 4.8/5).
Not quantities:
  years (2025, 2025年, FY2025), dates (6月1日, 6/1, June 1, 2025-06-01), quarters and halves
  (Q3, H1, 第三季度, 上半年), event names (618, 双11, 11.11, 12.12, 520, 3.8节, Black
  Friday), versions (v2.0, 3.0版本, 会员体系2.0), product and model numbers (iPhone 15,
  X200, 5G, 3C, 4S店, H5, 1688), ordinal labels (第一阶段, phase 2, step 3, 3rd), times of
  day (10:00, 晚8点, 8pm), ages, generations and city tiers (18-35岁, 95后, 一二线, tier-1),
  anniversaries (10周年), phone numbers (400-820-6688, +852 2888 6060), codes (2FA, 404
  page, a 5K run, SKU 20518, store #12, 货号A12), a numbered list's marker (1) …, 2、…),
  what a product is (6寸, 500ml装, 55-inch, 6-pack, 3-in-1, 0糖, 0首付, 0% sugar, zero-trust,
  100%纯棉, 24h客服, 4K投影仪, the 480kW charger, 53度酱香, the 5-piece patio set, the 60/40
  payment plan, the $199 starter kit, 199元的入门款, HK$3,980行政人员体检套餐: a target only
  after a comparison, 续航提升至5000mAh; 19姆米真丝, a 3-year warranty 3年质保, a shop's age
  10年老店, 百年果园, 12-month memberships, 30-day returns, the SK-200 serum line, £10
  Monday tickets, 24h support, Zero Trust, the 100W charger, the 10% Niacinamide serum, an
  800V platform, SPF 50, a 100-year-old vineyard, 学制2年, a 12" mattress, a 2BR unit, the
  500g pack, a 1.8米 bed, 985/211, 世界500强, a hotline 1800 222 3333, 热线 2866 8888, a
  400电话, 1-on-1, a 42K racing shoe; after "the", a size or price with words after it: the
  24-room property, the 3-night package, the ₹999 series, the 0% IOF feature), a phase named
  like a quarter (Phase Q2), idioms (千人千面, 一站式, 千万不要, give 110%, 100%的热情), and
  numbers inside a quoted name (《2026十大趋势》白皮书, the '7 Habits' ebook,
  slogan改为「No.1的选择」).
Time-bound (a deadline or period is stated):
  dates (by 31/10: a day past the 12th, then the month), months, quarters, halves (1H26),
  weeks (W45, KW48, fiscal weeks 14–26), years (also in a name: Season 2025), German dates
  after a date word (bis 15.09.), relative deadlines (年底前, by end of June, EOQ, next
  cycle, this month, by Friday, 周五前), durations (30天内, within 30 days, for the next 2
  weeks, a 3-day sale), event names (before 618, 双11当天, Black Friday, trade fairs known
  by name or kind: CES, Black Hat, 广交会, 教育展, "at the Hannover Messe booth"), a
  theatre's nights (press night, opening night), countdowns (D-30), holidays and seasons
  (国庆期间, 春节前, summer, Lebaran, Black Week), festivals and their ceremonies (冰雪节,
  开幕式, the opening ceremony), tournaments known by name (the Six Nations), campaign
  windows (活动期间, during the campaign, during the recall, weekends, in the first month,
  会员日, throughout the holiday period, for the duration of the promo, any season),
  observances (World Diabetes Day), milestones (上线前, 开放前, 董事会前, 审批通过后, before
  (the global) launch, ahead of the board meeting, post-launch, 开业首月, launch week),
  cadences (每周, 双周, daily, each sprint), time boxes (第2周, sprint 4, day 3).

Choices made for debatable cases (each has labelled examples in tests/data/goals.jsonl):
  * "Top N" is a rank target (进入类目TOP10, rank in the top 3) unless a content word
    follows that makes it a title (TOP10好物清单, Top 10 gift ideas list, Top 10 FAQ page).
  * Rank targets (No.1, #1 brand, 第一名, 类目第一) count as quantities.
  * The numeral one / 一 before a counter is read as the article "a" (打造一个爆款, launch
    one new product line) unless bounded or a rate (至少一场, at least one, 每周一篇, 双周一份,
    one case study per month, one episode every two weeks); 期 counts issues only in a rate
    (每周一期, 每月两期), since 一期/二期 otherwise name a phase.
  * Two decimals of one digit joined by to / - / 至 are values, not dates ("from 4.3 to
    4.7", 评分从4.6提升到4.8); a date range has a two-digit day (6.1-6.18, 6.20~7.5).
  * Vague magnitudes are not quantities (数万, 几十, 十几个, thousands of, dozens of,
    millions of, 大幅, significantly); thresholds and orders of magnitude are (破万, 上百,
    十余家, 百多位, 百万级, a dozen, a million, double-digit).
  * Cadences are periods: 每周/每天/日均/月销/weekly/daily/per month make a goal
    time-bound (the window the target is measured over). Metric names that contain a
    window are not: DAU/MAU, 日活/月活, weekly or 30-day active users, 7日留存, 次日留存, D7, day-1
    retention, day-1 churn, 12-month LTV, monthly listeners and donors, the daily pass, and
    a rate named by its window (24小时内回复率, 48小时发货率).
  * A duration is a period, not a quantity (30天内, within 24 hours, a 3-day sale), except
    after a comparison, where it is the target value and not a deadline (缩短至2小时,
    控制在48小时以内, cut response time to 2 hours). Seconds, minutes and hours without
    "within"/内 are quantities (直播4小时, a 30-second video, under 2s).
  * Times of day alone are not periods (晚8点, at 8pm); "今晚", "tomorrow" are.
  * Baselines are not deadlines: 去年同期, 同比/环比, 较上月, vs 上季度, YoY, QoQ, month
    over month, last quarter, "than the 2024 campaign", "of the spring edition", "vs
    FY25", "than Q3 2024" (but "no later than 2026" is a deadline).
  * "Before launch" / 上线前 / 开业首月 / launch week count as deadlines: the milestone has a
    date in the plan. ASAP / 尽快 / ongoing do not, nor does a launch the task is for (a
    teaser campaign for the X200 launch, press for the Parramatta opening): its subject.
  * Promotion mechanics state quantities (8折, 20% off, 满300减50): the analyser detects a
    stated quantity, not whether it is the goal's target.
  * An explicit year always makes a goal time-bound, even in a name (Best Campaign 2025);
    so do a season and a holiday (the spring collection, 七夕限定礼盒: the line sells then).
  * Quotes hold a name, whose numbers are no target, when they are 《》 or a word next to
    them says so (tagline, ebook, report, package, badge, line, 口号, 白皮书, 礼盒, 改为…),
    or their shape does (capitalised words and a bare number: 'Vapor 3', 'Smile 360'; a
    last word such as 挑战, 计划, 大赛: “21公里挑战”); a cadence in such a name is the
    name's ('The Weekly Bowl' newsletter). Otherwise quotes set off the target itself
    (实现“零投诉”) and its quantity counts.

Text is folded before matching (NFKC, so full-width １５％ reads as 15%; traditional to
simplified with `tasklint.text.to_simplified`; lower case), and the reported substrings
are cut from the original text whenever folding kept its length.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tasklint.text import CHINESE_WEEKDAYS, to_simplified
from tasklint.validators import vocabulary_heads as _table

__all__ = ["GoalAnalysis", "Vocabulary", "analyse_goal", "fold"]


@dataclass(frozen=True, slots=True)
class GoalAnalysis:
    measurable: bool  # states a quantity
    time_bound: bool  # states a deadline or a period
    quantities: tuple[str, ...]  # the substrings recognised as quantities, e.g. ("15%",)
    periods: tuple[str, ...]  # the substrings recognised as deadline/period, e.g. ("Q3",)


# --------------------------------------------------------------------------- vocabulary
# Patterns run on folded text (NFKC, simplified, lower case). Each alternative below is
# (name, pattern); the first letter of the name is what a match means: Q quantity,
# P period, L label (consumed, so that its digits are not read as a quantity). Names that
# also appear in _POST are decided by looking at the words around the match.

# per day, week, month or game: "3篇/周"; /日语 is Japanese, /周年 an anniversary
_PER_UNIT = (
    r"/\s*(?:day|week|month|wk|mo|yr|game|match|天|日(?![语文本元历期记常])|周(?![年边])"
    r"|月(?![饼]))"
)
_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_SEP = r"\s*(?:-|~|–|—|〜|至|到|to)\s*"
_NUMR = rf"{_NUM}(?:{_SEP}\+?{_NUM})?"
_CN = "零〇一二两三四五六七八九十百千万亿"
_CNN = f"[{_CN}]"
_CNR = rf"(?<![{_CN}]){_CNN}{{1,12}}"  # a run of Chinese numerals, from its start
_NUMWORD = (
    r"(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)(?![a-z]))?"
)
_MONTHS = (
    r"(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
_WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTHS_PT_ES = (
    r"(?:janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|enero"
    r"|febrero|marzo|junio|julio|septiembre|octubre|noviembre|diciembre)"
)
# A quantity's unit, counter or suffix after an Arabic number.
_TAIL = (
    r"(?:\s*(?:%|‰|percent(?:age\s+points?)?(?![a-z])|per\s*cent(?![a-z])|pct(?![a-z])"
    r"|ppts?(?![a-z])|pp(?![a-z])|bps?(?![a-z])|pts?(?![a-z])|points?(?![a-z])"
    r"|个百分点|百分点|个点|[kmb](?![a-z])|w(?![a-z/])|bn(?![a-z])|mn(?![a-z])|million|billion"
    r"|thousand|hundred|万|亿|千|百|元|块|rmb(?![a-z])|cny(?![a-z])|usd(?![a-z])"
    r"|dollars?(?![a-z])|美元|美金|[x×](?![a-z0-9])|times(?![a-z])|倍"
    r"|成(?!交|本|为|员|功|果|立|长|熟|品|型|绩|就|都|团|效|人|年|分|份|真|形|败|套|不)"
    r"|折(?!扣|叠|线|腾|算|合|旧|射|返|损|中))){0,3}\+?"
)
# After a number of years, what the years describe rather than bound: 3年质保, 10年老店
_YEARS_OF = (
    r"质保|保修|保质|延保|老店|老字号|老品牌|老牌|品牌|经验|历史|陈酿|窖藏|店龄|工龄|传承|老厂|老树|老茶"
    r"|老窖|树龄|窖龄|[^\x00-\x7f，、。；]{1,3}?经验"
)
# Followed by one of these, a number is a count or an amount, not a year or an event.
_COUNTED = (
    r"(?!\s*(?:%|‰|个|人|位|名|家(?!装|电|居)|条|篇|次|单|笔|件|份|元|块|万|亿|千|k(?![a-z])"
    r"|(?:units?|users?|orders?|leads?|followers?|fans|people|customers?|sign-?ups?"
    r"|downloads?|installs?|members?|subscribers?|visits?|visitors?|views?|clicks?|posts?"
    r"|reviews?|rmb|cny|usd|pcs)(?![a-z])))"
)
_CN_COUNTER = (
    r"(?:个(?!月|季度|小时|工作日|星期|自然月|人|性|体|案)|位|名(?!单|义|字|称|额)"
    r"|人(?!员|群|们|气|设|物|才|脉|工|力|士|均|位|座)|家(?!居|电|具|庭|人|长|园|乡)|条|篇|场"
    r"|次(?!日|月|年|周)|单(?!品|价|元)|笔|件|份(?!额)|款|张|套|台|部(?!门|分)|支|瓶|盒"
    r"|箱|袋|只|本|组|批|项|种|所|座|辆|轮|波|站|城|省|店|粉|元|块|版(?!本|权|面|图|块|型)|则"
    r"|栋|幢|封)"
)
_CONTENT_TITLE = (
    r"(?:list|lists|tips|ideas|reasons|picks|products|things|gifts|items|faqs?|questions"
    r"|trends|posts|articles|books|songs|moments|guide|listicles?|tools|apps|hacks|mistakes"
    r"|treasures|finds|stories|destinations|places|spots|sights|recipes|dishes|experiences"
    r"|myths|secrets|lessons|rules|habits|styles|looks|outfits|edits"
    r"|tricks|examples|templates|resources|podcasts|quotes|facts|ways|guides|好物|清单|推荐|合集|盘点|攻略|必买"
    r"|名单"
    r"|单品|榜单?)"
)

# Alternatives grouped by the kind of character they start with, so that the scanner
# tries only the ones that can start where it stands (see _scan).
_DIGIT_LED: list[tuple[str, str]] = [
    # digits glued to 1-3 letters: a model or a code (X200, PS5, S24, P0), unless the
    # letters are a metric (GMV500万) or are read elsewhere (Q3, H1, x2, v2, FY25, No1)
    (
        "L_dmodel",
        r"(?:(?<=(?<![a-z0-9])[a-z])(?<![dqhv])"
        r"|(?<=(?<![a-z0-9])[a-z]{2})(?<!uv)(?<!pv)(?<!pp)(?<!ip)(?<!fy)(?<!no)"
        r"|(?<=(?<![a-z0-9])[a-z]{3})(?<!gmv)(?<!roi)(?<!ctr)(?<!cvr)(?<!cpc)(?<!cpm)(?<!cpa)"
        r"(?<!cac)(?<!aov)(?<!ltv)(?<!dau)(?<!mau)(?<!wau)(?<!kpi)(?<!nps)(?<!sku)(?<!kol)"
        r"(?<!koc)(?<!mql)(?<!sql)(?<!top)(?<!rmb)(?<!cny)(?<!usd)(?<!hkd)(?<!eur)(?<!gbp)"
        r"(?<!jpy)|(?<=(?<![a-z0-9])[a-z]{4})(?<!roas)(?<!arpu)(?<!arpa)(?<!gmv[a-z])(?<!plus))"
        r"[0-9]+[a-z0-9]*(?![a-z0-9])",
    ),
    (
        "L_dname",
        r"(?<![0-9.])(?:24/7|24\s*[x×*]\s*7|7\s*[x×*]\s*24|[1-9]\s*(?:v|vs|对)\s*[1-9](?![0-9])|1688"
        r"|12306|58同城|36氪"
        r"|360\s*°|7-?11|7-?eleven|4s店?|5a景区|[345]a(?:级|广告|公司)|3c|[2345]g|[23]d|2[bc]|[2345]pls?|soc\s*[123]"
        # (a 2K camera or screen; "2k video views" stays a count)
        r"|2k(?=(?:\s*[a-z-]+)?\s*(?:cams?|cameras?|monitors?|displays?|screens?|resolution)(?![a-z]))"
        r"|[48]k(?=(?:\s*/\s*[0-9]+\s*fps)?(?:\s*[a-z-]+)?\s*[^\x00-\x7f]{0,3}?(?:video|视频|影像|高清|画质"
        r"|直播|设备|拍摄|hdr"
        r"|resolution|屏|display"
        r"|超清|片|投影|航拍|无人机|云台|运动相机"
        r"|电视|tv|cam|camera|monitor|显示器|相机|摄像|projector|screen|panel))"
        r"|[0-9]+\s*(?:天|日)\s*(?:无理由|价保|免费试用|试用)"
        r"|[0-9]+[- ]?(?:day|night|month)\s+(?:free\s+|risk[- ]free\s+|sleep\s+)?trial"
        r"|[0-9]+\s*(?:日|天)\s*留存"
        r"|[0-9]+[- ]?(?:yr|year|month)s?\s+(?:limited\s+|extended\s+)?(?:warranty|guarantee)"
        r"|[0-9]+\s*(?:br|bhk)(?![a-z])"  # a 2BR unit, a 3BHK flat
        r"|(?<![0-9])[0-9]{4}\s[0-9]{3}\s[0-9]{3,4}(?![0-9])"  # a hotline: 1800 222 3333
        r"|[48]00(?=\s*[^\x00-\x7f，、。；0-9]{0,2}?(?:电话|热线|号码))"  # 400(订货)电话: toll-free
        r"|(?<![0-9])1(?:10|19|20|22)(?=\s*(?:急救|报警|火警|救护|指挥中心))"  # 120急救: a hotline
        r"|(?<=\()[0-9]{3}\)\s*[0-9]{3}-[0-9]{4}(?![0-9])"  # (512) 555-0143
        # a number after what it is: 热线 2866 8888, call centre 9200 12345; a hotel's class
        r"|(?:(?<=热线)|(?<=热线\s)|(?<=电话)|(?<=电话\s)|(?<=hotline\s)|(?<=centre\s)|(?<=center\s)"
        r"|(?<=whatsapp\s)|(?<=tel\s)|(?<=tel:\s))"
        r"(?:[0-9]{2,4}(?:[\s-][0-9]{2,5}){1,3}|[0-9]{8})(?![0-9])"
        r"|(?:[1-7]|one|two|three|four|five|six|seven)\s*-?\s*star\s+(?:[a-z]+\s+)?"
        r"(?:hotels?|resorts?|propert(?:y|ies)|venues|reviews?|lodges?|villas?)(?![a-z])"
        r"|1\s*-?\s*on\s*-?\s*1(?![0-9])"  # 1-on-1 counselling
        # a returns policy: 30-day returns, "7 days no reason return"
        r"|[0-9]+[- ]?days?\s+(?:no[- ]reasons?\s+|free\s+|easy\s+|hassle[- ]free\s+)?(?:returns?"
        r"|refunds?|exchanges?)(?![a-z])|[0-9]+[- ]?days?\s+money[- ]back"
        r"|[0-9]+[- ]?day\s+retention"
        r"|[0-9]+[- ]?day\s+active\s+(?:users?|members?|customers?|accounts?|players?|buyers?)"
        r"|[0-9]+[- ]?(?:month|year|day)\s+(?:ltv|clv|cltv|arpu|churn|payback)(?![a-z])"
        r"|[0-9]+\s*号(?:店|线|楼|馆|门|厅|仓|窗口|位|选手|机|营业部|网点|门市|分店|展位|展台|特调|拿铁"
        r"|咖啡|奶茶|饮品|套餐|色|款|配方|展柜|柜台|柜|交付区|展区|区|车位|包间|包厢"
        r"|会议室|教室|车间|诊室|诊区|候诊区|病房|病区|床|手术室|登机口|航站楼|站台|码头|泊位|球衣)"
        r"|(?<![0-9])[0-9]\s*\+\s*[0-9](?![0-9])(?=[^\x00-\x7f]{0,4}?(?:贯通|学制|模式|项目|专本|本硕)"
        r"|\s*(?:transfer|pathway|program(?:me)?|degree|articulation|twinning|model|scheme)s?(?![a-z]))"
        r"|401\s*\(\s*k\s*\)|510\s*\(\s*k\s*\)|501\s*\(\s*c\s*\)\s*\(\s*[0-9]{1,2}\s*\)"
        r"|1\s*:\s*1(?=\s*(?:abm|coaching|mentoring|meetings?|sessions?|calls?"
        r"|consultations?|咨询|辅导|沟通|面谈|服务))"
        # phone numbers: 400-820-6688, 1-800-555-0142, 021-12345678, 13812345678
        r"|(?:[0-9]{1,4}-)?[0-9]{3,4}-[0-9]{3,4}-[0-9]{3,4}|0[0-9]{2,3}-[0-9]{7,8}"
        r"|1[3-9][0-9]{9}|1-8(?:00|88|77|66|55|44|33)(?![0-9])"  # a US toll-free line: 1-800
        r"|[0-9]{2,4}(?:[\s-][0-9]{2,4}){1,3}(?=\s+(?:help\s*line|hotline|nurse\s+line)(?![a-z]))"
        # a payment plan's split: the 60/40 payment plan, the 10/10/5 deposit structure
        r"|[0-9]{1,2}/[0-9]{1,2}(?=\s+(?:[a-z]+-)*[a-z]+\s+(?:options?|split|mix|model)(?![a-z]))"
        r"|[0-9]{1,2}(?:\s*/\s*[0-9]{1,2})+(?=\s+(?:deposit|payment|instal?lment|split)\s+"
        r"(?:plans?|structures?|schedules?)(?![a-z]))"
        r"|985\s*/\s*211|(?:985|211)(?=\s*(?:高校|院校|大学|工程|名校|毕业生|名师|师资|学府))"
        r"|(?:(?<=run\s)|(?<=race\s)|(?<=walk\s)|(?<=life\s)|(?<=fun\s)|(?<=color\s)|(?<=colour\s))"
        r"(?:5|10|21|42)\s*k(?![a-z0-9])"  # the Race for Life 5K: the run's name
        r"|[0-9]{1,3}(?:,[0-9]{3})*\s+steps?\s+challenge"  # the 10,000 Steps Challenge: a name
        r"|2fa|(?:5|10|21|42)\s*km?(?=\s*(?:charity\s+|fun\s+|colou?r\s+)?(?:run|race|walk|marathon"
        r"|[^\x00-\x7f]{0,4}?(?:跑|赛|徒步)|马拉松|(?:竞速|训练|跑步|碳板)?鞋|(?:racing\s+|training\s+|running\s+)?(?:shoes?|racers?)"
        r"(?![a-z])))|(?:404|500|502|503)(?=\s*(?:page|error|页面?|错误|报错)))(?![0-9a-z])",
    ),
    # More of what a number names, apart from L_dname: these may start at any digit
    # (after a word they look behind at, or led by any number), and the scanner tries an
    # alternative wherever its first characters allow — L_dname stays narrow
    (
        "L_dlabel",
        r"(?<![0-9.])(?:"
        r"(?<![0-9.,])0[0-9]{1,3}[\s-][0-9]{3,4}\s[0-9]{3,4}(?![0-9])"  # 087 123 4567, 020-555 0199
        # an age group: 55+ retired couples
        r"|(?<![0-9.,])[2-9][0-9]\s*\+(?=\s*(?:retired|retirees|seniors|pensioners)(?![a-z]))"
        r"|(?<![0-9.,])0[0-9]{2,3}-[0-9]{5,6}(?![0-9])"  # 0451-12301: an area code and a line
        r"|(?:(?<=苹果)|(?<=苹果\s)|(?<=华为)|(?<=小米)|(?<=红米)|(?<=荣耀))[0-9]{1,2}(?![0-9.%])"
        r"|(?:(?<=欧)|(?<=国))[1-7](?=\s*(?:排放|标准|车型|b(?![a-z])))"  # 欧5排放, 国6b
        r"|(?<![0-9.])[46]\s*[x×]\s*[46](?![0-9])|[2-5]d(?=\s*(?:[a-z]|[^\x00-\x7f]))"
        r"|(?<=boeing\s)7[0-8]7|(?<![0-9])7[0-8]7\s*max(?:\s*[0-9]{1,2})?"  # the 737 MAX 8
        r"|(?<![0-9.])[0-9]k[0-9]{2}(?![0-9])"  # a game's title: NBA 2K26
        r"|(?<![0-9.])(?:20|40|45)\s*-?\s*(?:ft|foot|feet|')(?=\s+(?:high[- ]cube\s+|hc\s+)?"
        r"(?:reefers?|containers?|dry\s+vans?|boxes)(?![a-z]))"  # a container's size
        r"|[257]\.1(?=\s*(?:audio|surround|sound|channel|声道|环绕))"  # 5.1 audio
        # a model's code, read from its number (a pattern led by letters would be tried at
        # every word): the KM 7000 product pages, 加湿器 HM-220 (not mid-2026, not a year)
        r"|(?:(?<=(?<![a-z0-9])[a-z]\s)|(?<=(?<![a-z0-9])[a-z]{2}\s)|(?<=(?<![a-z0-9])[a-z]{3}\s))"
        r"(?<!the\s)(?<!for\s)(?<!and\s)(?<!our\s)(?<!new\s)(?<!all\s)(?<!per\s)(?<!its\s)(?<!in\s)"
        r"(?<!by\s)(?<!to\s)(?<!of\s)(?<!at\s)(?<!on\s)(?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]{3,5}"
        r"(?=\s+(?:product|series|models?|range|line|pages?|units?|machines?)(?![a-z]))"
        r"|(?:(?<=(?<![a-z0-9])[a-z]{2}-)|(?<=(?<![a-z0-9])[a-z]{3}-)|(?<=(?<![a-z0-9])[a-z]{4}-))"
        r"(?<!top-)(?<!mid-)(?<!pre-)(?<!post-)(?<!end-)(?<!early-)(?<!late-)(?<!fy-)(?<!ay-)"
        r"(?<!ww-)(?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]{2,5}[a-z]?(?![a-z0-9-])"
        r"|(?<![0-9.])[0-9]+\s*saal\s+pura(?:ni|na|ne)"  # Hindi: 5000 saal purani, 5,000 years old
        r"|(?<![0-9.])[0-9]{1,2}\s*系(?![统列数])"  # 全新7系: a car's series
        r"|(?<![0-9.])[0-9]+\s*(?:楼|樓)(?=[^\x00-\x7f])"  # 3楼接待区: a floor
        r"|(?<![0-9.])[0-9]+\s*号楼\s*[0-9]+\s*(?:层|層|楼|樓|f)"  # 2号楼18层: a building's floor
        r"|(?<![0-9.])[0-9]{1,3}[- ]?day\s+supply(?![a-z])"  # a pack's size: the 30-day supply
        r"|(?:(?<=雅思)|(?<=托福))[0-9]{1,3}(?:\.[0-9])?\s*分(?=[^\x00-\x7f])"  # 雅思7分冲刺课
        # a street address: 1200 Bay Street
        r"|(?<![0-9.,])[0-9]{1,5}(?=\s+(?:[a-z]+\s+){1,2}(?:street|st\.?|road|rd\.?|avenue|ave\.?"
        r"|boulevard|blvd\.?|drive|dr\.?|lane)(?![a-z]))"
        # a card or a plan named with a multiple: the Platinum 2X card
        r"|(?<![0-9.])[0-9]x(?=(?:['’]s)?[」』\"”]?\s*(?:cards?|卡|积分卡|credit)(?![a-z]))"
        r"|12987(?=\s*(?:工艺|酿造|酱香))"  # a baijiu's process
        r"|1-?8[0-9]{2}-[a-z][a-z0-9-]*"  # 1-800-SMILE-NOW
        r"|[0-9]{2}/[0-9]{2}(?=\s+(?:season\s+)?pass(?:es)?(?![a-z]))"  # the 25/26 pass
        r"|[0-9][0-9-]{4,}[0-9](?=\s+(?:[a-z]+\s+)?(?:hotline|helpline)(?![a-z]))"  # 8-7000 hotline
        r"|[0-9]+\s*jahre?\s+(?:garantie|gewährleistung)"  # 5 Jahre Garantie
        # a model's number: 1304型拖拉机, 4LZ-8型收割机, 2型糖尿病
        r"|(?<![0-9.])[0-9]+(?:[a-z]{1,4})?(?:-[0-9]+[a-z]?)?\s*型(?!号)"
        # what a place is: 海拔1600米, an elevation of 2,000 m
        r"|(?:(?<=海拔)|(?<=海拔\s)|(?<=altitude\s)|(?<=elevation\s)|(?<=altitude\sof\s)"
        r"|(?<=elevation\sof\s))[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:米|m|meters?|metres?|ft|feet)(?![a-z])"
        r"|(?:(?<=number\s)|(?<=number:\s)|(?<=paybill\s)|(?<=till\s))[0-9]{5,}(?![0-9])"
        # a phone line after its word: the support line 6123 4567, tel 2866 8888
        r"|(?:(?<=line\s)|(?<=tel\s)|(?<=tel:\s)|(?<=phone\s)|(?<=call\s)|(?<=whatsapp\s))"
        r"[0-9]{3,4}[\s-][0-9]{3,4}(?:[\s-][0-9]{3,4})?(?![0-9])"
        r"|(?:(?<=容纳)|(?<=容纳\s)|(?<=可坐)|(?<=capacity\s)|(?<=capacity\sof\s))[0-9][0-9,]*"
        # an age rating or band (16+分级, 18-30s); a one-letter model code (T-300露营帐篷)
        r"|[0-9]{1,2}\s*\+(?=\s*(?:分级|级别|岁))|[1-9][0-9]\s*[-–]\s*[1-9][0-9]s(?![a-z])"
        r"|(?<=(?<![a-z0-9])[a-ce-vx-z]-)[0-9]{2,5}(?![0-9a-z-])(?=\s*[^\x00-\x7f])"
        r")(?![0-9a-z])",
    ),
    ("Q_dplace", r"(?<![0-9.])[0-9]+(?:st|nd|rd|th)?\s*place(?![a-z])"),
    (
        "P_devent",
        r"(?<![0-9.])(?:(?:6\.18|6·18|618|11\.11|12\.12|520)(?![0-9])" + _COUNTED + r"|(?:5\.20"
        r"|818|8\.18|3\.8|38|99|9\.9|88|1111|1212|7\.7|3\.15|3·15|315)(?![0-9])(?=\s*(?:节|大促"
        r"|活动|购物节|晚会"
        r"|狂欢|期间|当天|前|后|sale|campaign|promo|shopping|festival|day|预售|预热|备货|会员节"
        r"|划算节|公益日|女神节|女王节|妇女节|告白|大战|战役|档|复盘|直播|主会场)))"
        r"|(?<![0-9.])[0-9]+\s*周年庆"
        r"|(?<![0-9.])(?:1[0-2]|[1-9])\s*·\s*(?:3[01]|[12][0-9]|[1-9])(?![0-9])"  # 5·18, 3·15
        r"|(?<=shopee\s)(?:[1-9]|1[0-2])\.(?:[1-9]|1[0-2])(?![0-9])"  # Shopee 9.9, Lazada 10.10
        r"|(?<=sale\s)(?:[1-9]|1[0-2])\.(?:[1-9]|1[0-2])(?![0-9])"  # Mega sale 9.9
        r"|(?<=lazada\s)(?:[1-9]|1[0-2])\.(?:[1-9]|1[0-2])(?![0-9])",
    ),
    (
        "P_dymd",
        r"(?<![0-9.])(?:19|20)[0-9]{2}\s*[-/.年]\s*(?:1[0-2]|0?[1-9])(?![0-9])"
        r"(?:\s*[-/.月]\s*(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])\s*[日号]?)?\s*月?"
        r"(?:t[0-9:.]+z?)?",
    ),
    (
        "P_dmonth",
        r"(?<![0-9.])(?:1[0-2]|0?[1-9])\s*月(?:\s*(?:3[01]|[12][0-9]|0?[1-9])\s*[日号]?"
        r"|份|底|末|初|上旬|中旬|下旬|中)?",
    ),
    (
        "P_dday",
        r"(?<![0-9.])(?:3[01]|[12][0-9]|0?[1-9])\s*号"
        r"(?!店|线|楼|馆|门|厅|仓|窗口|位|选手|机|特调|拿铁|咖啡|奶茶|饮品|套餐|色|款|配方|展柜|柜|交付区"
        r"|展区|区|车位|包间|包厢)"
        r"|(?<![0-9.])(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MONTHS
        + r"(?![a-z])",
    ),
    # 15 May: a date when May is capitalised or follows by/on/until (see _dmay)
    ("P_dmay", r"(?<![0-9.])(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?may(?![a-z])"),
    # a score out of five or ten: 8.5/10, 4.8/5 (not the 8th of May, 2010)
    ("Q_dscore", r"(?<![0-9.])[0-9]\.[0-9]\s*/\s*(?:5|10)(?![0-9./])"),
    # month/day with a slash or a dot: a date, a fraction or a decimal (see _md)
    (
        "P_md",
        r"(?<![0-9.])(?:1[0-2]|0?[1-9])\s*[/.]\s*(?:3[01]|[12][0-9]|0?[1-9])"
        r"(?:\s*[/.]\s*(?:20)?[0-9]{2}(?![0-9]))?(?![0-9.%])(?!\s*匹)"  # (1.5匹: an AC's size)
        + _COUNTED
        + r"(?!\s*(?:[kmwb](?![a-z])"
        r"|万|亿|千|百|元|块|倍|成|折|[x×](?![a-z0-9])"
        # a weight or size: 1.5kg装 is a pack, not the 5th of January
        r"|(?:kg|g|ml|l|cm|mm|oz|lbs?|mah|gb|tb|kw)(?![a-z])|英寸|寸|吋|毫升|千克|公斤|克|斤|升|米))",
    ),
    ("P_dhijri", r"(?<![0-9.])1[34][0-9]{2}\s*(?:h|ah)(?![a-z0-9])"),  # 1446H: a Hijri year
    ("P_dyq", r"(?<![0-9.])20[1-3][0-9]\s*[-/]?\s*(?:q[1-4]|h[12])(?![0-9a-z])"),
    (
        "P_year",
        r"(?<![0-9.,])20[1-3][0-9](?:\s*[-–~至到/]\s*(?:20[1-3][0-9]|[0-9]{2}))?(?![0-9])"
        r"\s*(?:年度?|财年|fy(?![a-z]))?" + _COUNTED,
    ),
    ("P_dq", r"(?<![0-9.])[1-4]\s*(?:q(?![a-z0-9])|季度)"),
    ("L_dseries", r"(?<![0-9.])[0-9]{4}(?=\s*[^\x00-\x7f]{0,3}?系列)"),  # 1903复古系列: a line
    # a numbered list's marker at the start of the cell: 1) 1、 1. (not 1.5)
    (
        "L_dbullet",
        r"^[0-9]{1,2}\s*(?:\)|、|\.(?![0-9]))|(?<=[\s:：;；])[0-9]{1,2}\s*(?:\)|、)",
    ),
    ("P_dhy", r"(?<![0-9.])[12]\s*h\s*'?\s*(?:20)?[0-9]{2}(?![0-9a-z])"),
    # a model's number: "the DMU 65 series", "the new CTX beta 800" (not "the top 10")
    (
        "L_lmodel",
        r"(?<![a-z0-9])(?:the\s+(?:new\s+)?|new\s+)(?!(?:top|no|number|rank|level|tier|grade"
        r"|page|phase|step|stage|round|day|week|first|last|next|end|start|beginning|middle"
        r"|close|turn|rest|course)(?![a-z]))(?:[a-z]{2,5}|[a-z]{1,5}-[a-z]{2,6})"
        r"(?:\s+(?!(?:top|no|rank|number)(?![a-z]))[a-z]{2,6})?\s+[0-9]{2,4}"
        r"(?=\s+(?:series|models?|range|line|machines?|launch|release|rollout)(?![a-z])"
        r"|\s*$)",
    ),
    # what a product is, not a target: sizes and packs (6寸, 500ml装, 55-inch, 6-pack,
    # 3-in-1), 0糖, 100%纯棉, 24h客服; a value after a comparison is one (see _attr)
    (
        "L_dattr",
        # a motor's torque (85Nm), a bottle's litres (the 1L sharing bottle), a view's
        # degrees (720度VR看房)
        r"(?<![0-9.,])[0-9]+\s*nm(?![a-z])|(?<![0-9.])(?:360|720)\s*(?:度|°)"
        r"|(?<![0-9.])[0-9]{1,2}\s*人(?:位|座)(?=\s*[^\x00-\x7f，、。；])"  # 6人位餐桌: its seats
        # a product named with a number: the Sérum 24 Ultra, the S24 Ultra
        r"|(?<=[a-zà-ÿ]\s)[0-9]{1,4}\s+ultra(?![a-z])"
        r"|(?<![0-9.,])[0-9]+(?:\.[0-9]+)?\s*l"
        r"(?=\s+(?:[a-z]+\s+){0,6}(?:bottle|jug|carton|pouch|kettle|wasserkocher|tank|cooler|pot"
        r"|combo|pack"
        r"|cooker)s?(?![a-z]))"
        # a pack: 250ml×12盒, 330ml x 24 cans
        r"|(?<![0-9.,])[0-9]+(?:\.[0-9]+)?\s*(?:ml|毫升|g|克|kg|千克|l|升|oz|cl)\s*[x×*]\s*[0-9]+"
        r"(?:\s*(?:盒|瓶|罐|袋|包|支|听|入|杯|packs?|bottles|cans))?(?![0-9a-z])"
        r"|(?<![0-9.,])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?\s*(?:-\s*)?(?:英寸|寸|吋"
        r"|inch(?:es)?(?![a-z])|ml(?![a-z])"
        r"|毫升|千克|公斤|kg(?![a-z])|克|斤|mm(?![a-z])|cm(?![a-z])|oz(?![a-z])|mah(?![a-z])"
        r"|姆米|momme(?![a-z])"  # a silk's weight: 19姆米桑蚕丝
        # 500g装, 500g家庭装, 150g一人食小包装
        r"|g(?=\s*(?:礼盒|[^\x00-\x7f，、。；]{0,5}?装(?!修|饰|置|备|车|机|扮|载|箱|满)|牛油|底料|火锅|零食"
        r"|坚果|牛肉|茶叶|咖啡豆|饼茶|茶饼|砖茶))"
        r"|m2(?![0-9a-z])|°\s*[cf](?![a-z])|wh(?![a-z])"  # 15㎡ (folded), -25℃, the 500Wh battery
        r"|ibu(?![a-z])|atm(?![a-z])"  # a beer's bitterness, a watch's water resistance
        r"|g\s*/\s*m2(?![0-9a-z])|gsm(?![a-z])"  # a fabric's weight: 200 g/m²
        r"|m(?=\s+(?:vertical|drop|elevation)(?![a-z]))"  # a ski hill's 1,000 m vertical
        r"|l(?=\s*[^\x00-\x7f]{0,4}?(?:扎|瓶装|桶|罐|壶|水袋|背包|包))"  # 1L大扎, 3L户外水袋
        r"|gb(?![a-z])|tb(?![a-z])|mb(?=\s+(?:[a-z]+\s+)?(?:bundles?|plans?|packs?|data|sim)(?![a-z]))"
        r"|hz(?![a-z])|fps(?![a-z])|pack(?![a-z])|pk(?![a-z])|quarts?(?![a-z])"
        r"|qt(?![a-z])|litres?(?![a-z])|liters?(?![a-z])|gallons?(?![a-z])|lbs?(?![a-z])|cl(?![a-z])"
        r"|平米|平方米|平方|㎡|m²|sq\.?\s*ft(?![a-z])|sqft(?![a-z])|sq\.?\s*m(?![a-z])"
        r"|square\s+(?:feet|foot|meters?|metres?)(?![a-z])|bedrooms?(?![a-z])|居室|房(?!间|源|租|价)"
        r"|(?:瓶|支|片|粒|包|袋|盒|罐|件|只)?装(?!修|饰|置|备|车|机|扮|载|箱|满))"
        r"|(?<![0-9.])[0-9]+\s*-\s*in\s*-\s*[0-9]+(?![0-9])|(?<![0-9.])[0-9]\s*合\s*[0-9](?![0-9])"
        r"|(?<![0-9.])[0-9]{1,3}(?:\.[0-9])?\s*(?:\"|”|'')(?=\s*[a-z])"  # a 12" hybrid mattress
        r"|(?<![0-9.])[0-9](?:\.[0-9])?\s*t(?=\s*(?:核磁|磁共振|mri))"  # a 3.0T MRI scanner
        # a pack's size before the pack: the 500g family-size pack, the 1L draft keg
        r"|(?<![0-9.,])[0-9]+(?:\.[0-9]+)?\s*(?:g|kg|ml|l)\s+(?:[a-z-]+\s+){0,3}?(?:packs?|bags?"
        r"|bottles?|jars?|tubs?|kegs?|cans?|pouch(?:es)?|boxes)(?![a-z])"
        r"|(?<![0-9.])[0-9](?:\.[0-9])?\s*米(?=[^\x00-\x7f]{0,3}?(?:床|沙发|桌|柜|岩板|床垫))"
        # a size: 600x1200 tiles, a 3 米 x 6 米 booth
        r"|(?<![0-9.])[0-9]{2,4}\s*[x×*]\s*[0-9]{2,4}(?![0-9])(?:\s*(?:mm|cm)(?![a-z]))?"
        r"|(?<![0-9.])[0-9]+(?:\.[0-9]+)?\s*(?:米|m|ft)?\s*[x×*]\s*[0-9]+(?:\.[0-9]+)?\s*(?:米|m|ft)"
        r"(?![a-z])"
        r"|(?<![0-9.])[0-9]{1,2}(?:\.[0-9])?\s*(?:度(?=\s*[^\x00-\x7f]{0,3}?(?:酱香|浓香|清香|白酒|米酒"
        r"|黄酒|原浆|礼盒|主品|大单品|单品|产品|系列|新品"
        r"|[0-9]|[a-z]))|%\s*vol|%\s*abv"  # 53度酱香: what the liquor is
        r"|%\s*(?=(?:dark|milk|cacao|cocoa|黑巧|可可|黑巧克力)(?![a-z])))"  # the 70% dark bar
        # a recipe's share: 36%高蛋白猫粮, 70%可可
        r"|(?<![0-9.])[0-9]{1,2}(?:\.[0-9])?\s*%\s*(?=(?:高|低)?(?:蛋白|粗蛋白|脂肪|鲜肉|肉含量|可可|果汁))"
        # a serum's active: the 10% Niacinamide serum, 5%烟酰胺精华
        r"|(?<![0-9.])[0-9]+(?:\.[0-9]+)?\s*%\s*(?=(?:niacinamide|retinol|vitamin\s*c|hyaluronic"
        r"|salicylic|glycolic|lactic|azelaic|aha|bha|烟酰胺|视黄醇|玻尿酸|水杨酸|果酸|壬二酸)(?![a-z]))"
        r"|(?<![0-9.])[0-9]{2,4}\s*cc(?![a-z])"  # the 250cc range: an engine's size
        r"|(?<![0-9.])[0-9]{1,2}-(?:axis|axes|ply|layer|speed|cylinder|door|seater|core|port|stamp|step"
        r"|click|tap"
        r"|punch"
        r"|piece|pc|drawer|shelf|tier|burner|bedroom|bed|bath"
        r"|zone|blade|burner|wheel|season)(?![a-z])"
        # a 1,200-seat stand
        r"|(?<![0-9.,])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)-seat(?:er)?(?![a-z])"
        r"|(?<![0-9.])[0-9]{1,2}-(?:game|match|show|class|session|visit|ride|night|day)s?\s+"
        r"(?:packs?|plans?|pass(?:es)?|bundles?|packages?|memberships?|cards?)(?![a-z])"
        r"|(?<![0-9.])[0-9]{1,2}\s*分(?:糖|甜)"  # a drink's sugar level: 3分糖
        r"|(?<![0-9.])0\s*%?\s*(?:糖|脂|卡|添加|蔗糖|防腐剂|酒精|负担|谷物|谷|香精|色素|麸质|乳糖|激素"
        r"|首付|利率|利息|手续费|月供|押金)"  # (0首付, 0利率: a loan's terms)
        # what a recipe holds: 80%鲜肉含量
        r"|(?<![0-9.])[0-9]+(?:\.[0-9]+)?\s*%(?=\s*[^\x00-\x7f，、。；]{0,4}?含量)"
        r"|(?<![0-9.])0\s*%?[- ]?(?:sugar|fat|calorie|cal|alcohol)(?![a-z])"
        r"|(?<![0-9.])[0-9]+(?:\.[0-9]+)?\s*匹(?=\s*[^\x00-\x7f]{0,4}?(?:空调|变频|定频|挂机|柜机))"
        r"|(?<![0-9.])[0-9]+\s*pa(?=\s*(?:大?吸力|suction))"  # 8000Pa大吸力: a vacuum's suction
        # more 5-star reviews: the kind of review, not a target
        r"|(?<![0-9.])[1-5][- ]star(?=\s+(?:reviews?|ratings)(?![a-z]))"
        r"|(?<![0-9.])(?:12|24|36|48|60|72|400|800)\s*v(?![a-z0-9])"  # a 48V e-bike, an 800V car
        # a bouquet's size before its box: 99朵玫瑰礼盒 (售出9999朵玫瑰 stays a count)
        r"|(?<![0-9.])[0-9]+\s*朵(?=[^\x00-\x7f，、。；]{0,8}?(?:礼盒|花束|花盒))"
        # a charger's or a motor's power: "the 480kW liquid-cooled charger", 120千瓦超充桩
        r"|(?<![0-9.])[0-9]+(?:\.[0-9]+)?\s*(?:kw|千瓦)(?![a-z时])(?=\s*(?:[a-z-]+\s+){0,2}"
        r"(?:chargers?|piles?|stations?|inverters?|motors?|engines?|systems?|packages?|arrays?)"
        r"(?![a-z])|\s*(?:充电|超充|快充"
        r"|直流|液冷|电机|桩))"
        # a solar kit's or a lamp's watts: "the new 100W kit" ("10w" is 10万 elsewhere)
        r"|(?:(?<=pd)|(?<=pd\s)|(?<=gan)|(?<=gan\s))[0-9]+\s*w(?![a-z])"  # PD 20W, GaN 65W
        r"|(?<![0-9.])[0-9]+\s*ah(?![a-z])"  # a battery cell's 280Ah
        r"|(?<![0-9.])[0-9]+\s*次(?=\s*(?:循环|充放电))"  # 6000次循环寿命: what the cell is
        r"|(?<![0-9.])[0-9](?:\.[0-9])?\s*c(?=\s*(?:快充|充电|放电|倍率))"  # 2C快充
        r"|(?<![0-9.])[0-9]{5,}(?=\s*(?:热线|服务热线|客服电话|电话))"  # 12345热线
        r"|(?<![0-9.])[0-9]+\s*w(?=\s*(?:[a-z]+\s+)?(?:快充|闪充|充电器|充电头|氮化镓|补光灯|灯|音箱|电源"
        r"|电机|电暖器|取暖器|吹风机|功率))"
        r"|(?<![0-9.])[0-9]+\s*w(?=\s*(?:[a-z-]+\s+){0,2}(?:kits?|panels?|lamps?|bulbs?|lights?"
        r"|speakers?|adapters?|chargers?|power\s+banks?)(?![a-z]))"
        r"|(?<![0-9.])100\s*%\s*(?:纯|天然|有机|进口|桑蚕丝|真丝|蚕丝|羊毛|山羊绒|羊绒|驼绒|牦牛绒|棉|cotton|organic|natural|pure"
        r"|recycled|wool"
        r"|silk|linen|leather|juice|arabica|merino|cashmere|vegan|plant-based|dutch|italian|french"
        r"|british|irish|scottish|australian|new\s+zealand|canadian|american|japanese|korean)"
        # a Mexican payment plan: 12 meses sin intereses
        r"|(?<![0-9.])[0-9]{1,2}\s+meses\s+sin\s+intereses"
        r"|(?<![0-9.])(?:24|48|72)\s*(?:h|hrs?|小时)\s*(?:客服|在线|营业|发货|送达|配送|退款|急[症诊]|热线"
        r"|礼宾|管家|前台|自助|无人|不打烊|值守"
        r"|服务|门诊|值班|药房"
        r"|(?:delivery|support|service|shipping|helpline|hotline|dispatch)(?![a-z]))"
        # customer service online 24h; a 3-year warranty (3年质保), a 10-year-old shop
        r"|(?:(?<=online\s)|(?<=open\s))24\s*(?:h|hrs?|hours)(?![a-z0-9])"
        r"|(?<![0-9.])[0-9]+\s*年(?=" + _YEARS_OF + ")",
    ),
    (
        "P_dur",
        rf"(?<![0-9.]){_NUMR}\s*(?:-\s*)?(?:个\s*)?(?:自然|工作|business\s+|working\s+"
        r"|calendar\s+)?(?:天|日(?!留存|活|均|更|报)|周(?!年)|星期|个?月(?!均|销|活|度|份)"
        r"|季度|年(?!级|龄|轻|货|化|均|销|" + _YEARS_OF + r")|days?|weeks?|months?|quarters?|years?"
        r"|yrs?|wks?)"
        r"(?![a-z])(?![- ]olds?(?![a-z]))(?:内|以内|之内)?",
    ),
    (
        "P_hour",
        rf"(?<![0-9.]){_NUMR}\s*(?:-\s*)?(?:个\s*)?(?:小时|钟头|分钟|hours?|hrs?|h(?![a-z0-9]))"
        r"(?![a-z])(?:内|以内|之内)?",
    ),
    ("P_danniv", r"(?<![0-9.])[0-9]+\s*周年庆"),
    # times of day: a clock time is a ratio when a ratio metric precedes it (see _clock)
    ("L_clock", r"(?<![0-9.])(?:[01]?[0-9]|2[0-4])\s*:\s*[0-5][0-9](?::[0-5][0-9])?(?![0-9])"),
    (
        "L_dtime",
        r"(?<![0-9.])(?:1[0-2]|0?[1-9])(?::[0-5][0-9])?(?:\s*[-–~]\s*(?:1[0-2]|0?[1-9])(?::[0-5][0-9])?)?"
        r"\s*(?:am|pm|a\.m\.|p\.m\.)(?![a-z])"
        r"|(?<![0-9.])(?:[01]?[0-9]|2[0-4])\s*(?:点|时)(?:半|整|[0-9]{1,2}分|钟)?"
        r"(?!击|赞|评|位|数|间|段|长|效|尚)",
    ),
    (
        "L_dversion",
        r"(?<![0-9.])[0-9]+(?:\.[0-9]+){2,}(?![0-9])"
        r"|(?<![0-9.])[0-9]+(?:\.[0-9]+)?\s*(?:版本?|代(?!言|理|表|码|运营|工|金|购|发|替)"
        r"|系统|release(?![a-z])|edition(?![a-z]))",
    ),
    # "2.0" after a name is a version; after a metric or a comparison it is a value
    (
        "L_ver0",
        r"(?<![0-9.])[0-9]+\.0(?![0-9%])(?!\s*(?:%|‰|倍|(?:x|k|m|w)(?![a-z])|元|分|星|stars?|万|亿|折|成))",
    ),
    ("P_dhalf", r"(?<![0-9.])(?:1st|2nd)\s+half(?![a-z])(?!\s+of(?![a-z]))"),
    ("L_dord", r"(?<![0-9.])[0-9]+(?:st|nd|rd|th)(?![a-z])"),
    (
        "L_dage",
        r"(?<![0-9.])[0-9]{1,3}\+?(?:\s*[-–~至到]\s*[0-9]{1,2})?\s*(?:岁|周岁|年级|years?[- ]old"
        r"|y/?o(?![a-z])|[- ]?year[- ]olds?|yrs?[- ]?olds?|age\s+(?:group|bracket|band|range)"
        r")\+?"
        r"|(?<![0-9.])(?:00|05|10|60|70|75|80|85|90|95)\s*后(?!期|续|台|端)",
    ),
    (
        "L_danniv",
        r"(?<![0-9.])[0-9]+\s*(?:周年|(?:st|nd|rd|th)?\s*anniversary|(?:años|anos|jahre)\s+(?:de|der)\s)",
    ),
    (
        "L_didiom",
        r"(?<![0-9.])[0-9]{3}\s*%(?=\s*的?\s*(?:热情|热诚|热忱|努力|用心|诚意|专注|投入|精力|干劲|信心"
        r"|决心|认真|effort|commitment|passion|energy|focus)(?![a-z]))"
        r"|(?<=give\s)[0-9]{3}\s*%|(?<=giving\s)[0-9]{3}\s*%",
    ),
    ("Q_ratio", rf"(?<![0-9.]){_NUM}\s*(?::|比)\s*{_NUM}(?![0-9])"),
    # (not after a digit and a letter: Booth 5A21 is a code)
    ("Q_num", rf"(?<![0-9.])(?<![0-9][a-z]){_NUMR}{_TAIL}"),
]

_LATIN_LED: list[tuple[str, str]] = [
    (
        "L_lname",
        r"(?<![a-z0-9])(?:h5|o2o|b2b|b2c|c2m|d2c|p2p|k12|web\s*[23](?:\.0)?|ga4|gpt-?[0-9]|s/4\s*hana"
        r"|euro\s*-?[1-7](?![0-9])"  # an emission standard: EURO5
        r"|spf\s*[0-9]{2}\+*|pa\+{1,4}"  # a sunscreen's protection: SPF 50, PA++++
        r"|(?:co)?q10"  # coenzyme Q10 (no quarter has that number)
        # a language test's level as an audience: IELTS 7 candidates, HSK 4, JLPT N2
        r"|(?:ielts|hsk|toefl|toeic|topik|jlpt)\s*n?[0-9]{1,3}(?:\.[0-9])?(?![0-9.])"
        r"|api\s*[0-9]{3,4}(?=\s+[a-z])|ip\s*[56][0-9]|big\s*(?:5|five)"  # API 610 pumps, IP68
        r"|gb\s*/?\s*t?\s*[0-9]{4,5}|iec\s*[0-9]{4,5}|ul\s*[0-9]{3,4}"  # GB/T 36276: a standard
        r"|h[123]\s+(?:chem|chemistry|maths?|physics|bio|biology|econ|economics|gp|history"
        r"|geography|literature|computing|english)|sunday[- ]league"
        r"|(?:under|over)-?[0-9]{1,2}s|under-[0-9]{1,2}(?![0-9])"  # the under-18 league
        r"|number\s+[0-9]{1,2}(?=\s+(?:shirts?|jerseys?|kits?))"
        r"|(?:jersey|shirt|kit)\s+(?:no\.?|#|number)\s*[0-9]{1,2}(?![0-9])"
        r"|nintendo\s+switch(?:\s*2)?|switch\s+2(?=\s+(?:port|version|edition|launch|console"
        r"|games?|release|owners|players|bundles?|skus?)(?![a-z]))"
        r"|(?:ftse|s&p|fortune|nasdaq|nikkei|asx|nifty|dax|cac|russell)\s*[0-9]{2,4}"  # FTSE 100
        r"|steam\s+daily\s+deals?"  # a Steam feature's name, not a cadence
        r"(?:\.[0-9])?o?|mp[34]|ps[1-5]|iso\s*[0-9]+|(?:daily|weekly|monthly)\s+active\s+(?:app\s+)?(?:users?"
        r"|members?|customers?|players?|buyers?|accounts?|subscribers?|readers?|learners?|teams?"
        r"|riders?|drivers?|merchants?|agents?|sellers?|creators?|patients?|students?|viewers?"
        r"|listeners?|devices?|admins?|editors?|hosts?|partners?|advertisers?|developers?|clients?"
        r"|households?|workspaces?|stores?|sellers?|seats?|[a-z]{3,}s(?![a-z]))"
        r"|(?:daily|weekly|monthly)\s+(?:listeners|uniques)"
        # a kind of donor or ticket, not the goal's window: monthly donors, the daily pass
        r"|(?:daily|weekly|monthly)\s+(?:donors?|givers?|pass(?:es)?|pass\s*holders?"
        r"|members?|memberships?)(?![a-z])(?!\s+(?:newsletters?|e-?mails?|mailers?|events?|updates?"
        r"|digests?|calls?|meetups?|nights?|reports?)(?![a-z]))"  # (a weekly member newsletter)
        r"|(?:daily|weekly|monthly)(?=\s+[0-9]+\s*(?:mb|gb)\s+(?:bundles?|plans?|packs?)(?![a-z]))"
        r"|d[0-9]+\s*(?:retention|churn)|day[- ]?[0-9]+\s*(?:retention|churn)"
        r"|month[- ]over[- ]month"
        # a school year's grade (the Year 7 scholarship, Year 12 families)
        r"|year\s+(?:1[0-3]|[1-9])(?=\s+(?:scholarships?|students?|intake|entry|class(?:es)?|pupils"
        r"|families|parents|admissions?|cohort|places?|applicants?|boys|girls)(?![a-z]))"
        r"|year[- ]over[- ]year|week[- ]over[- ]week|(?:iphone|ipad|ipod|galaxy|pixel|mate"
        r"|model|windows|ios|android|macos|xbox|playstation|airpods|watch\s+series|nova|redmi"
        r"|reno|honor|office|photoshop)\s*(?:-\s*)?[0-9]+(?:\.[0-9]+)?(?:\s*(?:pro|max|plus|ultra"
        r"|mini|se)(?![a-z]))*)(?![a-z0-9])",
    ),
    # apart from L_lname and P_lwords, whose heads stay few: Stage 1/2/3 (labels), a season
    # pass or ticket (a product, not the season), cask-of-the-week (a cadence)
    (
        "L_lstages",
        r"(?<![a-z])(?:stage|phase|step|tier|level|wave)s?\s+[0-9]{1,2}(?:\s*[/&,]\s*[0-9]{1,2})+",
    ),
    ("L_lseason", r"(?<![a-z])season[- ](?:pass(?:es)?|tickets?)(?![a-z])"),
    ("P_lofthe", r"(?<![a-z])of-the-(?:week|month|day)(?![a-z])"),
    (
        "Q_top",
        r"(?<![a-z])top\s*(?:-\s*)?(?:[0-9]+|three|five|ten|twenty|hundred)(?![0-9a-z])"
        r"|(?<![a-z])top\s+(?:quartile|decile|percentile|half|third|tenth)(?![a-z])",
    ),
    (
        "Q_lrank",
        r"(?<![a-z])(?!no\.?\s*[0-9]+\s+in\s+(?:[a-z]+'?s?'?\s+)?(?:hearts?|minds?)(?![a-z]))"
        r"(?:no\.?\s*1(?![0-9])|no\.?\s*[0-9]+(?=\s+(?:in|on|brand|seller|spot"
        r"|position|ranking|rank|place|among|across|for)(?![a-z]))|number\s+one(?![a-z])"
        r"|rank(?:ed|ing)?\s*(?:#|no\.?)?\s*[0-9]+)"
        r"|(?<![a-z])(?:double|triple|single)[- ]digits?(?![a-z])"
        r"|(?<![a-z])by\s+(?:a|one)\s+quarter(?![a-z])"
        r"|(?<![a-z])(?:a|one|three)\s+quarters?\s+of(?![a-z])"
        r"|(?<![a-z0-9])x\s*[0-9]{1,2}(?:\.[0-9]+)?(?![0-9a-z])(?!\s*(?:[a-z-]+\s+)?(?:launch|phone"
        r"|model|pro(?![a-z])|max|plus|series|edition)|\s*(?:上市|发布|新品|试驾|到店|车型|手机|系列|款"
        r"|无人机|机型|耳机|手表|相机))"
        # "at least one": bounded, so a count (a lone "one" is the article)
        r"|(?<![a-z])(?:at\s+least|no\s+fewer\s+than|a\s+minimum\s+of)\s+(?:one|a\s+single)"
        r"(?![a-z])",
    ),
    (
        "P_levent",
        r"(?<![a-z])(?:double\s*(?:11|12|eleven|twelve)|singles'?\s*day|black\s*friday"
        r"|cyber\s*monday|prime\s*(?:big\s+deal\s+)?days?|big\s+deal\s+days|way\s+day"
        r"|boxing\s*day|bfcm|christmas|xmas|thanksgiving"
        r"|cl[aá]sico|apertura|clausura|liga\s+mx|jornada\s+[0-9]+|d[ií]a\s+de\s+(?:los\s+)?muertos"
        r"|grand\s+final|nollning|payout\s+day|san\s+silvestre|grand\s+prix|fashion\s+week"
        r"|waitangi\s+day|anzac\s+day|matariki|australia\s+day|canada\s+day|victoria\s+day"
        r"|fasting\s+month|black\s+week|santos\s+populares|santo\s+ant[oó]nio(?:\s+week)?"
        r"|vivid\s+sydney|mardi\s+gras|king'?s\s+day|koningsdag"
        r"|(?:opening|closing)\s+ceremony"
        # Peru and Poland: national holidays, Mother's and Children's Day, Cyber Wow
        r"|fiestas\s+patrias|d[ií]a\s+de\s+la\s+madre|d[ií]a\s+del\s+padre|navidad|cyber\s*wow"
        r"|dzie[nń]\s+(?:dziecka|matki|ojca)|wielkanoc|bo[żz]e\s+narodzenie"
        r"|independence\s+day|loy\s+krathong|steam\s+next\s+fest|next\s+fest"
        r"|weihnacht(?:en|sgeschäft|sgeschaeft|szeit)?|ostern|(?<!jalan\s)raya"
        r"|fresher'?s'?\s+week|rag\s+week|schoolies(?:\s+week)?|burns\s+night|bonfire\s+night"
        r"|hogmanay|undas|prinsjesdag|sinterklaas|guy\s+fawkes|karwa\s+chauth|big\s+billion\s+days?"
        r"|great\s+indian\s+festival|(?:el\s+)?buen\s+fin|chirstmas|christams|chrismas"
        r"|(?:la\s+)?rentr[ée]e|f[êe]te\s+des\s+(?:m[èe]res|p[èe]res)|transfer\s+window"
        r"|muttertag|vatertag|pfingsten|fasching|karneval|pride\s+month|black\s+history\s+month"
        r"|half[- ]term|simbang\s+gabi|noche\s+buena|payday|tuwing\s+[a-z]+|safari\s+rally"
        r"|hari\s+(?:kartini|kemerdekaan|ibu|guru|pahlawan|santri|batik)|s[0-9]{0,2}赛|worlds"
        r"|midsommar|midsummer|juhannus|pr[ée]-?venda|pre-?venta"
        r"|salon\s+(?:du|des|de|international)(?![a-z])|salone\s+del|(?<=by\s)reyes(?![a-z])"
        r"|d[ií]a\s+de\s+(?:los\s+)?reyes|reyes\s+magos|three\s+kings|epiphany"
        # Portuguese and Spanish months, after de/en/em or before a year (Julio, Marco: names)
        r"|(?:(?<=de\s)|(?<=en\s)|(?<=em\s)|(?<=até\s)|(?<=hasta\s)|(?<=in\s)|(?<=by\s)|(?<=until\s))"
        + _MONTHS_PT_ES
        + r"|"
        + _MONTHS_PT_ES
        + r"(?=\s+(?:de\s+)?(?:19|20)[0-9]{2}(?![0-9]))"
        r"|semana\s+que\s+vem|pr[óo]xima\s+semana|pr[óo]ximo\s+m[êe]s|este\s+m[êe]s"
        r"|(?:st\.?\s+)?patrick'?s\s+day|paddy'?s\s+day"
        r"|youth\s+day|heritage\s+day|freedom\s+day|s[ãa]o\s+jo[ãa]o|t[ếe]t|nauryz|наурыз"
        r"|advent(?:zeit)?|silvester\w*|temporada\s+navide[ñn]a|rock\s+al\s+parque"
        r"|amor\s+y\s+amistad|ber\s+months|holy\s+week|semana\s+santa|pasko|earth\s+day"
        r"|ramzan|bonalu|dussehra|dasara|ipl|monsoon|ugadi|gudi\s+padwa|vishu|baisakhi|vaisakhi"
        r"|bihu|sallah|veganuary|movember|sober\s+october|stoptober|sham\s+el[- ]nessim"
        r"|janeiro\s+branco|setembro\s+amarelo|outubro\s+rosa|novembro\s+azul"
        r"|новый\s+год"
        r"|(?:chinese|lunar)\s+new\s+year|new\s*year'?s?(?:\s*(?:day|eve))?|valentine'?s(?:\s*day)?"
        r"|mother'?s\s*day|father'?s\s*day|back[- ]to[- ]school|halloween|easter"
        r"|labou?r\s*day|memorial\s*day|super\s*bowl|cny(?!\s*[0-9])|hari\s+raya|diwali|deepavali"
        r"|dhanteras|navratri|holi|onam|pongal|durga\s+puja|raksha\s+bandhan|ganesh\s+chaturthi"
        r"|jamhuri\s+day|madaraka\s+day|mashujaa\s+day|(?:hari\s+)?merdeka(?:\s+day)?|carnaval"
        r"|ramadan|eid(?:\s+al-?(?:fitr|adha))?|hanukkah|songkran|oktoberfest|carnival|golden\s+week"
        r"|mid-?autumn(?:\s+festival)?|dragon\s+boat(?:\s+festival)?|giving\s*tuesday"
        # Indonesia and Malaysia: Eid, Chinese New Year, the 12.12 online sale, the fast
        r"|chuseok|seollal|lebaran|idul\s*fitri|idul\s*adha|imlek|harbolnas|tahun\s+baru|puasa|mudik"
        # tournaments known by name
        r"|six\s+nations|world\s+series|march\s+madness|champions\s+league|tour\s+de\s+france"
        r"|the\s+ashes|euro\s+20[0-9]{2}|copa\s+am[eé]rica|afcon|premier\s+league|qixi"
        r"|(?:rugby\s+|cricket\s+|fifa\s+)?world\s+cup|(?:hong\s+kong|rugby|hk)\s+sevens"
        r"|(?:the\s+)?(?:olympics|olympic\s+games|paralympics|paralympic\s+games)"
        r"|member[- ]days?)(?![a-z])",  # 会员日 in English: every member day
    ),
    # Swahili's next month and week, Turkey's Bayram, Italy's Ferragosto, India's farm fair,
    # Spanish seasons (apart from P_levent: a few words tried where they may start)
    (
        "P_lmore",
        r"(?<![a-z])(?:mwezi\s+(?:ujao|huu)|wiki\s+(?:ijayo|hii)|mwaka\s+(?:ujao|huu)"
        r"|mwisho\s+wa\s+mwezi|ferragosto|(?:kurban\s+|ramazan\s+|şeker\s+|seker\s+)?bayram[ıi]?"
        r"|krishi\s+mela|temporada\s+de\s+(?:siembra|cosecha|lluvias|verano|invierno|rebajas"
        r"|ventas)"
        # Mexico, Spain and Brazil: Easter, New Year, the school year's start, Mother's Day
        r"|d[ií]a\s+de\s+las\s+madres|dia\s+das\s+m[ãa]es|dia\s+dos\s+(?:pais|namorados)"
        r"|cinco\s+de\s+mayo|p[áa]scoa|pascua|a[ñn]o\s+nuevo|ano\s+novo|regreso\s+a\s+clases"
        r"|vuelta\s+al\s+cole|volta\s+[àa]s\s+aulas|hot\s+sale)(?![a-z])",
    ),
    # any word before "fest" (Steam Next Fest, a town's beer fest) or "festival" (the Rose
    # Festival, a film festival): on its own, since a pattern led by any letters is tried
    # at every word, and P_levent's heads stay few
    (
        "P_lfest",
        r"(?<![a-z])(?:[a-z]+\s+fest|(?!(?:the|a|an|our|this|that|its|their|each|every|any|per"
        r"|one|no)\s)[a-z'-]{3,}\s+festival)(?![a-z])",
    ),
    (
        "P_ldate",
        r"(?<![a-z])"
        + _MONTHS
        + r"\.?(?![a-z])(?:\s*(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9a-z]))?"
        r"(?:\s*,?\s*(?:19|20)[0-9]{2}(?![0-9]))?"
        r"|(?<![a-z])(?:by|before|on|until|till|no\s+later\s+than|due)\s+(?:the\s+)?"
        r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)(?![a-z])(?!-[a-z])"
        # a day past the 12th, then the month: by 31/10, by 30-4 (by 1/3 may be a share)
        r"|(?<![a-z])(?:by|before|on|until|till|due|no\s+later\s+than)\s+(?:3[01]|2[0-9]|1[3-9])"
        r"\s*[/-]\s*(?:1[0-2]|0?[1-9])(?![0-9])(?!\s*%)(?:\s*[/-]\s*(?:20)?[0-9]{2}(?![0-9]))?"
        # the day and the month with a dot after each, as German teams write: bis 15.09.
        r"|(?<![a-z])(?:by|before|on|until|till|due|bis|vor|am|ab)\s+(?:3[01]|[12][0-9]|0?[1-9])"
        r"\.(?:1[0-2]|0?[1-9])\.(?:(?:20)?[0-9]{2}(?![0-9]))?",
    ),
    # "may" is a month only when capitalised or next to a day or a preposition (see _may)
    (
        "P_may",
        r"(?<![a-z])may(?![a-z])(?:\s*(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9a-z]))?",
    ),
    # AY: academic; SS25, FW25, AW25: a fashion season and its year
    ("P_lyear", r"(?<![a-z0-9])(?:fy|ay|ss|fw|aw)\s*(?:'\s*)?(?:20)?[0-9]{2}(?![0-9])"),
    (
        "P_lq",
        r"(?<![a-z0-9])q ?[1-4](?:\s*[-–~/&]\s*q?[1-4](?![0-9]))?(?:\s*'\s*[0-9]{2}"
        r"|\s+20[1-3][0-9](?![0-9%.]))?(?![0-9])(?!\s+(?:lite|pro|max|plus|mini|ultra)(?![a-z]))"
        r"|(?<![a-z0-9])h[12](?![0-9a-z])(?!\s+(?:chem|chemistry|maths?|physics|bio|biology|econ"
        r"|economics|gp|history|geography|literature|computing|english)(?![a-z]))(?:\s*'\s*[0-9]{2})?"
        # (the first half of 2026, of the year; "the first half of the list" is a share)
        r"|(?<![a-z])(?:first|second|1st|2nd)\s+half(?![a-z])"
        r"(?:\s+of(?=\s+(?:the\s+)?(?:year|fiscal|fy|this|next|20[0-9]{2})(?![a-z]))|(?!\s+of\b))"
        r"|(?<![a-z])half[- ]?year(?:ly)?(?![a-z])",
    ),
    (
        "P_ldur",
        r"(?<![a-z])(?:within|in|over|for|during|next|first|past|the\s+next|the\s+first"
        r"|the\s+past)\s+(?:the\s+)?(?:next\s+|first\s+|coming\s+|past\s+)?(?:"
        + _NUMR
        + "|"
        + _NUMWORD
        + r"|a|an|one|a\s+few|few)\s*(?:-\s*)?(?:business\s+|working\s+|calendar\s+)?(?:days?"
        r"|weeks?|wks?|months?|quarters?|years?|fortnight|sprints?|cycles?|iterations?)(?![a-z])"
        r"(?!\s+(?:free\s+)?trial|\s+retention|[- ]olds?(?![a-z]))"
        # the first hours of an event: "for the first 48 hours of the campaign"
        r"|(?<![a-z])(?:for|in|during|over|within)\s+the\s+(?:first|last|final|opening)\s+(?:"
        + _NUMR
        + "|"
        + _NUMWORD
        + r")\s*(?:hours?|hrs?)(?![a-z])"
        r"|(?<![a-z])(?:within|in|next|the\s+next)\s+(?:"
        + _NUMR
        + "|"
        + _NUMWORD
        + r"|a|an|one)\s*(?:-\s*)?(?:hours?|hrs?|h|minutes?|mins?)(?![a-z])",
    ),
    (
        "P_lwdur",
        r"(?<![a-z])" + _NUMWORD + r"[- ](?:days?|weeks?|months?|quarters?|years?)(?![a-z])",
    ),
    (
        "P_ldayn",
        r"(?<![a-z])(?:day|week|month|sprint|wk|matchweek|gameweek|match\s+week|game\s+week)\s*"
        r"(?:-\s*)?[0-9]+(?![0-9])(?!\s*retention)"
        r"|(?<![a-z])(?:weeks|wks|sprints)\s+[0-9]{1,2}\s*[-–~]\s*[0-9]{1,2}(?![0-9])"
        r"|(?<![a-z])(?:term|semester|trimester)\s+[1-4](?![0-9])",  # a school year's Term 3
    ),
    (
        "L_lage",
        r"(?<![a-z])(?:dogs?|cats?|pets?|kids|children|boys|girls|juniors|seniors|patients|retirees"
        r"|adults|residents|women|men|mums|moms|dads|parents|people|consumers|shoppers|mulheres"
        r"|riders|couples|travell?ers|drivers|guests|visitors|tourists|golfers|runners|cyclists"
        r"|homens|mujeres|hombres)\s+[0-9]{1,2}"
        r"\s*(?:\+|-\s*[0-9]{1,2})(?![0-9])"
        # users over 60, customers aged 18-24: people, then their age
        r"|(?<![a-z])(?:users|customers|people|adults|seniors|women|men|parents|patients|fans"
        r"|players|students|viewers|readers|members|shoppers|consumers|travell?ers)\s+"
        r"(?:over|under|aged|above|below)\s+[0-9]{2}(?:\s*[-–]\s*[0-9]{2})?\+?"
        r"(?![0-9%.,])(?!\s*(?:%|k(?![a-z])|万|元|x(?![a-z])|(?:days?|hours?|minutes?|mins?|seconds?"
        r"|secs?|weeks?|months?|times|orders?|visits?|sessions?|purchases?|points?|pts)(?![a-z])))",
    ),
    (
        "L_lversion",
        r"(?<![a-z0-9])v(?:er(?:sion)?)?\.?\s*[0-9]+(?:\.[0-9]+)*(?![0-9%])"
        r"|(?<![a-z])(?:patch|hotfix|build|firmware|update|release)\s+[0-9]+(?:\.[0-9]+)+(?![0-9%])",
    ),
    # a phase or tower named like a quarter: "Phase Q2 sell-through", "the Phase Q3 townhouses"
    ("L_lphaseq", r"(?<![a-z])(?:phase|tower|block|building)\s+q[1-4](?![0-9a-z])"),
    # a tariff code, a watch's movement or reference: HS 0902, Calibre 321, Ref. 5524
    (
        "L_lref",
        r"(?<![a-z])(?:hs(?:\s+code)?|ref\.|reference)\s*[0-9]{3,10}(?![0-9])"
        r"|(?<![a-z])(?:calibre|caliber|cal\.)\s*[0-9]{2,10}(?![0-9])",
    ),
    # a name with a number in it: a game's title (Dota 2, Tekken 8, EA FC 25), a place's
    # code (postcode 8001)
    (
        "L_lnamed",
        r"(?<![a-z])(?:dota|tekken|fifa|gta|diablo|madden|ea\s+fc)\s+[0-9]{1,2}(?![0-9.%])"
        r"|(?<![a-z])(?:postcode|post\s+code|zip(?:\s+code)?|pin\s*code)\s+[0-9]{3,6}(?![0-9])",
    ),
    # a model named like a quarter: the Q4 Lite
    ("L_lqmodel", r"(?<![a-z0-9])q[1-4]\s+(?:lite|pro|max|plus|mini|ultra)(?![a-z])"),
    (
        "L_lcode",
        r"(?<![a-z])(?:sku|item\s+code|style\s+(?:no\.?|#))\s*(?:no\.?|#|:)?\s*[a-z0-9-]*[0-9]"
        r"[a-z0-9-]*(?:\s*[、,/]\s*[a-z0-9-]*[0-9][a-z0-9-]*)*(?![a-z0-9-])(?!\s*(?:个|款|支|件|条|units?|items?|pcs|skus?)(?![a-z]))"
        r"|(?<![a-z])(?:store|shop|outlet|branch|bar|gate|table|counter|booth|stand|dock|office|agent"
        r"|room|unit|site|lane|kiosk)\s*(?:no\.?|#)\s*[0-9]+",
    ),
    # a model's code before the word model: the VM-312 model, the X-200 series (on its own:
    # led by any letters, it is tried at every word, and L_lcode's heads stay few)
    (
        "L_lmcode",
        r"(?<![a-z0-9])(?!top-)[a-z]{1,4}-[0-9]{1,4}[a-z]?(?=\s*(?:系列|型号|型|款)"
        r"|\s+(?:[a-z]+\s+)?(?:model|series|frame|edition|line|range)s?"
        r"(?![a-z]))",
    ),
    # an earlier edition as the baseline: "1.5x the ROAS of the spring edition"
    (
        "L_lbase",
        r"(?<![a-z])on\s+(?:the\s+|our\s+)?(?:spring|summer|autumn|fall|winter|holiday|last|previous"
        r"|prior)\s+edition(?![a-z])|"  # up 3 points on the spring edition: compared with it
        r"(?<![a-z])(?:as|than|of|vs\.?|versus)\s+(?:the\s+|our\s+|last\s+year'?s\s+)?(?:spring"
        r"|summer|autumn|fall|winter|holiday|last|previous|prior)\s+(?:edition|campaign|appeal|launch"
        r"|sale|cohort|wave|drop|collection)(?![a-z])"
        # the period before, as a baseline: "vs last semester", "than the previous season"
        # a holiday or season before, as the baseline: "15% over last Easter"
        r"|(?<![a-z])(?:over|than|vs\.?|versus)\s+last\s+(?:easter|christmas|xmas|ramadan|eid"
        r"|diwali|cny|black\s+friday|summer|winter|spring|autumn|fall|season)(?![a-z])"
        # a named earlier edition: "vs the 2024 Apertura campaign"
        r"|(?<![a-z])(?:below|above)\s+(?:the\s+|our\s+)?(?:19|20)[0-9]{2}\s+season(?![a-z])"
        r"|(?<![a-z])(?:than|vs\.?|versus|compared\s+(?:to|with))\s+(?:the\s+|our\s+)?"
        r"(?:(?:19|20)[0-9]{2}"
        r"\s+)?(?:[a-zà-ÿ'&-]+\s+){0,2}?(?:edition|campaign|launch|sale|cohort|drive|promo|season)"
        r"(?![a-z])"
        # last year's event as the baseline: "doubled vs last year's 618"
        r"|(?<![a-z])(?:than|vs\.?|versus|over|compared\s+(?:to|with))\s+last\s+year'?s\s+"
        r"(?:[a-z0-9'.&-]+\s+){0,3}?(?:618|11\.11|double\s+11|prime\s+day|black\s+friday"
        r"|cyber\s+monday|sale|campaign|event|edition|launch|festival)(?![a-z0-9])"
        # a year or quarter as the baseline: "by a third vs FY25", "than Q3 2024"
        r"|(?<![a-z])(?:(?<!later\s)(?<!earlier\s)(?<!sooner\s)than|vs\.?|versus"
        r"|compared\s+(?:to|with))\s+(?:the\s+)?(?:fy\s*'?(?:20)?"
        r"[0-9]{2}|q[1-4]\s*'?(?:(?:20)?[0-9]{2})?|h[12]\s*'?(?:(?:20)?[0-9]{2})?|(?:19|20)[0-9]{2})"
        r"(?![0-9a-z])"
        r"|(?<![a-z])(?:than|vs\.?|versus|compared\s+(?:to|with))\s+(?:the\s+)?(?:last|previous"
        r"|prior)\s+(?:semester|term|season|year|quarter|month|week|fortnight|sprint|fiscal\s+year"
        r"|spring|summer|autumn|fall|winter"
        r"|fy|financial\s+year)(?![a-z])",
    ),
    ("P_lweek", r"(?<![a-z0-9])(?:kw|w)\s?(?:[1-9]|[1-4][0-9]|5[0-3])(?![0-9a-z])"),
    # a year in a season's or an edition's name: Season 2025, the 2026 edition's brochure
    (
        "P_lnamedyear",
        r"(?<![a-z])(?:season|edition|collection|cohort|intake|class)\s+(?:19|20)[0-9]{2}(?![0-9])",
    ),
    (
        "L_lword",
        r"(?<![a-z])(?:phase|step|stage|wave|round|batch|part|season|episode|ep|level|tier|gen"
        r"|generation|vol|chapter|item|task|ticket|issue|page|slide|booth|hall|room|gate|lane"
        r"|aisle|track|module|lesson|grade|cohort|row|column|section|option|build|edition"
        r"|warehouse|shed|hangar|pier|terminal|studio|barn|stall|bay|ward|district|precinct|flight|serie"
        r"|building|bldg|tower|store|tienda|loja|sucursal|branch|outlet"  # (not "block 2 hours")
        r"|seat|route|platform|unit|lote|palco|port[ãa]o|zone|sector|plot"
        r"|release|aged?|ages|soi|fm|am|sec|secondary|primary|class|std|standard)\s*(?:-\s*)?#?\s*"
        r"[0-9]+(?:\s*(?:-|–|~|/|and|&|to(?!\s*[0-9]+\s*(?:minutes?|mins?|hours?|hrs?|seconds?|secs?"
        r"|days?|%)(?![a-z])))\s*[0-9]+)?\+?(?![0-9])(?!\s*[%‰])"
        r"|(?<![a-z])(?:flights?|航班)\s*[a-z0-9]{2}\s?[0-9]{1,4}(?![0-9])"  # flight BA 117
        r"|(?<![a-z])(?:senior|adult|puppy|kitten)\s+[0-9]{1,2}\s*\+"  # senior 7+ dog food: an age
        r"|(?<![a-z])(?:covid|sars-cov)-[0-9]{1,2}(?![0-9])",  # a disease's name: COVID-19
    ),
    (
        "Q_money",
        r"(?<![a-z])(?:rmb|cny|usd|hkd|eur|gbp|jpy|us\$|hk\$|s\$|nt\$|a\$|c\$|rm|sgd|myr|aud|cad"
        r"|ntd|twd|thb|idr|php|inr|krw|aed|sar|qar|kwd|egp|brl|mxn|zar|ngn|kes|rp|mop|chf)\s*"
        + _NUMR
        + r"(?:\s*(?:k|m|w|b|bn|mn|万|亿|千|百|million|billion|thousand)(?![a-z]))?",
    ),
    (
        "Q_words",
        r"(?<![a-z])(?:"
        + _NUMWORD
        + r"|a|one)\s+(?:hundred|thousand|million|billion|dozen)(?![a-z])"
        r"(?:\s+(?:hundred|thousand|million|billion)(?![a-z]))*"
        r"|(?<![a-z])(?:a|one|two|three|four)[- ](?:half|third|fifth|tenth)s?(?![a-z])"
        r"|(?<![a-z])(?:to|by)\s+half(?![a-z-])"  # share of sales to half, cut by half
        r"|(?<![a-z])(?:one|" + _NUMWORD + r")\s+(?:in|out\s+of)\s+(?:every\s+)?"
        r"(?:[0-9]+|" + _NUMWORD + r"|two|three|four|five|ten)(?![a-z])"
        r"|(?<![a-z])(?:double[ds]?|doubling|triple[ds]?|tripling|quadruple[ds]?|halve[ds]?"
        r"|halving|twice|thrice|(?:two|three|four|five|ten|[0-9]+)-?fold)(?![a-z])"
        r"(?!-(?:check|click|tap|digit|edged|blind|sided|space)|\s+(?:down|check|click|tap"
        r"|eleven|twelve|11|12|opt-in|standard|digits?|beds?|rooms?|glazing|deckers?|espresso|shots?"
        r"|doors?|duvets?|mattress(?:es)?|sofas?|cream)(?![a-z]))"  # a double bed: its size
        r"|(?<![a-z])(?:in|by|above|over|below|under|at\s+least|more\s+than|less\s+than)\s+half"
        r"(?![a-z])(?![- ]term)(?!\s+(?:of|the)\s)|(?<![a-z])half\s+(?:of|the|our|price|off)"
        r"(?![a-z])"
        r"|(?<![a-z])once(?=\s+(?:a|an|per|every|each)\s+(?:day|week|month|quarter|year"
        r"|fortnight)(?![a-z]))"
        r"|(?<![a-z])one(?=\s+(?:[a-z-]+\s+){0,3}?(?:per|a|an|each|every)\s+(?:other\s+|two\s+"
        r"|three\s+|[0-9]+\s+)?(?:day|week|month|quarter|year|fortnight|sprint|cycle|iteration"
        r"|semester|term|(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?(?![a-z]))"
        # (zero-trust, zero-waste, zero-click: what a thing is, as 0糖 is)
        r"|(?<![a-z])(?!zero-[a-z]|zero\s+trust(?![a-z]))"
        + _NUMWORD
        + r"(?![a-z])(?!-(?:way|sided|step|tier|stop|weekly|monthly|daily|yearly|hourly))",
    ),
    (
        "P_lwords",
        r"(?<![a-z])(?:today|tonight|tomorrow|(?:this|next|coming|current)\s+(?:[a-z]+\s+)?cycle"
        r"|(?:the\s+)?new\s+(?:school|academic|financial|fiscal|tax)\s+year"
        r"|end\s+of\s+(?:the\s+)?(?:fall|spring|autumn|summer|winter)\s+(?:term|semester)"
        r"|(?:this|next|coming|current)\s+(?:week|wk|yr|month"
        r"|quarter|qtr|year|weekend|wknd|season|sprint|summer|winter|spring|fall|autumn"
        r"|holiday(?:\s+season)?|fiscal\s+year|fy|half|(?:academic|school|financial)\s+year"
        r"|intake|term|semester)|end\s+of\s+(?:the\s+)?(?:(?:crop|school|academic|financial"
        r"|fiscal|harvest|selling|sales|ski|tax|calendar|football|racing|rainy|dry|soft|beta|pilot"
        r"|trial|open)\s+)?(?:day"
        r"|week|month|quarter|year|q[1-4]|h[12]|fy|"
        + _MONTHS
        + r"|may|campaign|sprint|season|split|sale|launch|pilot|trial|beta|term|semester)"
        r"|(?:year|month|quarter|week|fy|fiscal\s+year)[- ]end|eofy|eo[dwmqy]"
        r"|(?:mid|early|late)[- ]?(?:"
        + _MONTHS
        + r"|may|q[1-4]|year|month|quarter|summer|winter|spring|fall|autumn)|ytd|mtd|qtd"
        r"|daily(?!\s+(?:essentials?|use|wear|drivers?|moisturi[sz]ers?|serums?|cleansers?|staples?))"
        r"|nightly|weekly|bi-?weekly|fortnightly|monthly|quarterly|yearly|annually"
        r"|(?<![0-9]st\s)(?<![0-9]nd\s)(?<![0-9]rd\s)(?<![0-9]th\s)annual"
        r"(?!\s+(?:fees?|members?|memberships?|pass(?:es)?|pass\s*holders?|subscriptions?|plans?)"
        r"(?![a-z]))"
        r"|co\s+(?:miesi[aą]c|tydzie[nń]|kwarta[lł]|roku|dzie[nń])"  # Polish: co miesiąc
        r"|(?:the|within\s+the)\s+same\s+day|for\s+the\s+(?:year|quarter|month|season)"
        r"|(?:this|next|coming)\s+edition"
        r"|(?:tiap(?:-tiap)?|setiap)\s+(?:hari|minggu|bulan)"  # Malay: every day, week, month
        r"|до\s+конца(?:\s+[а-яё]+)?"  # Russian: by the end of
        # French: avant le lancement, avant la sortie, après le salon
        r"|(?:avant|apr[eè]s|pendant)\s+(?:le\s+|la\s+|l['’]\s*|les\s+)?(?:lancement|sortie|salon"
        r"|festival|f[eê]tes|no[eë]l|rentr[ée]e|soldes|[ée]t[ée]|hiver)(?![a-z])"
        r"|(?:chaque|par)\s+(?:jour|semaine|mois|trimestre)|tous\s+les\s+(?:jours|mois)"
        r"|(?:per|a|an|each|every)\s+(?:day|week|month|quarter|year|fortnight|quincena|weekday"
        r"|weekend"
        r"|sprint|cycle|iteration|semester|term)"
        r"|every\s+(?:other|two|three|four|six|few|[0-9]+)\s+(?:days?|weeks?|months?|quarters?"
        r"|years?|sprints?)|(?:school|public|bank|summer|winter|christmas|easter|festive)"
        r"\s+(?:holidays?|break|vacation|recess)|(?:race|game|match|show|demo|launch|sale|market"
        r"|drop|release|payday|pay"
        r"|results?|graduation|opening|delivery|election)\s+days?(?![a-z])"
        r"|(?:on|every|each|per|all)\s+(?:match|game)-?days?"  # £250k avg on matchdays
        r"|mon(?:day)?\s*[-–~]\s*(?:fri|sat|sun)(?:day)?(?![a-z])"  # the days of a week it runs
        r"|all\s+(?:year|month|week|season|summer|winter|quarter)(?:\s+(?:long|round))?|year-round"
        r"|holidays?|weekdays|(?:by|before|on|until|till|this|next|every)\s+(?:mon|tues?|wed"
        r"|thu(?:rs?)?|fri"
        r"|sat|sun)\.?(?![a-z])"
        r"|"
        + _PER_UNIT
        + r"|every\s+"
        + _WEEKDAYS
        + "|"
        + _WEEKDAYS
        + r"|(?:holiday|peak|festive|shopping)\s+season|summer|winter|spring|autumn"
        r"|(?:this|next|the|in|by|during)\s+fall|semesters?|(?:the\s+)?(?:whole|entire|full)\s+"
        r"(?:semester|term|season|month|quarter|year|week|campaign|promo)"
        r"|(?:launch|opening|go-live|release|campaign|booth|show|fair|expo|conference"
        r"|event|sale)\s+(?:days?|week|month|weekend)"
        # during an event, however named: "during Hannover Messe", "during our spring sale"
        r"|(?<![a-z-])(?:during|through)\s+(?:the\s+|our\s+|its\s+)?(?:[a-z0-9à-ÿ'.&-]+\s+){0,4}?"
        r"(?:campaign|sale|push|drive|blitz"
        r"|promo(?:tion)?|event|launch|festival|holidays?|peak|flash\s+sale|livestream"
        r"|pre-?sale|show|expo|conference|period|window|recall|crisis|outage|tournament"
        r"|world\s+cup|olympics|season|tour|roadshow|fair|exhibition|summit|trial|pilot|messe"
        r"|congress|convention|weeks?|weekends?|days|fortnights?|games?|match(?:es)?|races?"
        r"|beta|migration|rebrand|relaunch|open\s+house|exams?|harvest|vintage|crush|rally)"
        r"|campaign\s+(?:period|window)"
        # a named week: "in race week", "over the Easter weekend", "in Fashion Week"
        r"|(?:in|over)\s+(?:the\s+)?(?:[a-z0-9'.&-]+\s+){1,2}?(?:week|weekend|fortnight)"
        r"|weekends?|(?:in|during|within|over)\s+(?:the\s+|its\s+|our\s+)?(?:first|opening"
        r"|final|last)\s+(?:day|week|weekend|month|quarter|year|fortnight)"
        # observances: World Diabetes Day, International Women's Day, Pride Month
        r"|(?:world|international|national|global|american|european|canadian|australian)\s+"
        r"(?:[a-z'-]+\s+){0,3}?(?:day|week|month)"
        r"|(?:awareness|heritage|history|pride)\s+(?:day|week|month)"
        r"|(?:before|by|prior\s+to|ahead\s+of|until|till)\s+(?:the\s+)?(?:(?:global|official"
        r"|public|product|app|game|store|brand|soft|hard|grand|beta|full|national|our|new)\s+"
        # after "the", any name: "by the Payday sale" ("by running a sale" is a means)
        r"|(?<=the\s)(?:[a-z0-9'.&-]+\s+){1,2}?)?"
        r"(?:launch|go-live"
        r"|kick-?off|event|campaign|sale|holidays?|festival|deadline|release|opening|show"
        r"|census\s+date|agm|egm"
        r"|expo|conference|summer|winter|peak)|pre-?launch|fiscal\s+year)(?![a-z])",
    ),
    # a week named as a cell's heading: "Comeback week: 20,000 preorders" (on its own, as
    # L_lmcode is: led by any word, it is tried at every word)
    ("P_lheading", r"^(?:[a-z0-9'.&-]+\s+){1,2}(?:week|weekend)\s*(?=:)"),
    # milestones of the plan, however worded: "ahead of the board meeting", "before the
    # demo goes live", "in time for the sales kickoff", "post-launch"
    (
        "P_lmile",
        r"(?<![a-z])(?:ahead\s+of|in\s+time\s+for|(?:in\s+the\s+)?(?:lead|run)-?\s*up\s+to"
        r"|leading\s+up\s+to|prior\s+to|before|after|following|once)\s+(?:the\s+|our\s+|a\s+"
        r"|its\s+)?(?:[a-z0-9à-ÿ'.&-]+\s+){0,3}(?:re-)?(?:meeting|kick-?off|launch(?:es)?|go-?live"
        r"|goes\s+live"
        r"|release|opening|reopening|review|summit|conference|expo|show|fair|drop|premiere|debut"
        r"|deadline|announcement|earnings|offsite|all-?hands|board|season|holidays?|break"
        r"|festival|term|semester|exams?|graduation|renewal|tender|pitch|rollout|cutover|week"
        r"|migration|upgrade|rebrand|relaunch|update|patch|revamp|redesign|refresh|overhaul"
        r"|renovation|refit|expansion|merger|messe|vote|election|referendum|gala|ceremony|awards?"
        r"|hearing|exhibition|convention|congress|roadshow|tournament|championship|audit"
        r"|seminar|webinar|concert|workshop|forum|open\s+days?|o-?week|orientation(?:\s+week)?"
        r"|census\s+date"
        r"|ga|sko|qbr|agm|matchday|gameday|on-?sale|preview|ballot|playoffs?|finals?|snap|heat\s*wave|monsoon"
        r"|snow(?:fall)?|month|close|closing|cut-?off|ipo|listing|filing|approval|sign-?off"
        r"|certification|clearance|marathon|race|(?:long|short)\s+rains|start|completion|handover"
        r"|groundbreaking|topping[- ]out|rush(?:es)?|harvest|vintage|crush|sowing|planting"
        r"|ribbon[- ]cutting|d[ée]fil[ée]|reveal|unveiling|hausmesse)"
        r"(?![a-z])"
        # the day of a milestone: "on announcement day", "reveal day"
        r"|(?<![a-z])(?:announcement|reveal|release|drop|opening|closing|signing|election"
        r"|delivery|go-?live|on-?sale|ticketing|presale|pre-sale|selection|deadline)\s+days?(?![a-z])"
        r"|(?<![a-z])(?:press|opening|preview|gala|closing|premiere|launch)\s+nights?(?![a-z])"
        # a countdown to one: "D-30", "D+7"
        r"|(?<![a-z0-9])d\s*[-+]\s*[0-9]{1,3}(?![0-9%])"
        r"|(?<![a-z])post-?(?:launch|event|campaign|holiday|season|release|sale|handover"
        r"|opening|go-?live|harvest|vintage)(?![a-z])|(?<![a-z])pre-?(?:harvest|vintage)(?![a-z])"
        r"|(?<![a-z])(?:launch|release|go-?live|kick-?off|event|campaign|sale|demo\s*day)\s*"
        r"(?:前|之前|后|之后|当天|期间)"
        r"|(?<![a-z])(?:before|after|once|until|till|by\s+the\s+time)\s+(?:the\s+)?"
        r"(?:[a-z0-9'&-]+\s+){1,3}(?:starts|begins|ends|opens|reopens|resumes|restarts|closes"
        r"|kicks\s+off|launches"
        r"|(?<=s\s)(?:open|close|start|begin|end)"  # (before pre-orders open)
        r"|wraps|shuts|takes?\s+effect|kicks?\s+in|comes?\s+into\s+force|(?:is|are|goes|comes)\s+out"
        r"|(?:is|are)\s+(?:released|published|announced|live)|goes\s+live|drops)(?![a-z])"
        # an event as the window: "at the customer summit", "every home game", "offseason"
        r"|(?<![a-z])(?:at(?!\s+least)|from)\s+(?:the\s+|our\s+)?(?:[a-z0-9'&-]+\s+){0,5}(?:summit"
        r"|conference|expo"
        r"|fair|trade\s+show|convention|congress|messe"
        # (at CyberCon, not bacon or a falcon; at the booth: a place)
        r"|(?!(?:ba|bea|dea|fal|sili|lexi|re|rubi)con)[a-z]{2,}con)(?![a-z])"
        r"|(?<![a-z])(?:every|each|per)\s+(?:home\s+|away\s+)?(?:game|match|fixture)(?![a-z])"
        r"|(?<![a-z])(?:home|away|rivalry|derby|opening|season\s+opener)\s+(?:games?|match(?:es)?"
        r"|fixtures?)(?![a-z])|(?<![a-z])(?:(?:off|pre|post)-?season|playoffs?)(?![a-z])",
    ),
    # trade fairs and conferences known by name, as events are (618, Black Friday): "at
    # the CES booth", "CES前", "before Intersolar"
    (
        "P_lfair",
        r"(?<![a-z0-9])(?:ces|mwc|ciie|it-sa|gabf|ifa(?!\s*(?:渠道|channel|advis))|computex|gitex|intersolar|prowine|vinexpo|wine\s+paris"
        r"|icef|nafsa|eaie|imm\s+cologne|cybertech|sial|anuga|gulfood|cosmoprof|gamescom|chinajoy|dreamforce|saastr|wwdc|google\s+i/o"
        r"|re:invent|comic-?con|nab\s+show|infocomm|arab\s+health|automechanika|bauma|drupa"
        r"|interzum|salone\s+del\s+mobile|art\s+basel|itb|wtm|canton\s+fair|vivatech"
        r"|achema|ifat|interpack|medica|productronica|automatica|agritechnica|eurotier|tfwa"
        r"|whisky\s+live|watches\s+(?:and|&)\s+wonders|foodex(?:\s+japan)?"
        r"|money\s*20/20|sibos|eurobike|ispo|heimtextil|fruit\s+logistica|biofach"
        r"|hannover\s+messe|transport\s+logistic|cityscape|dmexco|web\s+summit|slush|sxsw"
        r"|cannes\s+lions|vidcon|gdc|world\s+of\s+coffee|sca\s+expo|specialty\s+coffee\s+expo"
        r"|iem\s+(?:katowice|cologne|dallas|rio|chengdu|melbourne)|intel\s+extreme\s+masters|pyrkon"
        r"|comiket|pax\s+(?:east|west|aus|south|unplugged)|eicma|migs|magic\s+las\s+vegas|prowein"
        r"|jimtof|ccmt|cimt|imts|emo\s+hannover|texworld(?:\s+paris)?|itma|heimtextil"
        r"|black\s+hat|def\s*con|rsa\s+conference|rsac|iaa(?:\s+mobility)?|auto\s+(?:china|shanghai)"
        r"|expo|toy\s+fair|spielwarenmesse|home\s+show|ekka|fhc|boot\s+d[üu]sseldorf"
        r"|in-cosmetics(?:\s+(?:global|asia|korea|latin\s+america))?|decanter\s+(?:wwa|world\s+wine"
        r"\s+awards))"
        r"(?![a-z0-9])",
    ),
    # spans: "throughout the holiday period", "for the duration of the promo", "across all
    # campaign weeks", any season ("ski season") but a numbered one ("Season 3")
    (
        "P_lspan",
        r"(?<![a-z])(?:throughout|for\s+the\s+(?:duration|length|rest|remainder)\s+of)"
        r"\s+(?:the\s+|all\s+(?:the\s+)?|our\s+|its\s+)?(?:[a-z0-9'-]+\s+){0,3}"
        r"(?:period|promo(?:tion)?s?|campaigns?|season|weeks?|months?|semester|term|quarters?"
        r"|fortnights?|year|holidays?|events?|sales?|bundle|launch|break|summer|winter|festival|window"
        r"|flight|burst|run|show|exhibition|exhibit|tour|residency)(?![a-z])"
        # after "across", only time words: "across LinkedIn campaigns" is a scope
        r"|(?<![a-z])across\s+(?:the\s+|all\s+(?:the\s+)?|our\s+)?(?:[a-z0-9'-]+\s+){0,3}"
        r"(?:weeks|months|quarters|seasons|holidays|period|window|days)(?![a-z])"
        r"|(?<![a-z])(?<!last )(?<!prior )(?<!previous )(?<![0-9]-)seasons?(?![a-z])"
        r"(?!\s*#?\s*[0-9])(?!-?\s*tickets?)",
    ),
    # a fair or a show named in Latin letters before 前/期间: ECOC前, MWC期间 (on its own and
    # gated: led by any letters, it is tried at every word of a text that says 前 or 期间)
    (
        "P_lzhbefore",
        r"(?<![a-z0-9])[a-z]{2,10}(?=\s*(?:之前|期间|开幕前|开展前"
        r"|前(?![0-9一二两三四五六七八九十百千]|名)))",  # (QS前50, BSR前三名: a rank)
    ),
]

_SYMBOL_LED: list[tuple[str, str]] = [
    # a handle with digits in it: @ana_88 (who, not how many)
    ("L_smention", r"@[a-z_][a-z0-9_.]*[0-9][a-z0-9_]*"),
    (
        "Q_smoney",
        # €3,99, €1.250,00: a euro amount's decimal comma (and its dots grouping thousands)
        r"(?:€|(?<![a-z])r\$)\s*[0-9]{1,3}(?:\.[0-9]{3})*,[0-9]{2}(?![0-9])|"
        r"[¥$€£₩₹₱₺₦]\s*"
        + _NUMR
        + r"(?:\s*(?:k|m|w|b|bn|mn|万|亿|千|百|million|billion|thousand)(?![a-z]))?",
    ),
    (  # the rand, glued to its amount: R250k, R1.2m, R45,000 (R2 alone is a round's name)
        "Q_lrand",
        r"(?<![a-z0-9])r[0-9]+(?:\.[0-9]+)?\s*(?:k|m|bn)(?![a-z0-9])"
        # after a comparison a bare R95 is the amount: up to R95, from R89
        r"|(?:(?<=to\s)|(?<=from\s)|(?<=under\s)|(?<=below\s)|(?<=above\s))r[0-9]{2,}"
        r"(?:\.[0-9]{2})?(?![0-9a-z])"
        r"|(?<![a-z0-9])r[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])",
    ),
    (
        "Q_srank",
        r"#\s*1(?![0-9])|#\s*[0-9]+(?=\s+(?:in|on|brand|seller|spot|position|ranking|rank"
        r"|place|among|across|for)(?![a-z]))",
    ),
    # a phone number with its country code: +852 2888 6060, +212 524 88 66 00
    (
        "L_sphone",
        r"\+[0-9]{1,3}(?:(?:[\s-]+[0-9]{2,4}){2,5}|(?:[\s-]+[0-9]{1,4}){1,4}[\s-]+[0-9]{3,4})"
        r"(?![0-9%.,])",
    ),
    (
        "Q_ssign",
        rf"[+±](?=[0-9])(?![0-9]+\s*年(?:{_YEARS_OF}))(?![0-9.]+\s*(?:寸|英寸|吋|inch|cm|mm)){_NUMR}{_TAIL}",
    ),
    ("Q_smult", r"×\s*[0-9]+(?:\.[0-9]+)?"),
    ("L_sussd", r"\*[0-9]{2,4}(?:\*[0-9]+)*#"),  # a USSD code: *384#, *182*7#
    ("P_sslash", _PER_UNIT + r"(?![a-z])"),
]

# Chinese words that state a deadline or period on their own.
_CN_PERIOD_WORDS = [
    word
    for group in (
        # this / next / the current unit, and its start, middle or end
        "本周 本月 本季度 本季 本年度 本年 本财年 今年 明年 当年 年内 月内 周内 季度内 季内 "
        "年底 年末 年中 年初 年终 年前 年尾 月底 月末 月尾 月初 月中 季末 季初 季度末 "
        "上旬 中旬 下旬 周末 平日 新年 下次 下一次 月gmv 月销售额 月营收 月流水 "
        "今天 今日 今晚 明天 明日 明晚 当天 当日 当晚 当周 当月 当季 首日 首周 首月 首季度 首季 "
        "首年 首个月 上半年 下半年 上半月 下半月 半年 半个月 半天 全年 年度 月度 季度 下周 "
        "下个财年 下一财年 下财年 "
        "下个月 下月 下个季度 下季度 下一季度 次月 截止日",
        # the days of the week, as "Friday" is: 周五前, 周五美食日
        " ".join(sorted(CHINESE_WEEKDAYS)),
        # cadences: the window a target is measured over
        "每天 每日 每周 每月 每季度 每季 每年 每晚 每星期 每个工作日 每工作日 日均 周均 月均 "
        "周报 月报 日报 季报 周会 月会 双周会 "
        "双周 隔周 每两周 每隔一周 每个季度 每个月 每个星期 每一周 每个周末 "
        "下个迭代 下一个迭代 本迭代 下个sprint 本sprint 下个版本 本学期 下学期 学期内 整个学期 "
        "本赛季 赛季内 年前 春节档 跨年夜 季度初 返场 开门红 黄金周 小长假 雪季 滑雪季 "
        "首发周 开售周 上市首周 首销周 首销日 比赛日 "
        "每个sprint 每sprint 每个迭代 每迭代 每个冲刺 每个周期 "
        "年均 日更 周更 月更 月销 年销",
        # campaign windows, seasons and holidays
        "期间 活动期 活动期间 大促期间 促销期间 直播期间 大促期 预热期 预售期 投放期 周期内 "
        "档期 节前 节后 暑期档 春茶季 采茶季 茶季 春季 夏季 秋季 冬季 春夏 秋冬 旺季 淡季 换季 "
        "春节 过年 元旦 元宵 开斋节 世界杯 欧洲杯 亚运会 奥运会 冬奥会 "
        "产季 新产季 采摘季 榴莲季 荔枝季 芒果季 草莓季 樱桃季 车厘子季 柑橘季 脐橙季 "
        "大闸蟹季 小龙虾季 "
        # the farming seasons machinery and seed sell by
        "春耕 秋收 夏收 三夏 三秋 农忙 麦收 秋播 春播 夏播 双抢 抢收 抢种 "
        "会员日 品牌日 超级品牌日 开放日 校招季 秋招 春招 招聘季 返校季 购物季 招生季 报考季 "
        "金九银十 金三银四 夏令营 冬令营 暑期班 寒假班 "
        # observance days, as campaigns hang on them
        "世界环境日 世界地球日 世界读书日 世界卫生日 世界无烟日 世界水日 世界献血日 世界睡眠日 "
        "世界糖尿病日 世界艾滋病日 世界精神卫生日 世界肾脏日 世界心脏日 世界微笑日 世界动物日 "
        "国际护士节 国际博物馆日 国际志愿者日 国际消费者权益日 全国爱眼日 全国爱牙日 "
        "考试季 申请季 高考季 考研季 留学季 旅游季 出游季 婚庆季 装修季 求职季 节日季 "
        "新学期 新学年 学期初 学期末 开学初 "
        "梅雨季 台风季 雨季 旱季 汛期 三伏天 黄梅天 寒潮 车展前 车展期间 展会前 展会期间 展期内 "
        "流感季 过敏季 花粉季 感冒季 返乡季 春运 暑运 爱牙日 爱眼日 爱耳日 "
        # trade fairs by name, as events: 广交会期间, 进博会前
        "广交会 进博会 服贸会 糖酒会 春糖 秋糖 美博会 高交会 工博会 消博会 文博会 茶博会 汉诺威展 "
        "婚博会 家博会 建博会 "
        "时装周 设计周 科技周 金融科技周 创新周 美食周 购物周 "  # (not 动漫周边: merchandise)
        "コミケ 夏コミ 冬コミ "
        "结束后 结束前 开始前 开幕前 闭幕前 "
        "清明 劳动节 端午 七夕 中秋 国庆 双旦 圣诞 情人节 妇女节 三八节 女神节 女王节 "
        "母亲节 父亲节 "
        "今个月 呢个月 下个月 今个礼拜 呢个礼拜 下个礼拜 "  # Cantonese: this month, next week
        "腊八 小年 除夕 重阳 冬至 腊月 家装节 家电节 "
        "儿童节 教师节 开学季 毕业季 黑五 黑色星期五 年货节 暑期 暑假 寒假 周年庆 店庆 跨年",
        # milestones of the plan, which have dates in it
        "啤酒节 音乐节 美食节 电影节 艺术节 冰雪节 灯会 庙会 开幕式 闭幕式 "
        "玩具展 香港玩具展 云栖大会 开展前 开展后 布展前 撤展前 "
        "上线前 发布前 发布会前 发售前 上架前 开业前 开播前 开售前 开学前 活动前 大促前 开幕前 "
        "上市前 开店前 期末前 期中前 期末考前 开班前 更新前 版本更新前 发版前 "
        "开工前 开卖前 投放前 上线首周 开业首月 开放前 开盘前 交付前 上映前 开课前 开赛前 开园前 "
        "首发前 上新前 生效前 生效后 施行前 施行后 两会 推送前 推送后 升级后 加盟前 招商前 "
        "首航前 首飞前 开航前 启航前 通航前 开启前 开演前 开唱前 开票前 "
        "面试前 笔试前 签约前 备案前 审批前 获批前 获批后 到期前 到期后 过期前 续约前 "
        "首发日前 发布日前 上市日前 开售日前 上线日前 开春前 开春后 入冬前 封关前 封关后",
        "高考前 高考后 中考前 中考后 考研前 出分后 放榜后",
        "斋月 招商会 检查前 审查前 验收前 评审前 审计前 督查前 七人榄球赛 七人榄球",
        "한글날 추석 설날",
    )
    for word in group.split()
]


_CJK_LED: list[tuple[str, str]] = [
    (
        "L_cname",
        r"百家号|千人千面|千店千面|千城千面|千家万户|万人空巷|成千上万|成百上千|数以[万千百]计|三只松鼠|六个核桃"
        r"|回本周期|回本期"  # the payback period: no week in it
        rf"|学制\s*(?:[0-9]|{_CNN})+\s*年"  # how long a course runs: what it is
        r"|首年(?=免)"  # 首年免年费卡: a card's first year free, what the card is
        r"|二次(?=消费|创作|传播|开发|营销|转化|购买|到店|进店|曝光|元)"  # secondary, not twice
        rf"|{_CNR}朝古都"  # 十三朝古都: what the city is
        r"|世界\s*500\s*强|财富\s*500\s*强|500\s*强(?=企业|公司)"
        r"|三顿半|三星|第三方|三方|二次元|零部件|零配件|一对一|一站式|一键三连|一键|一体化|一手|双微一抖|两微一抖|百亿补贴"
        rf"|{_CNN}件套|[0-9]+件套"  # 四件套: a bedding set, what the product is
        rf"|{_CNR}天无理由|次日留存|次留|{_CNR}日留存"
        r"|千万(?=不|别|要|记|注意|小心|得|必|务必)|一成不变|千次(?=曝光|展示|播放|观看|阅读)"
        # the period before, as a baseline (较上月, vs 上季度), and 货号/款号 codes
        r"|上一?个?(?:季度|月|周|星期|财年|档期|届|赛季|学期)|去年(?:同期)?的?\s*(?:6\.?18|双\s*(?:11|12|十一|十二)"
        r"|prime\s*day|黑五|black\s*friday)?"
        r"|(?:货号|款号|型号|编号|代码|编码)\s*[a-z0-9-]+"
        # (non-Latin-1 for Han: a class of every Han character costs a millisecond to
        # compile, in every combination of alternatives that holds this one)
        r"|(?:首|次)(?:日|周|月|年)(?=[^\x00-\xff]{0,4}?(?:率|留存|复购|回购|活跃))|(?:年度|季度|月度)(?=[^\x00-\xff]{1,4}?率)",
    ),
    (
        "Q_crank",
        r"(?:类目|品类|行业|销量|排名|榜单|赛道|全网|同类|细分|品牌|区域|全国|全省|平台|热度|人气|口碑"
        r"|搜索|好评)第一"
        rf"|第\s*(?:[0-9]+|{_CNN}+)\s*名|第一品牌"
        r"|(?:冲进|冲到|冲上|冲击|跻身|做到|拿下|稳居|登上|争夺|夺得|夺取|排名)\s*第一"
        r"(?!阶段|期|批|轮|步|次|天|周|个|季|年|月|名义|时间)"
        r"|(?:区|市|全港|全澳|全台|全城|集团|公司|全国|大区|片区|门店)第一"
        r"(?!阶段|期|批|轮|步|次|天|周|个|季|年|月|名义|时间)"
        rf"|(?:榜单?|排名|排行|类目|品类|行业|销量|热搜|首页|首屏|搜索结果)\s*前\s*(?:[0-9]+|{_CNN}+)"
        r"(?:名|位)?"
        rf"|前\s*(?:[0-9]+|{_CNN}+)\s*名"
        r"|(?:提升|提高|增长|增加|上涨|下降|降低|拉升|涨|跌)\s*[0-9.]+\s*个?点(?!击|赞|评)",
    ),
    ("Q_cpct", rf"(?:[百千]|{_CNN}{{1,3}})分之\s*{_CNN}+(?:点{_CNN}+)?"),
    (
        "P_cevent",
        r"双\s*(?:11|十一|12|十二|旦)(?![0-9])"
        r"|十一(?=期间|假期|黄金周|档|前|后|长假|小长假|大促|当天)"
        r"|[五六]一(?=期间|假期|黄金周|档|前|后|长假|小长假|大促|当天|活动|儿童节|劳动节)"
        rf"|{_CNR}\s*周年庆",
    ),
    (
        "P_cmonth",
        r"(?:十[一二]|[一二三四五六七八九十]|正|腊|冬)\s*月(?!饼|光|亮|球|嫂|子)"
        rf"(?:份|底|末|初[一二三四五六七八九十]|初|上旬|中旬|下旬|{_CNN}{{1,3}}[日号]|[0-9]{{1,2}}[日号]"
        r"|廿[一二三四五六七八九]?|[二三]?十[一二三四五六七八九]?)?",
    ),
    ("P_cq", r"(?:第\s*)?[一二三四1-4]\s*季度|前[一二三]季度"),
    # 前五 after a ranking's words (排进全台分店前五): a rank target (see _front)
    (
        "Q_cfront",
        rf"前\s*(?:[0-9]+|{_CNN}+)(?:名|位|强)?(?!天|日|周|月|年|季|个|小时|分|秒|阶段|期|[0-9])",
    ),
    # (统一天猫 unifies Tmall: 统一 and 唯一 hold no day)
    (
        "P_cdur",
        rf"(?<!统)(?<!唯)(?![百千]年){_CNR}\s*(?:个\s*)?(?:工作日|天|日(?!留存|活|均|更|报)|周(?!年)"
        r"|星期|个?月(?!均|销|活|度|份|饼)|季度|年(?!级|龄|轻|货|化|均|销|度|底|末|初|中|"
        + _YEARS_OF
        + r"))"
        r"(?:内|以内|之内)?",
    ),
    (
        "P_cmile",
        r"(?:董事会|评审会?|审批|审核|验收|发布会?|开放预约|预约|开学|放假|迭代|路演|展会|开幕|签约"
        r"|交付|开售|预售|开团|入住|复工|升级|改版|上市|上新|首发|公测|内测|定档|官宣|立项|开机|杀青"
        r"|定稿|招标|年会|峰会|晚会|大会|会议|论坛|博览会|截止|开票|开赛|开跑|开业|开园|开馆|上线"
        r"|开征|开考|开奖|开标|开拍|开抢|开播|开课|开盘|开工|开放|开学|院庆|校庆|店庆|厂庆|司庆"
        r"|关闭|闭幕|高考|中考|期末考试?|五一|世界杯|欧洲杯|亚洲杯|亚运会|奥运会|冬奥会|全运会|开斋节"
        r"|采摘|采收|收割|认证|备案|首演夜|首演|首映)"
        r"(?:结束|完成|通过|开始|启动|开启)?\s*(?:前|之前|以前|后|之后|以后)"
        r"(?!端|台|景|期|置|缀|续|者|来|面|方|去|卫|天)"
        # entering a platform: 入驻天猫国际前, 登陆京东之后 (named, so the match's start is known)
        r"|(?:入驻|进驻|登陆)(?:天猫|京东|抖音|快手|拼多多|小红书|淘宝|亚马逊|唯品会|得物|tiktok|amazon"
        r"|shopee|lazada|tmall)[^\s，,。；]{0,6}?(?:之前|前|之后|后)(?![端台])"
        # up to one: 截至开学, 截止到发布会 (截至 a date is read with the date)
        r"|(?:截至|截止到?)\s*(?:开学|开业|开园|开馆|年会|发布会|上市|上线|开售|开赛|高考|中考|五一|国庆"
        r"|世界杯|亚运会|奥运会|开斋节|活动结束|大促结束)",
    ),
    ("P_chour", rf"{_CNR}\s*个?\s*(?:小时|钟头)(?:内|以内|之内)?"),
    # the years a thing has: 三十年造车经验, 十年老厂 (as 30年老店 is)
    ("L_cyears", rf"{_CNR}\s*年(?=(?:{_YEARS_OF}))"),
    (
        "P_cdayn",
        rf"第\s*(?:[0-9]+|{_CNN}+)\s*个?(?:周|天|日|星期|月|季度|年|季|学期)"
        # a league's round as a time box: 中超第15轮前 (not 第二轮融资)
        rf"|第\s*(?:[0-9]+|{_CNN}+)\s*轮(?=(?:比赛|联赛|赛)?(?:前|之前|结束|开始))",
    ),
    ("L_cord", rf"第\s*(?:[0-9]+(?:\s*[万亿千百])*|{_CNN}+)"),
    ("L_cstep", rf"(?:步骤|环节)\s*(?:[0-9]+|{_CNN}+)"),
    (
        "L_ctime",
        r"(?:早上?|晚上?|上午|下午|中午|凌晨|傍晚)\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
        r"\s*(?:点|时)(?:半|整|[0-9]{1,2}分?)?",
    ),
    (
        "L_ctier",
        r"(?:新一|[一二三四五六])[一二三四五六]?\s*线(?:城市|及以下|以下|市场|品牌|门店)?"
        rf"|{_CNR}\s*周年|版本\s*[0-9.]+",
    ),
    (
        "Q_cthreshold",
        r"(?:上|近|过|破|超|突破|超过|逾)\s*[一二两三四五六七八九十]?[十百千万亿]+(?!度)级?"
        r"|(?<![十百千万亿])[十百千万亿]{1,6}级",
    ),
    (
        "Q_cmult",
        r"(?:[一二两三四五六七八九]|十)\s*成(?!交|本|为|员|功|果|立|长|熟|品|型|绩|就|都|团|效"
        r"|人|年|分|份|真|形|败|套|不)"
        rf"|{_CNR}\s*倍|翻了?(?:一|两|二|三|四|[0-9])?番|翻了?一?倍|加倍|倍增|减半|折半|腰斩"
        r"|对半|一半|过半|半数|半价|买[一二两三四五0-9]送[一二两三0-9]"  # 买一送一: a promotion
        r"|[一二两三四五六七八九](?:点[一二三四五六七八九])?\s*折(?!扣|叠|线|腾|算|合|旧|射"
        r"|返|损|中)"
        # (what a zero may be of first: 零退款投诉, 零重大事故, 零食品安全事故)
        r"|零(?:退款|售后|物流|产品|服务|质量|安全|食品安全|食品|用户|客户|重大|有效|安全生产)?"
        r"(?:投诉|差评|事故|失误|延误|客诉|违规|舆情|负面|退货|缺货|宕机|故障|问题"
        r"|差错|出错|错漏|风险|超卖|断货"
        r"|漏发|错发|破损|丢件|返工|投放)"
        r"|(?:为|降为|降到|降至|控制为|保持为?|实现)\s*(?:零|0)(?![0-9.])|清零|归零|零发生|零出现",
    ),
    # a Chinese numeral with a counter; a lone 一 is the article unless bounded (see _cn1)
    # (with 余/多 between: 十余家, 百多位 are more than ten, a hundred — 十几家 is vague)
    ("Q_ccount", rf"(?<![{_CN}几数]){_CNN}+(?:点{_CNN}+|[余多])?\s*{_CN_COUNTER}"),
    # an issue of a series, as a rate only (每周一期, 每月两期): 二期项目 is phase two
    ("Q_cissue", rf"(?<![{_CN}几数第])[一两二三四五]\s*期(?!间|末|中|初|限|待|望|货|权|内)"),
    (
        "Q_cmag",
        r"(?<![零〇一二两三四五六七八九十百千万亿几数])(?:[零〇一二两三四五六七八九十百千]+[万亿]+"
        r"|[一二两三四五六七八九][十百千]+[一二三四五六七八九]?|十[一二三四五六七八九])"
        r"(?![零〇一二两三四五六七八九十百千万亿])",
    ),
    ("P_cwords", "|".join(sorted(_CN_PERIOD_WORDS, key=len, reverse=True))),
    # fairs by their kind, as by their name: 中国国际教育展, 车展 (not 车展厅, 教育展示)
    (
        "P_cfair",
        r"(?:教育|留学|动漫|车|书|家具|建材|珠宝|婚纱|宠物|母婴|美妆|家电|玩具|科隆|米兰|法兰克福|拉斯维加斯"
        r"|纽伦堡|慕尼黑|杜塞尔多夫|迪拜)(?:[a-z0-9]{1,12}\s*)?展(?![示厅架板开现望台柜品位区馆览销])"
        r"|博览会|交易会|投洽会|洽谈会|订货会",
    ),
    # an exhibition's run (展期总曝光); 展期间 is 展 + 期间, "during the fair"
    ("P_cexhibit", r"展期(?!间)"),
    # a disease's or a road's high season (手足口病高发期前); 高峰期间 is 高峰 + 期间
    ("P_cpeak", r"(?:高发|高峰)期(?!间)"),
    # a street's number: 南京西路1266号, 中山路88号院
    ("L_cstreet", r"(?<=[\u3400-\u9fff])[路街巷弄][0-9]{1,5}\s*号(?:院|楼)?"),
    # a stand's sections, as tickets name them: 看台112区、113区
    ("L_cstand", r"看台\s*[0-9]{1,4}\s*区(?:\s*[、,，/]\s*[0-9]{1,4}\s*区)*"),
    # before or during any season (收割季前, 开季前, 流感高发季来临前): read from its 季
    ("P_cseason", r"季(?:来临|到来)?(?:之?前|期间)(?![0-9一二两三四五六七八九十百千]|名)"),
    # before a step is complete (备案完成前); 完成前一天的回访 is the day before's
    ("P_cdone", r"完成前(?![一二两三四五六七八九十0-9]|期|端)"),
    # observances: 世界旅游日, 国际博物馆日, 全国爱眼日 (the rest is in a lookahead, so that
    # the vocabulary can dispatch on the first two characters)
    (
        "P_cobs",
        r"(?:世界|国际|全国)(?=[^\x00-\x7f，。、；：,;:\s]{1,5}?(?:日|周|月)(?!均|活|销|报))",
    ),
]

_ALTERNATIVES = _DIGIT_LED + _LATIN_LED + _SYMBOL_LED + _CJK_LED


# ------------------------------------------------------------------------------ scanner
# Whitespace that can reach the patterns: NFKC turns the others into a plain space.
_SPACES = frozenset(
    c for c in map(chr, range(0x3001)) if c.isspace() and unicodedata.normalize("NFKC", c) == c
)
# Heads are read with every digit as 0, every Chinese numeral as 一 and every space as
# " ": far fewer heads to compute and to cache, at the price of trying the patterns of
# one digit or numeral on all of them alike.
_HEAD_CLASS = {
    **dict.fromkeys("0123456789", "0"),
    **dict.fromkeys(_CN, "一"),
    **dict.fromkeys(_SPACES, " "),
}
_HEAD_KEY = str.maketrans(_HEAD_CLASS)
_HEAD_DEPTH = 3
# Past this many heads an alternative is selected by its shorter heads instead.
_MAX_HEADS = 2_000


def _heads(pattern: str, depth: int = _HEAD_DEPTH) -> frozenset[str] | None:
    """The first `depth` characters a match of `pattern` can start with, as strings (read
    through _HEAD_CLASS); a shorter string means the match may end there (anything may
    follow). None when the start is unknown (a negated class, `.`). Lookarounds are
    ignored, and past _MAX_HEADS fewer characters are taken: both only widen the set,
    so dispatching on it never loses a match."""

    def item(op: object, av: Any, n: int) -> set[str] | None:
        name = str(op)
        if n == 0 or name in ("ASSERT", "ASSERT_NOT", "AT"):
            return {""}
        if name == "LITERAL":
            char = chr(av)
            return {_HEAD_CLASS.get(char, char)}
        if name == "IN":
            chars: set[str] = set()
            for kind, value in av:
                kind = str(kind)
                if kind == "LITERAL":
                    chars.add(chr(value))
                elif kind == "RANGE" and value[1] - value[0] < 0x3000:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                elif kind == "CATEGORY" and str(value) == "CATEGORY_SPACE":
                    chars |= _SPACES
                else:
                    return None
            return {_HEAD_CLASS.get(char, char) for char in chars}
        if name == "SUBPATTERN":
            return sequence(av[-1], n)
        if name == "BRANCH":
            found: set[str] = set()
            for branch in av[1]:
                sub = sequence(branch, n)
                if sub is None:
                    return None
                found |= sub
            return found
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = av
            found = {""} if low == 0 else set()
            partial = {""}
            for count in range(1, min(high, n + 1) + 1):
                grown: set[str] = set()
                for prefix in partial:
                    sub = sequence(body, n - len(prefix))
                    if sub is None:
                        return None
                    grown.update(prefix + s for s in sub)
                partial = {s for s in grown if len(s) < n}
                found |= {s for s in grown if len(s) == n or count >= low}
                if not partial:
                    break
            return found
        return None

    def sequence(items: Any, n: int) -> set[str] | None:
        partial, done = {""}, set()
        for op, av in items:
            grown: set[str] = set()
            for prefix in partial:
                sub = item(op, av, n - len(prefix))
                if sub is None:
                    return None
                grown.update(prefix + s for s in sub)
            done |= {s for s in grown if len(s) == n}
            partial = {s for s in grown if len(s) < n}
            if not partial:
                break
        return done | partial

    try:
        from re import _parser  # type: ignore[attr-defined]

        heads = sequence(_parser.parse(pattern), depth)
    except Exception:  # pragma: no cover - another Python's parser: try everywhere
        return None
    if heads is None or "" in heads:
        return None
    if len(heads) > _MAX_HEADS and depth > 1:
        # Nearly every letter triple (an alternative opening with any word): its first
        # characters select it as well, and the table stays a fraction of the size.
        return _heads(pattern, depth - 1)
    return frozenset(heads)


# Working out the heads of every alternative is a tenth of tasklint's start-up, so they
# are worked out once, when a pattern changes, and kept in a generated module; a
# pattern missing from it (or heads computed with other classes or depth) is worked
# out as the process starts, so a stale table is slower, never wrong. A test checks
# the table is current.
_HEADS_TABLE = Path(__file__).with_name("vocabulary_heads.py")
_HEAD_CLASSES = "".join(f"{char}{head}" for char, head in sorted(_HEAD_CLASS.items()))


def known_heads(pattern: str) -> frozenset[str] | None:
    """`_heads(pattern)`, from the generated table when it holds the pattern."""
    if _table.DEPTH == _HEAD_DEPTH and _table.CLASSES == _HEAD_CLASSES:
        try:
            return _table.HEADS[pattern]
        except KeyError:
            pass
    return _heads(pattern)


def heads_table_source() -> str:
    """The text of the generated heads table, for both vocabularies' patterns."""
    from tasklint.validators import metric_terms

    patterns = dict.fromkeys(
        pattern
        for vocabulary in (_VOCABULARY, metric_terms._VOCABULARY)
        for _, pattern in vocabulary.alternatives
    )
    lines = [
        '"""Generated by tasklint.validators.goal_text.write_heads_table(): do not edit.',
        "",
        "The first characters each vocabulary pattern can match (`goal_text._heads`).",
        '"""',
        "",
        f"DEPTH = {_HEAD_DEPTH}",
        f"CLASSES = {_HEAD_CLASSES!r}",
        "HEADS: dict[str, frozenset[str] | None] = {",
    ]
    for pattern in patterns:
        heads = _heads(pattern)
        shown = "None" if heads is None else f"frozenset({sorted(heads)!r})"
        lines.append(f"    {pattern!r}: {shown},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_heads_table() -> None:
    """Regenerate the heads table after changing a vocabulary pattern."""
    _HEADS_TABLE.write_text(heads_table_source(), encoding="utf-8")


class Vocabulary:
    """Many named regex alternatives matched as one `re` alternation would match them
    (leftmost first, non-overlapping; at one position the first listed wins), only
    faster: each position tries only the alternatives that can start with its next three
    characters. Shared by the goal analyser and the metric vocabulary.

    Patterns run on lower-cased text, and every alternative that starts with a letter
    must start at a word boundary (begin with ``(?<![a-z])`` or stricter): letters
    inside words are never tried.

    `gates` name alternatives that can start at almost any word ("[a-z]+ fest") but
    match only in a text holding one of a few words ("fest"): in a text without them
    they are not tried at all. A gate must hold of every match (the tests compare the
    scan with one big regex on the labelled goals and on generated text).
    """

    def __init__(
        self,
        alternatives: Sequence[tuple[str, str]],
        gates: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.alternatives = list(alternatives)
        self._heads = [known_heads(pattern) for _, pattern in self.alternatives]
        gates = gates or {}
        index_of = {name: index for index, (name, _) in enumerate(self.alternatives)}
        # (alternative index, its words), each gate one bit of a text's mask: 1 = open
        self._gates = [(index_of[name], words) for name, words in gates.items()]
        # A mask's candidates by head; the alternatives its closed gates leave out
        self._by_mask: dict[int, dict[str, tuple[int, ...]]] = {}
        self._closed: dict[int, frozenset[int]] = {}
        # Each alternative is compiled on its own, on first use: a combined pattern per
        # set of alternatives a head selects would compile the large ones (numbers,
        # dates) again in every set, and compiling is most of a first lint's extra time.
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self.alternatives)
        if any(heads is None for heads in self._heads):  # pragma: no cover
            self._trigger = re.compile(r"(?s:.)")
            return
        starters = {head[0] for heads in self._heads if heads for head in heads}
        starters |= {char for char, head in _HEAD_CLASS.items() if head in starters}
        others = "".join(re.escape(c) for c in sorted(starters - set(string.ascii_lowercase)))
        trigger = r"(?<![a-z])[a-z]"  # letters only where a word starts
        self._trigger = re.compile(f"{trigger}|[{others}]" if others else trigger)

    def pattern(self) -> re.Pattern[str]:
        """All the alternatives as one plain regex; `scan` finds what its finditer() finds
        (the tests check it)."""
        return self._compile(tuple(range(len(self.alternatives))))

    def _compile(self, indices: tuple[int, ...]) -> re.Pattern[str]:
        # An empty group closes each alternative: m.lastgroup names the one that matched.
        alternatives = self.alternatives
        return re.compile(
            "|".join(f"(?:{alternatives[i][1]})(?P<{alternatives[i][0]}>)" for i in indices)
        )

    def _alternative(self, index: int) -> re.Pattern[str]:
        compiled = self._compiled[index]
        if compiled is None:
            compiled = self._compiled[index] = self._compile((index,))
        return compiled

    def _candidates(self, head: str, mask: int = -1) -> tuple[int, ...]:
        """The alternatives that can match where `head` starts, in their listed order,
        in a text whose gates are `mask` (-1: all open)."""
        by_head = self._by_mask.get(mask)
        if by_head is None:
            by_head = self._by_mask[mask] = {}
            self._closed[mask] = frozenset(
                index for bit, (index, _) in enumerate(self._gates) if not mask >> bit & 1
            )
        try:
            return by_head[head]
        except KeyError:
            pass
        prefixes = [head[:n] for n in range(1, len(head) + 1)]
        closed = self._closed[mask]
        indices = tuple(
            i
            for i, heads in enumerate(self._heads)
            if (heads is None or any(prefix in heads for prefix in prefixes)) and i not in closed
        )
        if len(by_head) < 100_000:  # bounded: heads are a few characters long
            by_head[head] = indices
        return indices

    def scan(self, folded: str, on_match: Callable[[re.Match[str]], int]) -> None:
        """Call `on_match` for each match in `folded`, left to right; it returns the
        position to resume from (usually ``m.end()``). At each position the first
        alternative listed that matches there wins, as in an alternation."""
        mask = -1
        for bit, (_, words) in enumerate(self._gates):
            if not any(map(folded.__contains__, words)):  # (no generator: cheaper)
                mask &= ~(1 << bit)
        by_head = self._by_mask.get(mask) or {}
        end = 0
        for trigger in self._trigger.finditer(folded):
            start = trigger.start()
            if start < end:
                continue
            head = folded[start : start + _HEAD_DEPTH].translate(_HEAD_KEY)
            candidates = by_head.get(head)
            if candidates is None:
                candidates = self._candidates(head, mask)
                by_head = self._by_mask[mask]
            for index in candidates:
                m = self._alternative(index).match(folded, start)
                if m is not None:
                    end = on_match(m)
                    break


# The alternatives led by any word, and the words every text they match holds
_GATES = {
    "P_lfest": ("fest",),
    "P_lzhbefore": ("前", "期间"),
    "P_lheading": ("week",),
    "L_lmcode": ("系列", "型", "款", "model", "series", "frame", "edition", "line", "range"),
}
_VOCABULARY = Vocabulary(_ALTERNATIVES, _GATES)


# ----------------------------------------------------------------------- context checks
_BEFORE_COMPARISON = re.compile(
    r"(?:缩短|降|控制在|控制喺|减少|压缩|少于|低于|不超过|不到|小于|高于|超过|提升|至|到|从|由"
    r"|(?<![a-z])(?:to|from|under|below|less\s+than|fewer\s+than|no\s+more\s+than|at\s+most|up\s+to"
    r"|max(?:imum)?\.?|cut|reduce|shorten|lower|down\s+to)|[≤<≥>=])\s*$"
)
_BEFORE_COUNT = re.compile(
    r"(?:至少|不少于|超过|达到|新增|获取|突破|(?<![a-z])(?:at\s+least|reach|get|gain|acquire"
    r"|hit)|[≥>≤<+])\s*$"
)
_BEFORE_BASELINE = re.compile(
    r"(?:比|较|相比|对比|相较|同比|环比|去年|(?<![a-z])(?:(?<!later\s)(?<!earlier\s)than|vs\.?|versus"
    r"|compared\s+(?:to|with)"
    r"|over)\s+(?:the\s+)?)\s*$"
)
_BEFORE_DATE = re.compile(
    r"(?:截至|截止到?|(?<![低高少多大小等])于|由|从|自|(?<![a-z])(?:by|before|until|till|on|from|due"
    r"|since|after"
    r"|during|ahead\s+of))"
    r"\s*$"
)
_AFTER_DATE = re.compile(
    r"\s*(?:前|之前|起|开始|上线|当天|截止|号|日|节|女神|妇女|活动|大促|期间|开门红|预售|预热|返场"
    r"|狂欢|当晚|零点|[-~至到]\s*[0-9])"
)
_DAY_NAME_AFTER = re.compile(r"[\u4e00-\u9fff]{1,6}?[日节](?![均活销常报])")
_STRONG_DATE = re.compile(
    r"(?:截至|截止到?|(?<![低高少多大小等])于|自|(?<![a-z])(?:before|until|till|on|due|since"
    r"|after))\s*$"
)
# A period runs on over these: "6月30日前", "年底前", "2026年1月1日起".
_PERIOD_SUFFIX = re.compile(r"\s*(?:之前|以前|前|为止|截止|以内|之内|内|起)")
_BEFORE_RATIO = re.compile(
    r"(?:roi|roas|投产比?|投入产出比|比例|比|ratio|of|at\s+least|达到|达|为|是|[≥>=:])\s*$"
)
_BEFORE_VALUE = re.compile(
    r"(?:roi|roas|cpc|cpm|cpa|ctr|rating|score|nps|评分|分数|投产比?|达到|达|为|是"
    r"|(?<![a-z])(?:at\s+least|to|from|above|over|under|below|of|is)|[≥>≤<=:])\s*$"
)
# A bound or a rate in the same clause (the clause comma "，" is folded to "、"):
# 至少一场, 每周发布一期 — not 每周直播，打造一个爆款
_BEFORE_BOUND = re.compile(
    r"(?:(?:至少|最少|不少于|不低于|超过|多于)[^\s，,。；;、]{0,4}|(?:每|双周|隔周)[^，,。；;、]{0,14}"
    r"|(?<![a-z])at\s+least|[≥>])\s*$"
)
_BEFORE_WITHIN = re.compile(r"(?<![a-z])(?:within|in|next)\s+$")
# "Top 10 gift ideas" is a title; "top 20 for project management tools" a rank among them
_AFTER_TITLE = re.compile(
    r"(?:(?:\s*(?!(?:for|in|on|among|across|of|by|within)(?![a-z]))[a-z-]+){0,3}?"
    r"|[^\x00-\x7f，、。；：]{0,6}?)\s*" + _CONTENT_TITLE + r"(?![a-z])"  # TOP10话术清单
)
_MD_PARTS = re.compile(r"\s*[/.]\s*")
_UP_FROM = re.compile(r"(?<![a-z])(?:up|down|rising|falling|improving)\s+from\s*$")
# (one decimal digit each: 4.3 to 4.7 is a rating; 6.1-6.18 and 6.20~7.5 are dates)
_TO_DECIMAL = re.compile(
    r"\s*(?:to|-|–|~|→|->|(?:提升|提高|增长|升|提|拉|降低|降)?(?:至|到))\s*[0-9]+\.[0-9](?![0-9])"
)
_VERSION_AFTER = re.compile(r"\s*(?:版本|version(?![a-z]))")
_AFTER_OF = re.compile(r"\s*(?:of|的)(?![a-z])")
_MAY_CONTEXT = re.compile(
    r"(?<![a-z])(?:in|by|before|until|till|end\s+of|early|mid|late|through|since|during"
    r"|from|of)[-\s]+$"
)

# Quoted names: the numbers in a book's, a report's or a slogan's name are not the goal's
# target ("Publish the '7 Habits of Great Marketers' ebook", slogan改为「No.1的选择」).
# 《》 always hold a title; other quotes only next to a word that says they hold a name,
# since quotes also set off a target (实现“零投诉”).
_TITLE = re.compile(r"《[^《》]*》")
_QUOTED = re.compile(
    r"「[^「」]*」|『[^『』]*』|“[^“”]*”|‘[^‘’]*’|\"[^\"]*\"|(?<![a-z0-9])'[^']+'(?![a-z0-9])"
)
_QUOTE_MARKS = frozenset("《「『“‘\"'")
_NAMING = (
    r"(?:(?<![a-z])(?:tagline|slogan|headline|title|titled|called|named|theme|themed|motto"
    r"|hashtag|e-?book|book|white\s*paper|report|guide|playbook|series|podcast|video|song"
    r"|article|post|newsletter|webinar|course|banner|jingle|campaign|series|app|trail|tour"
    r"|exhibition|podcast|film|video|package|bundle|box|set|edition|collection|playlist|album|coffret"
    r"|mixtape|tees?|t-shirts?|shirts?|hoodies?|sneakers?|jackets?|caps?|bags?|kits?|capsule"
    r"|flavou?rs?|scents?|variants?|faq|page|promos?|challenge|carousel|reels?|infographic|quiz"
    r"|roundups?|teasers?|trailers?|badges?|awards?|line)"
    r"(?![a-z])"
    r"|口号|标语|主题|标题|文案|礼盒|套餐|套装|限定款|联名款"
    r"|白皮书|报告|专题|栏目|系列|电子书|指南|话题|视频|短片|海报|广告语|宣传语|名为|叫做"
    r"|命名为?|改为|定为|称为)"
)
_NAMED_BEFORE = re.compile(_NAMING + r"\s*(?:为|是|[:：])?\s*(?:the\s+|a\s+|an\s+|our\s+)?$")
# (with up to two words between that describe it: 'Healthy 50' screening package — not
# "'zero complaints' across the campaign", where the quote is the target)
_NAMED_AFTER = re.compile(
    r"\s*(?:(?:(?!(?:for|in|on|at|across|of|by|during|through|throughout|the|a|an|this|our"
    r"|per|each|every|all|to|from|with|within|over|after|before)(?![a-z]))[a-z][a-z-]*\s+){0,2}?"
    r"|[^\x00-\x7f\s，。、；：]{0,4}?)"  # 「金陵十二钗」书签礼盒: a word or two of Chinese too
    + _NAMING
)


# A quote that is a name by its shape: capitalised words and a bare number, as a product
# or a brand is named ('Vapor 3', 'Smile 360'), in the text as written
_NUMBERED_TITLE = re.compile(r".[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2}\s+[0-9]{1,4}.")
# (or by its last word: “21公里挑战”, “百城千店计划” name a campaign)
_NAMED_INSIDE = re.compile(r".[^“”「」『』\"']+(?:挑战赛?|计划|行动|大赛|杯).")
# A cadence in a name is the name's ('The Weekly Bowl' newsletter), not the task's
_CADENCES = frozenset(("weekly", "daily", "monthly", "每周", "每日", "每月", "周刊", "月刊"))


def _names(folded: str, source: str) -> list[tuple[int, int]]:
    """The spans of `folded` that quote a name (see _TITLE)."""
    spans = [m.span() for m in _TITLE.finditer(folded)]
    for m in _QUOTED.finditer(folded):
        if (
            _NAMED_BEFORE.search(_prefix(folded, m.start()))
            or _NAMED_AFTER.match(folded, m.end())
            or _NUMBERED_TITLE.fullmatch(source, m.start(), m.end())
            or _NAMED_INSIDE.fullmatch(folded, m.start(), m.end())
        ):
            spans.append(m.span())
    return spans


# A slogan says what it says: no period in it bounds the task (a name such as
# “双11狂欢夜” may still be the window the task runs in)
_SLOGAN = r"(?:口号|标语|广告语|宣传语|slogan|tagline|motto)"
_SLOGAN_BEFORE = re.compile(_SLOGAN + r"\s*(?:改为|换成|定为|为|是|[:：])?\s*$")
_SLOGAN_AFTER = re.compile(r"\s*(?:[a-z-]+\s+)?" + _SLOGAN)


# A quoted name numbered as a variety or a model is (「丰收1号」): no day of the month
_NUMBERED_NAME = re.compile(r".*[^\x00-\x7f\s][0-9]{1,3}号.$")


def _slogans(folded: str) -> list[tuple[int, int]]:
    """The spans of `folded` that quote a slogan, or a numbered name."""
    return [
        m.span()
        for m in _QUOTED.finditer(folded)
        if _SLOGAN_BEFORE.search(_prefix(folded, m.start()))
        or _SLOGAN_AFTER.match(folded, m.end())
        or _NUMBERED_NAME.match(m[0])
    ]


_Decide = Callable[[str, "re.Match[str]", str], str]


def _prefix(folded: str, start: int, width: int = 16) -> str:
    return folded[max(0, start - width) : start]


def _year(folded: str, m: re.Match[str], text: str) -> str:
    before = _prefix(folded, m.start())
    if _BEFORE_BASELINE.search(before) or _BASELINE_AFTER.match(folded, m.end()):
        return "L"
    if _BEFORE_COUNT.search(before):
        return "Q"
    return "P"


# A date in brackets after the day it is: 国际博物馆日（5.18）, Mother's Day (5.11)
_BASELINE_AFTER = re.compile(
    r"\s*(?:baselines?|base\s+year|benchmarks?|levels?|averages?|figures|基线|基准|水平)(?![a-z])"
)
_DAY_NAMED = re.compile(r"(?:日|节|day)\s*\($")


def _md(folded: str, m: re.Match[str], text: str) -> str:
    token = m.group()
    if _VERSION_AFTER.match(folded, m.end()):
        return "L"  # Opera PMS 5.6版本: a version, not May 6th
    parts = _MD_PARTS.split(token)
    if len(parts) == 3:
        return "P"
    a, b = int(parts[0]), int(parts[1])
    before = _prefix(folded, m.start())
    after = folded[m.end() : m.end() + 6]
    if (
        "." in token
        and len(parts[1]) == 1
        and (_TO_DECIMAL.match(folded, m.end()) or _UP_FROM.search(before))
    ):
        return "Q"  # from 4.3 to 4.7, up from 4.3: a rating's values, not April 3rd
    if "/" in token:
        if _AFTER_DATE.match(after):
            return "P"
        if _AFTER_OF.match(after) or (a < b <= 10 and not _STRONG_DATE.search(before)):
            return "Q"  # a fraction: 1/3, 1/2 of budget
        return "P"
    # M.D is a date only in a date's company; otherwise it is a decimal (ROI 3.5)
    if _AFTER_DATE.match(after) or _BEFORE_DATE.search(before) or _DAY_NAMED.search(before):
        return "P"
    if len(parts[1]) == 2 and _DAY_NAME_AFTER.match(folded, m.end()):
        return "P"  # 9.20全国爱牙日, 3.15消费者权益日: the day, then its name
    if _RANGE_FROM_DATE.search(before):
        return "P"  # 6.18-6.30: the end of a range that starts on a day
    return "Q"


# a day as a range's start, and the dash to its end: M/D, or M.DD (7.1-7.7 may be a
# rating's range, as 4.3 to 4.7 is)
_RANGE_FROM_DATE = re.compile(
    r"(?<![0-9.])(?:1[0-2]|0?[1-9])(?:\.(?:3[01]|[12][0-9]|0[1-9])|/(?:3[01]|[12][0-9]|0?[1-9]))"
    r"\s*[-–~至到]\s*$"
)


# "60 days of cover": a stock level in days, a quantity
# A length bounded after it, as a target is: "5 business days or less", "48 hours max"
_OR_LESS = re.compile(
    r"\s*(?:or\s+(?:less|fewer|under|below|shorter|sooner|faster)|max(?:imum)?|at\s+(?:the\s+)?most"
    r"|tops)(?![a-z])"
)
_DAYS_OF = re.compile(r"\s*of\s+(?:cover|stock|inventory|supply|runway|sales)(?![a-z])")


def _dur(folded: str, m: re.Match[str], text: str) -> str:
    if (
        _BEFORE_COMPARISON.search(_prefix(folded, m.start()))
        or _DAYS_OF.match(folded, m.end())
        or _OR_LESS.match(folded, m.end())
    ):
        return "Q"
    if folded.startswith(("装", "游"), m.end()):
        return "L"  # 12个月装, 二日游: the pack, the tour
    if "-" in m.group() and _PRODUCT_AFTER.match(folded, m.end()):
        return "L"  # the 7-day Hokkaido itinerary: what the product is
    if _RATE_NAMED.match(folded, m.end()) or _RATE_NAMED_EN.match(folded, m.end()):
        return "L"
    return "P"


# What a length in days can describe rather than bound: "a 3-day pass", "the 7-day tour"
_PRODUCT_AFTER = re.compile(
    r"\s*(?:[a-z'&-]+\s+){0,3}?(?:itinerar(?:y|ies)|tours?|trips?|packages?|courses?|pass(?:es)?"
    r"|programmes?|programs?|camps?|retreats?|cruises?|tickets?|bootcamps?|getaways?"
    r"|memberships?|subscriptions?|plans?|warrant(?:y|ies)|guarantees?|contracts?|leases?"
    r"|degrees?|diplomas?|bba|mba|bachelor(?:'?s)?|master(?:'?s)?|college|routes?|pathways?"
    r"|certificates?"
    r"|apprenticeships?|loans?|mortgages?|bonds?|cds?|deposits?|heritage|history|legacy"
    r"|traditions?|experience|expertise|power\s+reserve|battery(?:\s+life)?|garanties?)"
    r"(?![a-z])"
)


# A rate named by its window: 7日复购率, 24小时内出货率 (as 7日留存: a metric, no deadline)
_RATE_NAMED_EN = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:rate|retention|churn|ratio|ltv|arpu|roas|cvr|ctr)(?![a-z])"
)
_RATE_NAMED = re.compile(r"[^\s，,、。；;0-9a-z]{0,4}?率")


_AFTER_WINDOW = re.compile(
    r"\s*(?:flash\s+)?(?:sale|promo|campaign|window|event|countdown|drop|deal|blitz)s?(?![a-z])"
)


def _hour(folded: str, m: re.Match[str], text: str) -> str:
    before = _prefix(folded, m.start())
    if _BEFORE_COMPARISON.search(before) or _OR_LESS.match(folded, m.end()):
        return "Q"
    if _AT_CLOCK.search(before) and _CLOCK_HOUR.fullmatch(m.group()):
        return "L"  # starting at 17h: a time of day
    if _RATE_NAMED.match(folded, m.end()):
        return "L"
    if m.group().endswith("内") or _BEFORE_WITHIN.search(before):
        return "P"
    if _AFTER_WINDOW.match(folded, m.end()):
        return "P"  # a 72-hour sale: the window it runs in
    return "Q"


_AT_CLOCK = re.compile(r"(?<![a-z])(?:at|às|as|from|a\s+las|à)\s+$")
_CLOCK_HOUR = re.compile(r"(?:[01]?[0-9]|2[0-3])\s*h")


def _clock(folded: str, m: re.Match[str], text: str) -> str:
    return "Q" if _BEFORE_RATIO.search(_prefix(folded, m.start())) else "L"


def _ver0(folded: str, m: re.Match[str], text: str) -> str:
    return "Q" if _BEFORE_VALUE.search(_prefix(folded, m.start())) else "L"


def _attr(folded: str, m: re.Match[str], text: str) -> str:
    # (提升 alone leads the product it improves: 提升30ml修护霜的陈列; 提升至 a target)
    before = _prefix(folded, m.start())
    if before.rstrip().endswith(("提升", "提高")):
        return "L"
    return "Q" if _BEFORE_COMPARISON.search(before) else "L"


# A price followed by the product it is the price of: "主推199元的入门款", "the $199
# starter kit" describe the product; after a comparison it is a target (客单价提到199元).
_AFTER_PRODUCT = re.compile(
    r"\s*的?\s*['\"“‘「]?(?:(?!(?:from|in|for|to|by|across|with|of|at|on|per)\s)[a-z'\"”’-]+\s+){0,2}?"
    r"(?:kit|bundle|plan|tier|level|package|pack|box(?!\s*-?\s*office)|set|edition|model|product|option|sku"
    r"|ticket(?!s?\s+(?:sales|revenue|income|gmv)))s?(?![a-z0-9-])"
    r"|\s*的\s*[a-z]"  # 主推 ¥19.9 的 Americano
    r"|\s*的?\s*[^\x00-\x7f，、。；]{0,8}?(?:入门款|款|套餐|礼盒|新品|单品|产品|机型|档位|课|课程|保障|保险"
    r"|壳|膜"
    # 9.9元暑期数学体验课, 500元暑假班; 10万元离岛免税额度: what the allowance is
    r"|班|额度|限额|(?:医疗|保障|储蓄|年金|退休|保险|健康|教育)计划)"
)


_YEAR_RANGE = re.compile(r"(?:19|20)[0-9]{2}\s*[-–—~]\s*(?:19|20)[0-9]{2}")
_COUNTED_AFTER = re.compile(_COUNTED)  # (no count or unit follows)


def _price(folded: str, m: re.Match[str], text: str) -> str:
    token = m.group()
    if _YEAR_RANGE.fullmatch(token) and _COUNTED_AFTER.match(folded, m.end()):
        return "P"  # Centenary 1926–2026: the years
    money = m.lastgroup == "Q_money" or token.endswith(("元", "块")) or token[0] in "¥$€£₩₹₱₺₦"
    if not money:
        return "Q"
    if _AFTER_PRODUCT.match(folded, m.end()) and not _BEFORE_COMPARISON.search(
        _prefix(folded, m.start())
    ):
        return "L"
    return "Q"


_RANKING = re.compile(
    r"(?:排进|排到|排入|进入|跻身|冲|杀进|挤进|位列|位居|稳居|榜|排名|排行|首页|首屏|搜索|市占率进|份额进"
    r"|分店|门店|全国|全台|全省|全网|类目|品类|行业)"
)


def _front(folded: str, m: re.Match[str], text: str) -> str:
    return "Q" if _RANKING.search(_prefix(folded, m.start(), 16)) else "L"


# "Rank in the top 3 payments apps": a rank, whatever follows
_RANK_VERB = re.compile(
    r"(?<![a-z])(?:(?:rank(?:ed|s|ing)?|place[ds]?|land|break)\s+(?:in(?:to)?\s+)?|into\s+)"
    r"(?:the\s+)?$"
)


def _top(folded: str, m: re.Match[str], text: str) -> str:
    if _RANK_VERB.search(_prefix(folded, m.start())):
        return "Q"
    return "L" if _AFTER_TITLE.match(folded, m.end()) else "Q"


def _issue(folded: str, m: re.Match[str], text: str) -> str:
    return "Q" if _BEFORE_BOUND.search(_prefix(folded, m.start())) else "L"


def _cn1(folded: str, m: re.Match[str], text: str) -> str:
    numeral = m.group()[:-1].rstrip()
    if numeral == "二" and m.group().endswith("轮"):
        return "L"  # 二轮合作: the second round (two rounds are 两轮)
    if numeral != "一":
        return "Q"
    return "Q" if _BEFORE_BOUND.search(_prefix(folded, m.start())) else "L"


def _may(folded: str, m: re.Match[str], text: str) -> str:
    start = m.start()
    if text[start] == "M" or m.group() != "may":  # "May", "may 1"
        return "P"
    return "P" if _MAY_CONTEXT.search(_prefix(folded, start)) else "L"


# APR the rate, not April: "the 0% intro APR card", "cut APR to 9.9%" (capitals in a
# cell not written in capitals), "apr on purchases"
_RATE_APR = re.compile(r"(?:%|intro(?:ductory)?|low|purchase|balance\s+transfer)\s*$")
_APR_AFTER = re.compile(r"\s*(?:cards?|rates?|offers?|on\s|for\s|deals?|financing|period)")


def _ldate(folded: str, m: re.Match[str], text: str) -> str:
    if m.group() != "apr":
        return "P"
    capitals = text[m.start() : m.end()] == "APR" and not text.isupper()
    rate = _RATE_APR.search(_prefix(folded, m.start())) or _APR_AFTER.match(folded, m.end())
    return "L" if capitals or rate else "P"


def _dmay(folded: str, m: re.Match[str], text: str) -> str:
    if text[m.end() - 3] == "M" or _MAY_CONTEXT.search(_prefix(folded, m.start())):
        return "P"
    return "Q"  # "15 may sign up": a count, as the number alone is read


def _cwords(folded: str, m: re.Match[str], text: str) -> str:
    before = _prefix(folded, m.start(), 4)
    # 比去年暑期高5个点: last year's summer is the baseline, not this one's window
    if before.endswith(("去年", "上年", "前年", "往年")):
        return "L"
    # 文艺青年中, 少年中: people (青年, 少年) followed by 中, not the middle of the year
    if m.group() == "年中" and before.endswith(("青", "少", "壮", "童")):
        return "L"
    return "P"


_POST: dict[str, _Decide] = {
    "P_cwords": _cwords,
    "P_year": _year,
    "P_dmay": _dmay,
    "P_md": _md,
    "P_dur": _dur,
    "P_cdur": _dur,
    "P_hour": _hour,
    "P_chour": _hour,
    "L_clock": _clock,
    "L_ver0": _ver0,
    "Q_top": _top,
    "Q_cfront": _front,
    "L_dattr": _attr,
    "Q_num": _price,
    "Q_money": _price,
    "Q_smoney": _price,
    "Q_ccount": _cn1,
    "Q_cissue": _issue,
    "P_may": _may,
    "P_ldate": _ldate,
}


# ----------------------------------------------------------------------------- analysis
def fold(text: str) -> str:
    """The text the vocabularies read: NFKC (full-width ＧＭＶ１５％ is GMV15%), simplified
    Chinese (`tasklint.text.to_simplified`), lower case. The Chinese clause comma is kept
    apart from digit groups ("5000，200家" is not 5,000,200)."""
    if not text.isascii():
        text = _LIST_MARKERS.sub(" ", text.replace("，", "、"))
        text = to_simplified(unicodedata.normalize("NFKC", text))
    return text.lower()


# Circled and bracketed numbers (① ⑴ ⒈ ❶ ➀) number the items of a list (③做好门店SOP执行):
# no quantity. NFKC would make ③ a plain 3 (and ⑴ three characters), so they are blanked
# before it, one space each, keeping the text's length.
_LIST_MARKERS = re.compile("[\u2460-\u249b\u24ea-\u24ff\u2776-\u2793]")


# "Promote the 24-room Alfama property", "the 750Wh battery page": after "the" (unless a
# target verb leads it: reach the 10k mark), a quantity followed by words, no count,
# says what the thing is (the $199 starter kit, the 500g pack)
_THE_BEFORE = re.compile(
    r"(?<![a-z])(?<!reach\s)(?<!hit\s)(?<!break\s)(?<!cross\s)(?<!beat\s)(?<!pass\s)"
    r"(?<!top\s)(?<!keep\s)(?<!hold\s)(?<!to\s)(?<!at\s)(?<!of\s)(?<!by\s)(?<!from\s)"
    r"(?<!than\s)(?<!vs\s)(?<!over\s)(?<!under\s)(?<!above\s)(?<!below\s)(?<!within\s)"
    r"the\s+$"
)
_WHAT_IT_IS = re.compile(
    r"(?:-|(\s+))?(?!(?:off|range|band|bracket|mark|level|threshold|target|goal|zone)(?![a-z]))[a-z]"
)
_SIZES = frozenset(("Q_num", "Q_money", "Q_smoney", "P_hour", "P_chour"))


_THE_THING = re.compile(r"(?<![a-z])the\s")
# Before or during an event known by its name: "before ISM Cologne", "ahead of the
# Headies", "during IDS Cologne" (the capitals say it is a name; "ahead of Agoda", a
# rival, has no "the")
_BEFORE_WORD = re.compile(
    r"(?<![a-z])(?:before|until|till|in time for|prior to|ahead of the|during(?: the)?)\s"
)
# the name after it, read in the original text, where capitals show it
_CAPITALISED_NAME = re.compile(r"\s*(?:the\s+)?[A-Z][\w'&.-]*(?:\s+[A-Z0-9][\w'&.-]*)*")


def _named_deadline(text: str, folded: str, start: int) -> list[str]:
    """The deadline "before ISM Cologne" (or the period "during IDS Cologne") in `text`,
    where `folded` (of the same length) has a before-word from `start` on: the name is
    matched after each such word, not searched for. None in a text written in capitals,
    where no name stands out."""
    if text.isupper():
        return []
    for word in _BEFORE_WORD.finditer(folded, start):
        if named := _CAPITALISED_NAME.match(text, word.end()):
            return [text[word.start() : named.end()]]
    return []


_MONEY = frozenset(("Q_money", "Q_smoney"))


def _is_price_tag(folded: str, name: str, start: int, end: int) -> bool:
    """A price alone in brackets after "the" and the thing it is the price of."""
    if name not in _MONEY or folded[start - 1 : start] != "(" or folded[end : end + 1] != ")":
        return False
    before = folded[max(0, start - 48) : start - 1]
    return _THE_THING.search(before) is not None and not _BEFORE_COMPARISON.search(before)


# A bare number after a capitalised name inside a sentence and before one thing, not
# things: the Hyundai Ioniq 5 display, the Sac Lune 25 waitlist, the Summit 8 chair. A
# count is followed by what is counted, in the plural (Shopee 500 orders, Model 3 sales,
# 30 store visits); a sentence's first word, even capitalised, is its verb (Reach 500
# signups), so the name must follow another word. Read on the original text, where the
# capitals are.
_NAME_BEFORE = re.compile(
    r"[\w'’.-]\s+(?!(?:Above|Below|Over|Under|About|Around|Only|Just|Least|Most|Than|Reach|Hit"
    r"|Top|Max|Min|Minimum|Maximum)\s)[A-Z][a-z]{2,}\s+$"
)
_ONE_THING_AFTER = re.compile(
    r"\s+(?!(?:percent|per|point|more|new|extra|additional|million|thousand|hundred|billion"
    r"|lakh|crore|people|person|staff|times|plus|and|or|to|of|in|on|at|by|for|from|with|than"
    r"|each|every|a|an|the)(?![a-z]))[a-z]{3,}(?<!s)(?![\w-])(?!\s+[a-z]+s(?![\w-]))"
)


# (or before the rest of the model's name: the Xperia 1 VI, the Renault 5 E-Tech)
_MODEL_AFTER = re.compile(r"\s+(?:[IVX]{1,4}|[A-Z][a-z]*-[A-Z][a-z]+)(?![\w-])")


_CHANGED_BY = re.compile(r"(?<![a-z])(?:up|down|grow|grew|rise|rose|fall|fell|cut)\s+$")
_UNDER_LIST = re.compile(r"(?<![0-9])([0-9]{2}) under \1(?![0-9])")


def _under_list(folded: str, start: int, end: int) -> bool:
    """30 Under 30, 40 under 40: a list of people named by their age."""
    listed = _UNDER_LIST.search(folded, max(0, start - 9), end + 9)
    return listed is not None and listed.start() <= start and end <= listed.end()


def _numbers_a_name(source: str, start: int, end: int) -> bool:
    return (
        source[start:end].isdigit()
        and _NAME_BEFORE.search(source, max(0, start - 32), start) is not None
        and (
            _ONE_THING_AFTER.match(source, end) is not None
            or _MODEL_AFTER.match(source, end) is not None
        )
    )


# What a number found names rather than counts, told by the words right after it (1842啤酒,
# 1801户型, 3.6g蛋白, 1680元票档, 100% agave, 24小时便利店) or by the brand before it (宝马X3,
# 一加13, 问界M7, 青花20, a baijiu). Asked of the quantities found only: as alternatives of
# the vocabulary, these were tried at every digit of every statement (3% of its time).
_DRINKS = ("啤酒", "精酿", "白酒", "黄酒", "葡萄酒", "清酒")
_TIERS = ("票档", "档票", "价位票", "票价档")
_BRANDS = (
    *("宝马", "奔驰", "奥迪", "一加", "理想", "问界", "小鹏", "蔚来", "极氪", "领克", "比亚迪"),
    *("青花", "星途", "智界", "岚图", "零跑"),
)
_NAMED_BY_WHAT_FOLLOWS = re.compile(
    rf"\s*(?:(?P<drink>{'|'.join(_DRINKS)})|(?P<layout>户型)|(?P<protein>g?\s*乳?蛋白)"
    rf"|(?P<tier>{'|'.join(_TIERS)})"
    r"|(?P<material>(?:agave|cotton|arabica|natural|organic|recycled|pure|wool|silk|linen|juice"
    r"|cashmere|merino|vegan|plant[- ]based|cacao|cocoa|leather)(?![a-z])"
    r"|阿拉比卡|纯|棉|天然|有机|果汁|羊毛|真丝|蚕丝|桑蚕丝|羊绒|可可|生牛乳)"
    r"|(?P<route>路\s*(?:公交|巴士|电车|车身|车站))"  # 46路公交: a bus route
    r"|(?P<service>营业|便利店|门店|药店|药房|客服|健身房|(?:stores?|shops?|pharmac(?:y|ies)|gyms?"
    r"|convenience|support|service|desk|hotline|helpline|concierge|access)(?![a-z])))"
)
_BRAND_BEFORE = re.compile(rf"(?:{'|'.join(_BRANDS)})\s?[a-z]{{0,3}}\s?$")
# (what may stand right after such a number, and right before it: the check's prefilter)
_PRODUCT_NEXT = frozenset([word[0] for word in (*_DRINKS, *_TIERS)] + ["户", "g", "乳", "蛋", "路"])
_BRAND_LAST = frozenset(brand[-1] for brand in _BRANDS)
_MODEL_NUMBER = re.compile(r"[a-z]{0,3}\s?[0-9]{1,3}[a-z]{0,3}")
_AROUND_THE_CLOCK = re.compile(r"24\s*-?\s*(?:h|hrs?|hours?|小时)")


def _names_a_product(folded: str, start: int, end: int) -> bool:
    token = folded[start:end]
    if _MODEL_NUMBER.fullmatch(token) and _BRAND_BEFORE.search(folded, max(0, start - 6), start):
        return True
    after = _NAMED_BY_WHAT_FOLLOWS.match(folded, end)
    if after is None:
        return False
    kind = after.lastgroup
    if kind == "drink":
        return len(token) == 4 and token.isdigit() and not token.startswith("20")
    if kind == "layout":
        return token.isdigit()
    if kind == "protein":
        return token.rstrip("g").replace(".", "", 1).isdigit() and "g" in token + after[0]
    if kind == "tier":
        return token.endswith("元")
    if kind == "material":
        return token.replace(" ", "") == "100%"
    if kind == "route":
        return token.isdigit() and len(token) <= 4
    return _AROUND_THE_CLOCK.fullmatch(token) is not None  # service


def _scan(folded: str, source: str) -> list[tuple[str, int, int]]:
    """Spans of the vocabulary in `folded`, leftmost first, non-overlapping, each with
    its verdict: Q (quantity), P (period) or L (label, neither). `source` is the text
    the spans index (the original when folding kept its length)."""
    found: list[tuple[str, int, int]] = []

    def on_match(m: re.Match[str]) -> int:
        name = m.lastgroup
        assert name is not None
        decide = _POST.get(name)
        verdict = name[0] if decide is None else decide(folded, m, source)
        end = m.end()
        if verdict == "Q" and _is_price_tag(folded, name, m.start(), end):
            verdict = "L"  # the 100ml Eau de Parfum (¥1,680): its price, as a tag says it
        elif (
            verdict == "Q"
            and name in _SIZES
            and _THE_BEFORE.search(folded, max(0, m.start() - 16), m.start())
            and (what := _WHAT_IT_IS.match(folded, end))
            # (a bare number and a word: the 3 new colorways are a count)
            and (what[1] is None or name != "Q_num" or not folded[end - 1].isdigit())
        ):
            verdict = "L"  # the 24-room property, the ₹999 series: what it is
        elif (
            verdict == "Q"
            and name == "Q_num"
            and source[m.start() - 1 : m.start()] == " "
            and _numbers_a_name(source, m.start(), end)
        ):
            verdict = "L"  # the Ioniq 5 display, the Whey 80 page: a model's number
        elif (
            verdict == "Q"
            and name == "Q_num"
            and "under" in folded[max(0, m.start() - 7) : end + 7]
            and _under_list(folded, m.start(), end)
        ):
            verdict = "L"  # Forbes 30 Under 30: a list's name
        elif (
            verdict == "Q"
            # (the few quantities that may: a word of the list next, a brand before, 100 or 24)
            and (
                folded[end : end + 1] in _PRODUCT_NEXT
                or folded[m.start() - 1 : m.start()] in _BRAND_LAST
                or folded.startswith(("100", "24"), m.start())
            )
            and _names_a_product(folded, m.start(), end)
        ):
            verdict = "L"  # 1842啤酒, 100% agave, 宝马X3: what the product is
        if (
            verdict == "P"
            and folded.startswith(("a quarter", "one quarter"), m.start())
            and _CHANGED_BY.search(folded, max(0, m.start() - 8), m.start())
        ):
            verdict = "Q"  # GMV up a quarter: a fraction of it, not three months
        if verdict == "P":
            suffix = _PERIOD_SUFFIX.match(folded, end)
            if suffix:
                end = suffix.end()
        found.append((verdict, m.start(), end))
        return end

    _VOCABULARY.scan(folded, on_match)
    return found


# Checklists repeat their wording (metric names, goal templates) from row to row, and
# several rules ask about the same cell: answers are cached.
@lru_cache(maxsize=65536)
def analyse_goal(text: str) -> GoalAnalysis:
    """Say whether a goal states a quantity and a deadline or period, and which substrings
    of `text` do. Never raises on a string; anything else is read as its `str()`."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    folded = fold(text)
    source = text if len(text) == len(folded) else folded
    quantities: list[str] = []
    periods: list[str] = []
    found = _scan(folded, source)
    if _QUOTE_MARKS.intersection(folded) and any(verdict != "L" for verdict, _, _ in found):
        # (what a quoted name holds is no target: a quantity, or a cadence)
        nameable = [
            verdict == "Q" or folded[start:end].strip() in _CADENCES
            for verdict, start, end in found
        ]
        names = _names(folded, source) if any(nameable) else []
        slogans = _slogans(folded) if any(verdict == "P" for verdict, _, _ in found) else []
        found = [
            ("L", start, end)
            if (named and any(a <= start and end <= b for a, b in names))
            or (verdict == "P" and any(a <= start and end <= b for a, b in slogans))
            else (verdict, start, end)
            for named, (verdict, start, end) in zip(nameable, found, strict=True)
        ]
    for verdict, start, end in found:
        if verdict == "Q":
            quantities.append(source[start:end].strip())
        elif verdict == "P":
            periods.append(source[start:end].strip())
    if not periods and source is text and (word := _BEFORE_WORD.search(folded)):
        periods.extend(_named_deadline(text, folded, word.start()))
    return GoalAnalysis(
        measurable=bool(quantities),
        time_bound=bool(periods),
        quantities=tuple(quantities),
        periods=tuple(periods),
    )
