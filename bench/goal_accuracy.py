"""Accuracy and speed of the goal-text analyser (rules G102 and G103) on labelled goals.

    python bench/goal_accuracy.py [PATH ...]

Each PATH is a JSON-lines file of {"text", "lang", "measurable", "time_bound", "note"}
(default: tests/data/goals.jsonl and tests/data/goals_holdout.jsonl). For each file and
each language it prints, for `measurable` and for `time_bound`: the count, accuracy,
precision and recall (positive = the goal is measurable / time-bound), then every
misclassified statement, then the throughput in statements per second. The reference is
the hand label of each line; goals.jsonl is the development set, goals_holdout.jsonl was
written after the analyser and never tuned on, so its figures estimate unseen text. The
240 lines of goals.jsonl whose note begins "blind set:" were written by someone who had
not seen the analyser, from the labelling conventions only; before the analyser was
tuned on them they scored measurable 0.933 and time_bound 0.975 (three labels were then
set to the choices goal_text's docstring documents; their notes say so). The 200 lines
noted "blind set 2:" were written the same way afterwards, in the style of real
checklists (two clauses, abbreviations, jargon, product names with numbers); before
tuning on them: measurable 0.880, time_bound 0.955. The 200 lines noted "blind set 3:"
were written last, to be representative of real goal cells across industries and kinds
of marketing work rather than traps: before tuning on them, measurable 0.980 and
time_bound 0.955. The 200 lines noted "blind set 4:" were written last, in the same
representative style, but with many ways of saying when and how much ("ahead of the
board meeting", "for the duration of the promo", 双周, 董事会前, "top quartile", 为零): before
tuning on them, measurable 0.960 and time_bound 0.870 — the best estimate of the
analyser on wording it has never seen, the time-bound question being the harder one. The
200 lines noted "blind set 5:" came last: five people's own checklists (a Chinese FMCG
brand at 618, a Shanghai SaaS start-up, a Hong Kong/Taiwan retailer in traditional
Chinese, a US/EU shop, a Singapore/Malaysia agency), realistic rather than tricky;
before tuning on them, measurable 0.965 and time_bound 0.950 (two labels then set to the
documented choice on seasons in names). The 200 lines noted "blind set 6:" came after,
from eight more trades (admissions, a clinic chain, a game studio, a car dealer group,
an industrial supplier, a charity, a tea-drink chain, a cross-border seller): before
tuning on them, measurable 0.970 and time_bound 0.975. The 200 lines noted "blind set
7:" are short cells as typed into a table ("拉新5000", "CTR 2%+", "周报", "by Fri"), three
in five Chinese: before tuning on them, measurable 0.980 and time_bound 0.980 (one label
then set to the documented choice on holidays in names). The 200 lines noted "blind set
8:", a Chinese brand's year of campaigns and its overseas team's, came last of all:
before tuning on them, measurable 0.975 and time_bound 0.985. The 200 lines noted "blind
set 9:" (B2B, pharma, education, local services, NGOs, finance, hotels, real estate)
were scored after all that tuning: measurable 0.975, time_bound 0.960. The 198 lines
noted "blind set 10:" (eight more teams: a hotpot chain, a German machine-tool maker at
trade fairs, livestream cosmetics, a US nonprofit, a Hong Kong insurer, an Australian
travel agency, online education, a Singapore fintech; two more repeated earlier lines
and were left out) came after that: before tuning, measurable 0.985 and time_bound 0.975
(model numbers, 5-axis, "booth days", "before Hannover Messe", 高考季, 新学期). The 200 lines
noted "blind set 11:" (a tea brand's gifting season, a UK grocer's loyalty app, a drone
maker's launch, a Canadian university, a Taipei bank's cards, a US apparel brand's email
and SMS, a tourism bureau, a Dutch logistics-software ABM team) came last: before
tuning, measurable 0.985 and time_bound 0.960 (one label then set to the documented
choice on cadences). The 198 lines noted "blind set 12:" (two more repeated earlier
lines) were written to stress the ways people say when — their own calendars, events,
fiscal periods, sports seasons, weather, approvals, policy dates — and metric names with
a time word in them: before tuning, measurable 0.980 and time_bound 0.875 (GA, SKO,
on-sale, home games, offseason, 梅雨季前, 车展前, "before the rule changes take effect"; 7日复购率
and 24小时内出货率 are metrics, "vs last season" a baseline). The 240 lines noted "blind set
13:" (a pet-food brand, K-12 tutoring, a luxury hotel group, mobile-game acquisition, a
Shopee/Lazada seller, a bank's cards, a city marathon, an aesthetics clinic chain, a
components maker at trade fairs, a music festival, a coffee chain's loyalty programme, a
museum; each asked for its own calendar) came after all of that: before tuning,
measurable 0.992 and time_bound 0.950 (FY-end, Wimbledon fortnight, "by the Payday sale",
Freshers' Week, race week, 报名截止前, 经销商大会前, 开票前, 周五美食日, "vs last semester",
weekly active members, 1.5kg装). The 198 lines noted "blind set 14:" (a tea-drink chain's
openings, a SaaS growth team, an EV launch in Europe, a Hong Kong developer, a Douyin
livestream team, international admissions, a hospital group's check-ups, a travel
agency, an electronics brand at 618 and 11.11, a charity's year-end appeal; two more
repeated earlier lines), cells typed in a hurry, came last: before tuning, measurable
0.990 and time_bound 0.935 (上线后, each sprint, Golden Week, AY2026-27, nightly, "before
the price list is out", "the first 48 hours", 回本周期 read as 本周; one label then set to the
documented choice on milestones). The 159 lines noted "blind set 15:" (a baby-formula
member programme, a cybersecurity vendor's field marketing, a ski resort, an Indian
fintech's referrals, a cosmetics brand on Tmall, a football club's commercial team, an
Australian furniture retailer, a tourism board abroad) came last: before tuning,
measurable 0.969 and time_bound 0.950 (雪季, 首发周, 比赛日, 转会窗口关闭前, 买一送一,
三人位沙发, 'Top 10 Skincare Myths', a quoted campaign name, 'the 5-day ski & stay
package'). The 158 lines noted "blind set 16:" (a dental-clinic chain, a
rooftop-solar installer, a Shanghai wine importer, a K-pop concert promoter, an online
pharmacy, a language-learning app, a smart-home brand at CES, a Taiwanese tax-filing
campaign; two more repeated earlier lines) came last: before tuning, measurable 0.988
and time_bound 0.931 (trade fairs by name: CES, Intersolar, ProWine; "before the Series C
close", "on announcement day", D-30, 流感季前, 爱牙日, 開徵前, "one story every Friday"; one
label then set to the documented choice on cadences). The 99 lines noted "blind set
17:" (a Shenzhen drone maker abroad, a Beijing kindergarten chain, a UK brewery, a Hong
Kong insurance agency, an Indonesian noodle brand at Ramadan; one more repeated an
earlier line), written after that tuning: before tuning, measurable 0.970 and time_bound
0.940 (Lebaran, Imlek, the Six Nations, "after FAA approval", "Top 10 drone gift guides",
top 10 … 名單; one label then set to the documented choice on 开放日; two marked
debatable are still missed). The 200 lines noted "blind set 18:" (a Shanghai
veterinary chain, a cybersecurity vendor selling to European banks, a Shenzhen EV
charging network, a Japanese ramen chain opening in Singapore, an MBA admissions office,
a summer art exhibition, a tea-drink chain entering Malaysia and Thailand, a used-car
platform's spring sale), written after that tuning: before tuning, measurable 0.980 and
time_bound 0.975 ("zero-trust", "the 480kW liquid-cooled charger", "0% sugar", 新规生效前,
面试前, 展期, "for the duration of the show", 每周发布一期; one label then set to the
documented choice on 开放日). The 200 lines noted "blind set 19:" (a Guangzhou furniture
maker on Amazon and Wayfair, a UK university's international recruitment, a Chengdu
baijiu brand's gifting, a mobile game's global launch, a Hong Kong hospital's health
checks, a US coffee roaster's subscriptions, a Hangzhou live-commerce agency, a Dubai
developer's off-plan launch), written after that tuning: before tuning, measurable 0.955
and time_bound 0.955 (53度, 5-piece, 'Healthy 50' package, HK$3,980 before its package,
the 60/40 payment plan, 12-month LTV, day-1 churn, "Phase Q2" as a phase's name, Way Day,
Cityscape, post-handover, 15分鐘內, 港島區第一; one label set to the documented choice on
numbered seasons, and an earlier one, 推出68元双人套餐, on prices). The 200 lines noted
"blind set 20:" (a Yunnan coffee brand on Douyin, a German software company's ABM, a
Macau resort, a Nairobi mobile-money startup, a Beijing after-school programme, a
Canadian outdoor brand, a pharmacy skincare brand, a Singapore ride-hailing app),
written after that tuning: before tuning, measurable 0.970 and time_bound 0.970 (汉诺威展前,
备案完成前, "vs last fiscal year", weekly active riders, S/4HANA, *384#, a 1:1 ABM motion,
3-6年级, 25–40-year-old, TOP10话术清单, 提升30ml修护霜, Jamhuri Day), all right after. The
200 lines noted "blind set 21:" (a Suzhou silk brand, a Berlin fintech's demand
generation, a Xi'an night show, a Lagos music app, a Guangzhou children's hospital, a
Toronto brokerage, a Shenzhen robot-vacuum brand, a Kuala Lumpur halal cosmetics brand),
written to be representative after that tuning: before tuning, measurable 0.980 and
time_bound 0.955 (DMEXCO, "monthly listeners", Shopee 9.9, 高发期前, "ahead of the Headies
awards", "vs. last spring", 100%桑蚕丝, 8000Pa, a quoted playlist, Merdeka Day), 0.995 and
1.000 after. The 200 lines noted "blind set 22:" (representative too: a Qingdao seafood
brand, a Paris house's travel retail, a Chengdu esports club, a São Paulo delivery app, a
Nanjing kindergarten, a Sydney security firm's partners, a Zhengzhou dealer group, a Dubai
fashion site) read measurable 0.980 and time_bound 0.980 before tuning (腊八前, 500g装,
Carnaval, a quoted coffret, "Top 10 abaya styles"), 0.995 and 1.000 after. The 200 lines
noted "blind set 23:" (representative: a Wuxi home-textile brand, a Dublin payments
company, a Guilin scenic area, a Mexico City beer brand's football sponsorship, a Tianjin
vocational college, a Melbourne café app, a Hangzhou AI-camera startup, a Riyadh venue)
read measurable 0.960 and time_bound 0.955 before tuning (Liga MX, Clásico, Apertura,
Jornada 1, Día de Muertos, the AFL Grand Final, 高考后, 四件套, 百亿补贴, 3+2 programmes,
"rank in the top 3 … apps", a 10-stamp card, SAR 450 before its package, 4K AI宠物相机,
"vs the 2024 Apertura campaign" as a baseline), 1.000 and 1.000 after. The 200 lines noted
"blind set 24:" (representative: a Foshan tile brand, a Stockholm fintech, a Tibet travel
agency, a Lagos beverage company, a Shenyang hospital's check-ups, a Vancouver presale, a
Shanghai watch boutique, a Bangkok delivery brand) read measurable 0.955 and time_bound
0.955 before tuning (家装节, 600x1200, 35cl, nollning, "payout day", "over last Easter",
FM 96.9, Soi 38, 7-Eleven), 0.985 and 0.980 after (三八节, the hold-out's miss, left
untuned so that set stays unseen). The 198 lines noted "blind set 25:" (representative: a
Xiamen tea brand, a Warsaw accounting SaaS, the Harbin ice festival's tourism board, a
Nairobi pay-as-you-go solar company, a Guangzhou dental chain, a Madrid sports-nutrition
brand, a Hong Kong insurance agency, a Kunming flower shop) read measurable 0.985 and
time_bound 0.975 before tuning (春茶季, "before the long rains", the Valencia Marathon, San
Silvestre, 首年留存率 as a metric's name, "the new 100W kit", 99朵…礼盒, "into the top 3
destinations"), 1.000 and 1.000 after. The 200 lines noted "blind set 26:"
(representative: a Shenyang dairy brand's Spring Festival gift boxes, a Lisbon hotel
group, a Chongqing hotpot-base maker on Douyin, an Istanbul fashion brand, a Suzhou
kindergarten chain, a Jakarta ride-hailing app at Ramadan, a Taipei tea chain entering
Japan, a Sydney university's recruitment) read measurable 0.990 and time_bound 0.995
before tuning — "by the end of 2026" had been read as a model's name ("the DMU 65"), "15
May" as a count, 250ml×12盒 as a multiplier; "the first half of 2026" is now a period —
and 1.000 / 1.000 after. The 200 lines noted "blind set 27:" (representative: a
Hangzhou women's-wear brand, a Manchester football club, a Xi'an museum, a Mumbai
skincare brand, a Guangdong appliance maker, a Melbourne security firm, a Macau resort, a
Wuhan hospital) read measurable 0.980 and time_bound 0.980 before tuning (统一天猫 read as
"one day", a 1,200-seat stand, ₹599 before its gift box, 1.5匹 air conditioners,
Dhanteras, 院庆前, "at CyberCon", and 三八节 — the hold-out's one miss, written here
independently, so it was added and the hold-out now reads 1.000 on it: that line is no
longer unseen), 0.995 / 1.000 after ("Essential Eight" as a framework's name left). The
200 lines noted "blind set 28:" (representative: a Changsha milk-tea chain, a Toronto
brokerage, a Shandong farm-machinery maker, a São Paulo fitness app, a Beijing tutoring
company, a Dubai car dealer, a Kaohsiung restaurant group, a Seoul beauty brand in China)
read measurable 0.995 and time_bound 0.985 before tuning ("from 4.3 to 4.7" read 4.3 as
April 3rd, 春耕前, 9.9元…体验课 as the course's price, 入驻天猫国际前), 1.000 / 1.000 after.
The 200 lines noted "blind set 29:" (representative: a Quanzhou running-shoe brand, a Cape
Town wine-tourism company, a Nanning fruit cooperative, a Berlin e-bike subscription, a
Shanghai international school, a Riyadh venue, a Hong Kong developer's launch, a Jakarta
coffee chain) read measurable 0.970 and time_bound 0.990 before tuning (荔枝季, 热度第一,
85Nm, the 1L sharing bottle, 720度VR, the Year 7 scholarship, "the fasting month"),
0.990 / 1.000 after (鞋X9 and "City 2" as models left). The 200 lines noted "blind set
30:" (representative: a Zhengzhou instant-noodle brand, an Auckland tour operator, a
Dalian seafood gift-box company, a Milan eyewear brand in Asia, a Chengdu pet-food
startup, a Singapore bank's card sign-ups, a Taichung bakery's mooncakes, a Lagos
fintech's agents) read measurable 0.990 and time_bound 0.980 before tuning (120g桶装面,
Waitangi Day, the VM-312 model, Milan Fashion Week, the Singapore Grand Prix, "before
pre-orders open"), 1.000 / 1.000 after. The 200 lines noted "blind set 31:"
(representative: a Harbin frozen-dumpling brand, a Vancouver condo developer's presales,
a Yunnan coffee-bean exporter, a Kraków gaming-peripheral brand, a Guangzhou aesthetic
clinic chain, a Lima telecom's prepaid marketing, a Tainan boutique hotel, an Osaka
anime-merchandise company's China team) read measurable 0.990 and time_bound 0.915
before tuning — Peruvian and Polish holidays (Fiestas Patrias, Navidad, Dzień Dziecka,
Cyber Wow), trade fairs and tournaments by name (World of Coffee, SCA Expo, IEM
Katowice, Pyrkon, 夏コミ), "by end of the crop year", "co miesiąc", 采摘前, "ahead of
construction start", 二次元 read as a count, the 10/10/5 deposit structure read as a
date — 1.000 / 1.000 after (one label set to the documented convention: 24小时内回复率
is a rate named by its window). The 200 lines noted "blind set 32:" (representative: a
Wenzhou shoe exporter, a Melbourne coffee roaster, a Chongqing motorcycle maker's dealers
in South-East Asia, an Accra chocolate brand, a Shanghai pet-hospital chain, a Montreal
game studio, a Hong Kong dim-sum group, a Bangkok skincare brand) read measurable 0.985
and time_bound 0.910 before tuning — fairs and festivals by name (MAGIC Las Vegas, EICMA,
PAX East, MIGS, Steam Next Fest, Loy Krathong, Independence Day), "the same day", French
milestones (avant le lancement), 新年, 平日, 年尾, 发售前, Cantonese 控制喺30分鐘以內,
EURO5, the 250cc range and the 70% dark bar read as targets — and 1.000 / 0.995 after
(7日复诊提醒触达率 left: a window before a six-character rate name is read as a period;
widening the rate-name rule misread 30天内…回访率. One label set to the convention of
sets 19 and 25: monthly churn is measured over a month; and set 31's 平日 line set to
this set's reading, as 周末 is a period). The 200 lines noted "blind set 33:"
(representative: a Qingdao beer brand, a Dublin neobank's student accounts, a Lanzhou
noodle chain's franchising, a Buenos Aires wine exporter, a Shenzhen smart-home brand on
Amazon Europe, a Busan cosmetics ODM, a Penang durian brand, a Cairo edtech startup) read
measurable 0.985 and time_bound 0.935 before tuning — 啤酒节 and other festivals, Rag
Week and Freshers' Week, ProWein, in-cosmetics, Decanter WWA, Weihnachtsgeschäft, Raya,
榴莲季, 上架前, "the new school year", "during final exams", 零重大问题 as a zero count,
a 2K camera as what the product is — and 0.995 / 0.995 after (D24 as a durian's variety
code and a milestone behind Arabic in brackets left). The 200 lines noted "blind set
34:" (representative: a Changchun auto-parts brand, a Johannesburg streetwear label, a
Fuzhou tea-drink chain, a Porto port-wine house, a Suzhou silk brand, a Da Nang resort, a
Nagoya machine-tool maker in China, an Almaty supermarket chain) read measurable 0.970
and time_bound 0.935 before tuning — the rand glued to its amount (R250k), SS25, Youth
Day, São João, Tết, Nauryz, Новый год, JIMTOF, CCMT, CIMT, 月GMV, 下次, CC-300系列 and a
quoted product name ('Jozi 011' tee) read as targets, 零部件 read as a count — and 1.000 /
1.000 after. The 200 lines noted "blind set 35:" (representative: a Wuxi e-bike brand, a
Vienna concert hall, a Guiyang baijiu distillery, a Bogotá coffee chain, a Nanjing
museum's shop, a Cebu dive resort, a Kuala Lumpur halal snack brand, a Tashkent textile
exporter) read measurable 0.985 and time_bound 0.925 before tuning — Adventzeit,
Silvester, temporada navideña, Rock al Parque, Amor y Amistad, the "ber months", Holy
Week, Pasko, Earth Day, Texworld, ITMA, "for the year", tiap-tiap minggu, до конца марта,
a Mega sale's 9.9; a 48V battery and a quoted 礼盒's name read as targets — and 0.995 /
1.000 after ("unter 30", an age in German, left). The 200 lines noted "blind set 36:"
(representative: a Shantou toy maker, a Brisbane solar installer, a Xining yak-dairy
brand, a Hyderabad biryani chain, a Hangzhou SaaS company, a Nairobi safari lodge, a
Zhuhai yacht show, a Stockholm oat-milk brand in China) read measurable 0.980 and
time_bound 0.880 before tuning — fairs by name and by kind (香港玩具展, 开展前, 云栖大会,
Toy Fair, Spielwarenmesse, a Home Show, Ekka, FHC, any Expo), Ramzan, Bonalu, Dussehra,
IPL, monsoon, a food fest, the next edition; a 6.6kW system and 5-star reviews read as
targets — and 0.990 / 0.990 after (one label set to set 5's reading: a launch event as
the task's subject sets no window; "from 2.5 to 3 nights" reads 2.5 as a date, left).
The 200 lines noted "blind set 37:" asked for ORDINARY goals, as most teams write them (a
Chengdu hotpot chain abroad, a Berlin neobank, a Suzhou silk-scarf brand, a Toronto
brokerage, a university's admissions office, a Vietnamese coffee chain in China, a
Guangzhou cosmetics OEM, a US pet-food brand) and read measurable 0.985 and time_bound
0.975 before tuning — "this qtr", a German date (by 15.09.), 中国国际教育展; 19姆米 silk and
the SK-200 line read as targets — and 1.000 / 0.995 after (a recruitment tour by name
left; one label set to the conventions: "activate within 7 days of signup" is a period,
as "respond within 1 hour" is). The 200 lines noted "blind set 38:" stressed time words
(a Wuhan EV-charging network, a London theatre, a Yiwu exporter, an Austin security
startup, the Harbin ice festival, a Seoul K-beauty brand, a Melbourne gym franchise, a
Jiangxi orange co-op) and read measurable 0.970 and time_bound 0.940 before tuning —
press night, Season 2025, Black Hat, Chuseok, and durations that describe a thing (3年质保,
10年老店, 百年果园, 12-month memberships, a '7 days no reason return' policy) or a baseline
(vs FY25); £1.2M box office, SKU 200个 and Zero Trust misread — and 0.990 / 0.995 after
("精选80mm以上大果" and a quoted '10 Years Strong' campaign left). Sets 39 and 40 asked for
ordinary goals again, set 39 mostly Chinese (a Shanghai milk-tea chain, a Shenzhen
electronics brand abroad, a Beijing online-education company, a Taipei hotel group, a
Hong Kong insurer's agents, a Hangzhou women's-wear brand, a Chongqing car dealer, a
Xiamen tea brand's WeChat team) and set 40 mostly English (a US SaaS demand-gen team, a
UK supermarket's loyalty programme, a Singapore fintech app, an Australian wine
exporter, a Bangalore skincare brand, a New York museum's members, a Canadian
outdoor-gear retailer, a Chinese EV maker in Europe): 0.995 / 0.975 and 0.965 / 0.960
before tuning (期末前, end of fall term, the Big Billion Days, Canada Day, IAA Mobility;
a 100W charger, a 10% Niacinamide serum, a 100-year-old vineyard, 18-24 yr olds and an
800V platform read as targets; 8.5/10 read as a date), 1.000 / 0.985 and 0.990 / 0.975
after (one label set to sets 3, 15 and 34: a launch the task is for sets no window; a
slogan's 每天 in quotes, GSS, Members' Preview Days, a race named 10K left). Set 41 (a
Guangzhou appliance brand on JD and Tmall, a Nanjing private hospital, the Suzhou
industrial park's investment office, a Wuhan university's continuing education, a Los
Angeles mattress brand, a Dubai developer, a Jakarta e-wallet, a Manchester football
club) and set 42 (goals written from the checklist template itself: a Zhengzhou snack
brand's 618, a Foshan furniture maker's dealer conference, a Shenzhen Prime Day seller,
a Chengdu game launch, a Qingdao beer festival, a Singapore bank's cards, a Melbourne
university, a Barcelona label entering China) read 0.955 / 0.940 and 0.945 / 0.955
before tuning — product attributes above all (65寸电视+3年质保, 学制2年, 985/211, 世界500强,
a 12" mattress with a 100-night trial and a 10-yr warranty, 2BR units, a 500g pack, a 1L
keg, a 1.8米 bed, the 1903 series, a hotline, 1-on-1), fairs by kind (投洽会, 博览会, 订货会),
开班前, 版本更新前, matchdays, this wknd, Qixi, Premier League, last year's Prime Day or
4th of July sale as a baseline, 4.6提到4.8 — and 0.975 / 0.985 and 0.975 / 0.985 after
(two labels set to the conventions: 发卡后30天内激活率 and 首月动销率 are rates named by
their windows; a price in brackets after a package, 1款 as the article, trailing 90d left).
Set 43 (a Hangzhou Longjing tea brand's Double 11, a Wuhan dental chain, a Xiamen
running-shoe brand at the city marathon, the Harbin ice festival's tourism board, a Dubai
off-plan tower, a Nairobi mobile-money app, a Toronto B2B SaaS pipeline, a Lisbon
boutique hotel group) and set 44 (a Changsha milk-tea chain, a Suzhou bridal studio, a
Guangzhou cosmetics brand on Douyin, a Taipei bookstore café, a Hong Kong insurer's agents
and savings plans, a Mumbai coaching company's admissions, a São Paulo credit card, a
Berlin e-bike brand) read 0.970 / 0.975 and 0.965 / 0.990 before tuning — again what a
product is, now after "the" (the 24-room property, the 3-night package, the ₹999 series,
the 750Wh battery, the 0% IOF feature; the 3.2m sofa with them), 42K and 5K shoes, a
400电话, a Hong Kong hotline's number, HK$1,888 as a plan's price, 30-day active users
as a metric; KW48, Black Week, fiscal weeks 14–26, Santo António week, an opening
ceremony and the ice festival itself as periods, and IFA渠道 (advisers, not the Berlin
fair) as none — and 0.995 / 0.995 and 0.985 / 1.000 after (100%阿拉比卡, a 25 km/h
limit, Collision by name and floor 45 left).
Set 45 (a Chengdu hotpot chain on the delivery apps, a Xi'an museum's shop, a Shenzhen
drone maker abroad, a Nanjing kindergarten's enrolment, a Jakarta halal cosmetics
brand, a Lagos savings app, a Sydney wine-bar group, a Paris perfume house in China)
and set 46 (a Qingdao seafood brand, a Kunming flower wholesaler's livestreams, a
Shanghai luxury-car dealer, a Beijing law firm's seminars, a Seoul K-pop store, a Mexico
City taco chain, an Amsterdam bike-tour company, a Riyadh events organiser) read 0.950 /
0.975 and 0.960 / 0.945 before tuning — prices again (the 100ml Eau de Parfum (¥1,680) in
brackets), a date in brackets after its day (国际博物馆日（5.18）), hotlines by area code
and call centres, 5-star hotels, the 24h store and the 2-hour tour, 5-7pm; Vivid Sydney,
Mardi Gras, CIIE, King's Day, the Amsterdam Light Festival, 两会, 施行后, before the
Seoul concert or the Beijing seminar, Mon–Fri, a week named as the cell's heading
(Comeback week: …) as periods; a quoted FAQ page's title — and 0.975 / 0.990 and 0.990 /
0.990 after (prices written after a dish or set, 双人餐168元 and 9.9元毛肚, a fee per
month, a founding year, 7 Series, season's greetings left). Set 47 was written from the
checklist template again, as eight teams would fill in its goal column (a Hangzhou
women's-wear brand, a Guangzhou skincare brand's 618, a Beijing tutoring company, a
Shanghai coffee chain's openings, a London fintech, a Toronto furniture brand's Black
Friday, a Singapore hotel group, a Berlin software company's fairs): 0.990 / 0.990 before
tuning, 1.000 / 1.000 after (¥19.9 的 Americano as a price, the $800–1,000 range as a
target, through the Great Singapore Sale, it-sa). Set 48 (a Wuhan noodle brand, a Dalian
resort, a Hefei EV maker, a Xiamen tea-drink chain's franchising, a Manila telco, a
Dubai watch retailer, an Austin brewery, a Melbourne university) read 0.975 / 0.950 and
0.995 / 0.985 after (去年暑期 as a baseline, 市占率进前三, OTA推送后, 开放加盟前, a quoted
promo's name, GABF, bar #2, a US phone number, census date, Open Day, O-Week; the 2-year
Master, our Top 100 ranking and 夏天 — labelled a period here, not one in set 42's
"成为夏天的代名词" — left).
With sets 8 to 48, the estimate for
goals the analyser has never seen: about 95-99% on measurable (the last nineteen sets:
0.990, 0.990, 0.985, 0.985, 0.970, 0.985, 0.980, 0.985, 0.970, 0.995, 0.965, 0.955,
0.945, 0.970, 0.965, 0.950, 0.960, 0.990, 0.975 — the lowest where goals name products by
their sizes and prices; 0.990 for set 47, written from the template); on time-bound 93-99%
for ordinary wording (0.990, 0.980, 0.935, 0.935, 0.975 for set 37's everyday goals,
0.975, 0.960, 0.940, 0.955, 0.975, 0.990, 0.975, 0.945, 0.990 and 0.950 for sets 39 to
48's, 0.940 for set 38's time traps), and nearer 88-92.5% where a team
ties its goals to calendars and events of its own (0.915, 0.910, 0.925 and 0.880 for
sets in Peruvian Spanish and Polish; in French, Cantonese and Thai; in German, Colombian
Spanish, Tagalog and Russian; in Indian, Kenyan and Australian English). A benchmark,
not a test: it always exits 0."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tasklint.validators.goal_text import analyse_goal  # noqa: E402

DEFAULT_FILES = [ROOT / "tests/data/goals.jsonl", ROOT / "tests/data/goals_holdout.jsonl"]
FIELDS = ("measurable", "time_bound")


def load(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def scores(pairs: list[tuple[bool, bool]]) -> tuple[int, float, float, float]:
    """(count, accuracy, precision, recall) of (expected, predicted) pairs."""
    tp = sum(1 for e, p in pairs if e and p)
    fp = sum(1 for e, p in pairs if not e and p)
    fn = sum(1 for e, p in pairs if e and not p)
    n = len(pairs)
    accuracy = sum(1 for e, p in pairs if e == p) / n if n else float("nan")
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return n, accuracy, precision, recall


def report(path: Path) -> None:
    try:
        rows = load(path)
    except (OSError, ValueError) as exc:
        print(f"\n== {path}: cannot read ({exc})")
        return
    print(f"\n== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    results = [(row, analyse_goal(row["text"])) for row in rows]
    languages = sorted({row.get("lang", "?") for row in rows})
    print(f"{'field':<11} {'lang':<4} {'count':>5} {'accuracy':>9} {'precision':>9} {'recall':>7}")
    for field in FIELDS:
        for lang in [*languages, "all"]:
            pairs = [
                (bool(row[field]), bool(getattr(result, field)))
                for row, result in results
                if lang == "all" or row.get("lang", "?") == lang
            ]
            n, acc, prec, rec = scores(pairs)
            print(f"{field:<11} {lang:<4} {n:>5} {acc:>9.3f} {prec:>9.3f} {rec:>7.3f}")
    for field in FIELDS:
        wrong = [(row, r) for row, r in results if bool(row[field]) != bool(getattr(r, field))]
        print(f"\nmisclassified {field} ({len(wrong)}):")
        for row, r in wrong:
            expected = "yes" if row[field] else "no"
            found = r.quantities if field == "measurable" else r.periods
            print(
                f"  [{row.get('lang', '?')}] expected {expected:<3} found {found!r:<24} "
                f"{row['text']!r}  ({row.get('note', '')})"
            )
    texts = [row["text"] for row in rows] or [""]
    repeat = max(1, 20_000 // len(texts))
    runs = []
    # The analyser caches its answers (tables repeat their wording); time the work
    # itself, not cache hits.
    uncached = getattr(analyse_goal, "__wrapped__", analyse_goal)
    for _ in range(3):  # best of three: the machine may be busy with other work
        started = time.perf_counter()
        for _ in range(repeat):
            for text in texts:
                uncached(text)
        runs.append(time.perf_counter() - started)
    per_second = repeat * len(texts) / min(runs)
    print(
        f"\nspeed: {per_second:,.0f} statements/s, best of 3 runs of {repeat * len(texts):,} "
        f"({1e6 / per_second:.1f} µs per statement; budget 20 µs)"
    )


# Cells no one writes but a paste can hold: long runs that a backtracking pattern would
# take hours over (the tests check they are read right and end)
LONG_RUNS = {
    "10,000 digits": "1" * 10_000,
    "10,000 numerals": "一" * 10_000,
    "5,000 spaced digits": "1 " * 5_000,
    "a numeral, 10,000 spaces, a counter": "一" + " " * 10_000 + "个",
}


def report_long_runs() -> None:
    uncached = getattr(analyse_goal, "__wrapped__", analyse_goal)
    print("\nlong cells (best of 3):")
    for name, text in LONG_RUNS.items():
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            uncached(text)
            runs.append(time.perf_counter() - started)
        print(f"  {name:<40} {min(runs) * 1000:8.1f} ms")


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or DEFAULT_FILES
    analyse_goal("warm-up: 预热 1%")  # loads OpenCC once, outside the timing
    for path in paths:
        try:
            report(path)
        except Exception as exc:  # a benchmark reports, it does not fail
            print(f"\n== {path}: {type(exc).__name__}: {exc}")
    report_long_runs()
    return 0


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
