# -*- coding: utf-8 -*-
"""数字文旅 specialties (format: see textile.py)."""

SPECS = [
dict(
 code="tour_scenic", ind="数字文旅", zh="智慧景区", en="smart scenic areas",
 fz=["智慧景区", "客流预测", "票务系统", "景区数字化管理"],
 fe=["smart tourism", "visitor flow management"],
 nb=["ai_cv", "ai_timeseries", "geo_gis"],
 es=["景区管理有限公司", "文旅发展有限公司", "旅游开发有限公司"],
 pz=["景区客流预测、预约与承载量管理", "智慧景区信息化系统规划"],
 az=["主持编制浙江省智慧景区建设指南", "开发的客流预测模型在多个5A景区应用"],
 pe=["visitor flow forecasting and crowd management at heritage sites"], ae=["advised UNESCO sites on visitor management"],
 wz=[
  ("pa", "节假日景区客流的多源数据预测模型", "融合预约、OTA搜索指数与天气数据，日客流预测误差{8|9}%，提前{3|5}天发布预警。", "客流预测;多源数据;节假日"),
  ("pa", "景区最大承载量测算与分时预约策略", "按游览线路瓶颈测算瞬时承载量，分时预约使高峰排队时间缩短{45|50}%。", "承载量;分时预约;排队"),
  ("pj", "山岳型景区智慧导览与应急指挥系统", "集成北斗定位、广播与视频，游客走失找回时间缩短{60|65}%。", "智慧导览;应急指挥;山岳景区"),
  ("st", "《智慧景区建设与服务规范》地方标准", "规定票务、导览、客流监测与数据共享的功能要求与评价方法。", "智慧景区;建设规范;评价"),
  ("pa", "景区游客时空行为轨迹分析", "利用手机信令与Wi-Fi探针数据识别{6|8}类典型游览路径，优化设施布局。", "游客轨迹;手机信令;时空行为"),
 ],
 we=[
  ("pa", "Forecasting daily visitor numbers at heritage sites with search and booking data", "Combining online search indices with reservations cut forecast error to 8% on public holidays.", "visitor forecasting;search data;heritage sites"),
  ("pj", "Timed-entry reservations and crowding at UNESCO sites", "Capacity modelling of bottlenecks reduced peak queues by half.", "timed entry;crowding;capacity"),
 ],
 pr=[
  ("节假日景区人挤人，预约系统形同虚设", "我们是德清的一个山水景区，五一、国庆单日游客超过3万，核心栈道拥堵严重。虽然有预约系统但没分时段，也不知道最大承载量该定多少。想找智慧景区和客流管理的专家。", "客流管理;承载量;分时预约;景区",
   {"ev": 1, "d": ["z1", "e1"], "s": [], "r": ["ai_cv", "ai_timeseries"], "reg": "DQ"}),
  ("景区客流提前预测不准", "我们每次节假日排班和接驳车安排都靠拍脑袋，想做客流预测。", "客流预测;排班;节假日"),
  ("山里信号差游客走失", "景区山路多，每年都有游客走失，想做定位导览和应急系统。", "应急指挥;定位;导览"),
 ]),

dict(
 code="tour_homestay", ind="数字文旅", zh="民宿经营与乡村旅游", en="homestays and rural tourism",
 fz=["民宿经营", "乡村旅游", "民宿品牌", "农文旅融合"],
 fe=["rural tourism", "hospitality management"],
 nb=["tour_marketing", "tour_planning"],
 es=["民宿", "民宿管理有限公司", "乡村旅游发展有限公司"],
 reg_w=(20, 80, 0),
 pz=["莫干山等地民宿集群运营与品牌建设", "乡村旅游产品设计与农文旅融合"],
 az=["指导的民宿集群入选全国乡村旅游重点村", "编写《民宿管家服务规范》"],
 pe=["rural hospitality and agritourism"], ae=["studied boutique guesthouse clusters in Europe and Japan"],
 wz=[
  ("pa", "莫干山民宿集群的同质化竞争与差异化路径", "调研{120|150}家民宿，发现淡季入住率不足30%，提出主题化与会员运营策略。", "民宿集群;同质化;差异化"),
  ("pa", "民宿淡季产品设计与农文旅融合", "结合梨花节、采摘季设计{8|10}类体验产品，淡季入住率提高18个百分点。", "淡季产品;农文旅融合;体验"),
  ("st", "《民宿管家服务规范》团体标准", "规定管家岗位能力、接待流程与服务质量评价。", "民宿管家;服务规范;团体标准"),
  ("pa", "民宿收益管理与动态定价", "基于OTA需求数据的动态定价使RevPAR提升{12|15}%。", "收益管理;动态定价;民宿"),
  ("pj", "乡村旅游重点村运营机制研究", "总结村集体+运营商模式，{6|8}个村年均接待增长25%。", "乡村旅游;运营机制;村集体"),
 ],
 we=[
  ("pa", "Revenue management for boutique rural guesthouses", "Demand-driven pricing raised RevPAR by 14% in a 40-property cluster.", "revenue management;dynamic pricing;guesthouses"),
 ],
 pr=[
  ("民宿淡季入住率太低", "我们在莫干山有三栋民宿，旺季一房难求，但11月到次年3月入住率不到25%，员工还得养着。想找懂民宿经营和乡村旅游产品设计的专家。", "民宿;淡季;入住率;产品设计",
   {"ev": 1, "d": ["z1", "z0"], "s": [], "r": ["tour_marketing"], "reg": "DQ"}),
  ("民宿房价不知道怎么定", "周末和节假日价格定高了没人订，定低了又亏，想做动态定价。", "动态定价;收益管理;民宿", {"reg": "DQ"}),
  ("村里想发展乡村旅游但不知道怎么运营", "村里有梨园和老房子，想引入运营商发展乡村旅游。", "乡村旅游;运营;村集体"),
  ("民宿管家流动大服务不稳定", "管家换得频繁，服务水平参差不齐，客人评价下降。", "民宿管家;培训;服务质量", {"reg": "DQ"}),
 ]),

dict(
 code="tour_digital", ind="数字文旅", zh="数字文旅与沉浸式体验", en="digital culture and immersive experiences",
 fz=["数字文旅", "沉浸式体验", "VR/AR", "数字展陈", "文化遗产数字化"],
 fe=["immersive experiences", "virtual heritage", "AR/VR"],
 nb=["geo_3d", "tour_scenic"],
 es=["文化科技有限公司", "文旅发展有限公司", "数字科技有限公司"],
 pz=["文化遗产数字化与沉浸式展陈", "AR导览与文旅元宇宙内容开发"],
 az=["主持良渚文化数字展陈项目", "开发的AR导览应用下载量超百万"],
 pe=["virtual heritage and immersive storytelling"], ae=["produced award-winning museum AR experiences"],
 wz=[
  ("pa", "考古遗址的沉浸式数字展陈设计", "采用投影映射与空间音频还原{5000|5000余}年前聚落场景，观众停留时间增加两倍。", "沉浸式展陈;遗址;投影映射"),
  ("pa", "基于视觉定位的户外AR导览", "VPS定位精度{0.5|1} m，解决景区GPS漂移导致的AR内容错位。", "AR导览;视觉定位;户外"),
  ("pj", "非遗技艺三维数字化采集与展示", "完成{20|25}项非遗技艺动作捕捉与三维建档。", "非遗;数字化;动作捕捉"),
  ("pa", "夜游项目光影秀内容策划与游客满意度", "对{8|10}个夜游项目评估，叙事性与互动性是满意度关键。", "夜游;光影秀;满意度"),
 ],
 we=[
  ("pa", "Visual positioning for outdoor augmented reality tours", "A visual positioning service kept AR anchors within 1 m where GPS drifted by over 10 m.", "augmented reality;visual positioning;tours"),
  ("pa", "Immersive storytelling in archaeological site museums", "Projection mapping and spatial audio tripled dwell time in a Neolithic settlement gallery.", "immersive storytelling;projection mapping;museums"),
 ],
 pr=[
  ("景区AR导览内容老是飘", "我们在古镇做了AR导览，但手机GPS定位不准，虚拟建筑总是飘在别的地方，游客体验很差。", "AR导览;定位;内容错位",
   {"ev": 1, "d": ["z1", "e0"], "s": [], "r": ["geo_beidou"]}),
  ("想做夜游项目提升过夜游客", "景区晚上没有项目，游客下午就走了，想做光影夜游。", "夜游;光影秀;过夜游"),
  ("村里的非遗竹编想数字化保护", "老艺人年纪大了，想把竹编技艺完整记录下来做展示。", "非遗;竹编;数字化"),
 ]),

dict(
 code="tour_planning", ind="数字文旅", zh="乡村规划与景观设计", en="rural planning and landscape design",
 fz=["乡村规划", "景观设计", "旅游规划", "村庄更新"],
 fe=["rural planning", "landscape architecture"],
 nb=["tour_homestay", "geo_gis"],
 es=["规划设计有限公司", "文旅发展有限公司"],
 pz=["未来乡村与旅游度假区规划", "乡村景观与村庄有机更新设计"],
 az=["主持浙江省未来乡村规划导则编制", "设计项目获全国优秀城乡规划设计奖"],
 pe=[], ae=[],
 wz=[
  ("pa", "未来乡村场景规划的评价指标体系", "构建包括产业、风貌、数字化在内的{32|36}项指标，在10个村试评。", "未来乡村;评价指标;规划"),
  ("pa", "梨园景观与乡村旅游融合的规划设计", "以梨花期和采摘期为节点设计游线，季节性客流分布更均衡。", "梨园景观;乡村旅游;游线设计"),
  ("pj", "旅游度假区总体规划与生态承载力评估", "测算{3|4}类生态敏感区承载力，控制建设强度。", "度假区规划;生态承载力;总体规划"),
  ("pa", "传统村落风貌保护与民居改造导则", "提出屋顶、立面、材料等{24|28}条风貌管控要求。", "传统村落;风貌保护;民居改造"),
 ],
 we=[],
 pr=[
  ("村里梨园想做成景观吸引游客", "我们村有两千亩梨园，春天梨花很漂亮但游客只来半个月，想请规划专家做全年的景观和游线规划。", "梨园景观;乡村规划;游线",
   {"ev": 1, "d": ["z1"], "s": [], "r": ["tour_homestay", "agr_pear"]}),
  ("老村民房改造风貌乱", "村民自建房改民宿，风格五花八门，想制定改造导则。", "风貌管控;民居改造;导则"),
  ("未来乡村创建不知道怎么规划", "镇里申报未来乡村，需要场景规划和指标达标方案。", "未来乡村;场景规划;创建"),
 ]),

dict(
 code="tour_marketing", ind="数字文旅", zh="文旅营销与大数据", en="tourism marketing and analytics",
 fz=["文旅营销", "游客画像", "新媒体营销", "旅游大数据"],
 fe=["tourism marketing", "destination analytics"],
 nb=["ai_recsys", "tour_homestay"],
 es=["文化传媒有限公司", "文旅发展有限公司"],
 pz=["旅游目的地营销与新媒体传播", "旅游大数据与游客画像分析"],
 az=["策划的乡村旅游短视频话题播放量过亿", "建立的县域旅游大数据监测平台"],
 pe=["destination marketing and social media analytics"], ae=["led tourism data labs"],
 wz=[
  ("pa", "短视频平台对乡村旅游目的地的引流效果", "分析{2|3}万条短视频，达人探店内容转化率最高。", "短视频;引流;乡村旅游"),
  ("pa", "基于OTA评论的民宿服务质量感知分析", "情感分析{5|8}万条评论，卫生与管家服务是差评主因。", "OTA评论;情感分析;服务质量"),
  ("pj", "县域旅游大数据监测与游客画像平台", "整合交通、消费与住宿数据，游客来源地分析精度到地级市。", "旅游大数据;游客画像;监测平台"),
  ("pa", "文旅消费券的拉动效应评估", "双重差分估计每1元消费券带动{3.2|3.5}元消费。", "消费券;拉动效应;双重差分"),
 ],
 we=[
  ("pa", "Aspect-based sentiment analysis of guesthouse reviews", "Cleanliness and host service explained 60% of negative reviews across 80,000 comments.", "sentiment analysis;online reviews;hospitality"),
 ],
 pr=[
  ("OTA差评多但不知道问题在哪", "我们管理十几家民宿，OTA评论几千条，人工看不过来，想分析差评原因。", "OTA评论;差评分析;情感分析",
   {"ev": 1, "d": ["z1", "e0"], "s": [], "r": ["ai_llm", "tour_homestay"]}),
  ("短视频营销投入大没效果", "请了几个达人拍景区视频，播放量不错但游客没增加。", "短视频;营销转化;景区"),
  ("不知道游客从哪里来", "想了解游客来源地和消费习惯，做精准投放。", "游客画像;来源地;精准营销"),
 ]),
]
