# -*- coding: utf-8 -*-
"""节能环保 specialties (format: see textile.py)."""

SPECS = [
dict(
 code="env_wastewater", ind="节能环保", zh="工业废水处理", en="industrial wastewater treatment",
 fz=["工业废水处理", "印染废水", "高级氧化", "膜处理", "中水回用"],
 fe=["industrial wastewater treatment", "advanced oxidation", "membrane processes", "water reuse"],
 nb=["env_rural_sewage", "tex_dyeing", "bio_api"],
 es=["环保科技有限公司", "水处理有限公司", "环境工程有限公司"],
 pz=["印染、制药等高浓度难降解工业废水处理", "高级氧化与膜法深度处理及回用"],
 az=["主持设计的印染园区集中式污水处理厂日处理规模10万吨", "开发的臭氧催化氧化深度处理工艺获国家发明专利"],
 pe=["advanced oxidation and membrane treatment of industrial effluents", "zero liquid discharge"],
 ae=["designed wastewater reuse plants for textile parks in Asia", "developed catalytic ozonation processes"],
 wz=[
  ("pa", "印染废水臭氧催化氧化深度处理与色度去除", "以Mn-Ce/Al₂O₃为催化剂，出水COD由120 mg/L降至{40|45} mg/L以下，色度去除率>95%。", "印染废水;臭氧催化氧化;色度"),
  ("pa", "印染废水“双膜法”中水回用的膜污染控制", "超滤+反渗透回用率{60|65}%，通过化学清洗优化使RO清洗周期延长一倍。", "中水回用;膜污染;反渗透"),
  ("pa", "高盐制药废水的铁碳微电解-Fenton预处理", "可生化性B/C由0.12提高到{0.38|0.42}，后续生化系统稳定运行。", "制药废水;Fenton;可生化性"),
  ("pj", "印染园区污水处理厂提标改造", "出水由一级B提标至{准IV类|一级A}，新增深度处理单元运行成本{0.8|0.9}元/吨。", "提标改造;印染园区;深度处理"),
  ("pa", "活性污泥系统污泥膨胀的成因诊断与调控", "丝状菌膨胀时SVI高达{280|300} mL/g，通过选择池与溶解氧调控两周内恢复到120。", "污泥膨胀;丝状菌;SVI"),
  ("pt", "一种反渗透浓水的蒸发结晶零排放工艺", "MVR蒸发结晶实现分盐，产品氯化钠纯度≥{98|98.5}%。", "零排放;浓水;分盐结晶"),
 ],
 we=[
  ("pa", "Catalytic ozonation for tertiary treatment of textile dyeing effluent", "Mn-Ce catalysts reduced COD below {40|45} mg/L and removed 96% of colour at ozone doses of 40 mg/L.", "catalytic ozonation;textile effluent;colour removal"),
  ("pa", "Membrane fouling control in textile wastewater reuse", "Optimised cleaning regimes doubled the reverse-osmosis cleaning interval at 65% recovery.", "membrane fouling;reverse osmosis;water reuse"),
  ("pj", "Zero liquid discharge systems for industrial parks", "MVR evaporation with salt fractionation recovered sodium chloride of 98% purity.", "zero liquid discharge;salt recovery;MVR"),
 ],
 pr=[
  ("印染废水出水COD和色度不稳定", "我们印染厂自建污水站，生化出水COD在100左右徘徊，纳管要求50以下，色度也偏高。加了芬顿药剂成本太高、污泥量大。想找印染废水深度处理的专家。", "印染废水;COD;色度;深度处理",
   {"ev": 1, "d": ["z0", "z3", "e0"], "s": [], "r": ["tex_dyeing"], "u": "high"}),
  ("中水回用反渗透膜堵得太快", "为节水上了中水回用系统，反渗透膜两周就要清洗，产水量下降很快。", "中水回用;反渗透;膜污染",
   {"ev": 1, "d": ["e1"], "s": [], "r": []}),
  ("污水站污泥膨胀出水浑浊", "夏天生化池污泥膨胀，二沉池跑泥，出水SS超标。", "污泥膨胀;二沉池;SS"),
  ("制药废水生化处理效果差", "原料药车间废水高盐高COD，生化系统经常被冲击。", "制药废水;高盐;预处理"),
 ]),

dict(
 code="env_vocs", ind="节能环保", zh="VOCs废气治理", en="VOC emission control",
 fz=["VOCs治理", "废气处理", "RTO", "活性炭吸附", "涂装废气"],
 fe=["VOC abatement", "thermal oxidation", "adsorption"],
 nb=["env_energy_saving", "tex_coating"],
 es=["环保科技有限公司", "环境工程有限公司"],
 pz=["涂装、印刷、涂层行业VOCs源头替代与末端治理", "RTO与吸附浓缩工艺设计"],
 az=["完成200余家企业VOCs一厂一策方案", "参与制定浙江省涂装行业VOCs排放标准"],
 pe=["VOC abatement by adsorption and thermal oxidation"], ae=["designed RTO systems for coating lines"],
 wz=[
  ("pa", "沸石转轮浓缩+RTO处理涂层车间低浓度大风量VOCs", "风量{60000|80000} m³/h，浓缩倍数15，非甲烷总烃去除率>97%，运行能耗下降40%。", "沸石转轮;RTO;大风量"),
  ("pa", "活性炭吸附装置更换周期与脱附再生评估", "基于穿透曲线确定更换周期，避免“一炭到底”，治理效率由{40|45}%提升至85%。", "活性炭;穿透曲线;更换周期"),
  ("pj", "家纺涂层企业VOCs一厂一策综合治理", "通过水性化替代、车间密闭与RTO，排放量削减{80|85}%。", "一厂一策;涂层企业;VOCs削减"),
  ("pa", "RTO蓄热体堵塞与焚烧炉爆燃风险控制", "分析{12|10}起事故，提出预处理与LEL联锁要求。", "RTO安全;蓄热体;爆燃"),
  ("pa", "恶臭与VOCs组分的在线监测溯源", "GC-MS走航监测识别主要排放环节。", "在线监测;溯源;恶臭"),
 ],
 we=[
  ("pa", "Zeolite rotor concentration combined with RTO for high-volume low-concentration VOC streams", "Energy use fell by 40% while destruction efficiency exceeded 97%.", "zeolite rotor;RTO;energy efficiency"),
 ],
 pr=[
  ("涂层车间废气被督查要求整改", "我们窗帘面料涂层车间用活性炭吸附处理废气，环保督查检测非甲烷总烃超标，要求整改。风量大约5万m³/h，浓度不高。想找VOCs治理专家出方案，最好运行费用低一些。", "VOCs;活性炭;涂层车间;大风量",
   {"ev": 1, "d": ["z0", "z2", "e0"], "s": [], "r": ["tex_coating"], "u": "high"}),
  ("RTO运行费用太高", "RTO天然气费用每月十几万，想知道怎么节能。", "RTO;运行费用;节能"),
  ("厂界有异味被投诉", "周边居民投诉异味，我们不清楚是哪个环节排放的。", "异味;溯源;在线监测"),
 ]),

dict(
 code="env_solid_waste", ind="节能环保", zh="固废与危废资源化", en="solid waste valorisation",
 fz=["固废资源化", "污泥处理处置", "危险废物", "废旧纺织品回收"],
 fe=["waste valorisation", "sludge treatment"],
 nb=["env_wastewater", "agr_eco_cycle", "tex_fiber"],
 es=["环保科技有限公司", "再生资源有限公司"],
 pz=["印染污泥、工业危废减量与资源化", "一般工业固废综合利用"],
 az=["开发的印染污泥干化焚烧工艺在多个园区应用", "主持浙江省“无废城市”技术指导"],
 pe=[], ae=[],
 wz=[
  ("pa", "印染污泥低温干化与协同焚烧", "含水率由{80|82}%降至30%以下，减量70%。", "印染污泥;干化;协同焚烧"),
  ("pa", "废活性炭再生与危废减量", "热再生后碘值恢复{85|90}%，危废处置量减少60%。", "废活性炭;再生;危废减量"),
  ("pj", "“无废园区”建设与工业固废综合利用", "园区固废综合利用率由{72|75}%提高到92%。", "无废园区;综合利用;工业固废"),
  ("pa", "废旧纺织品分拣与高值化利用路径", "近红外分拣纯涤纶准确率{95|96}%，为化学回收提供原料。", "废旧纺织品;分拣;高值化"),
 ],
 we=[],
 pr=[
  ("印染污泥处置费太贵", "我们每天产生20吨含水80%的印染污泥，外运处置费很高，想先干化减量。", "印染污泥;干化;减量",
   {"ev": 1, "d": ["z0"], "s": [], "r": ["env_wastewater"]}),
  ("废活性炭算危废处置成本高", "VOCs治理产生的废活性炭作为危废处置，一年花几十万，想再生利用。", "废活性炭;危废;再生"),
  ("园区想创建无废园区", "园区管委会想创建无废园区，需要固废摸底和利用方案。", "无废园区;固废;综合利用"),
 ]),

dict(
 code="env_energy_saving", ind="节能环保", zh="工业节能与余热回收", en="industrial energy efficiency",
 fz=["工业节能", "余热回收", "热泵技术", "能源管理", "空压系统节能"],
 fe=["industrial energy efficiency", "waste heat recovery", "heat pumps"],
 nb=["env_vocs", "ene_pv", "tex_dyeing"],
 es=["节能科技有限公司", "能源管理有限公司"],
 pz=["印染、化工行业余热回收与热泵应用", "压缩空气系统与能源管理体系"],
 az=["完成100余家企业能源审计", "开发的定型机废气余热回收装置节能20%"],
 pe=["waste heat recovery and industrial heat pumps"], ae=["led energy audits for European manufacturers"],
 wz=[
  ("pa", "定型机废气余热回收与油烟协同净化", "热管换热器回收{150|160}℃废气余热，定型机燃气消耗下降18%，同时去除油烟70%。", "定型机;余热回收;油烟"),
  ("pa", "染色废水余热的热泵回收利用", "回收{45|50}℃染色排水热量预热进水，年节约蒸汽3000吨。", "热泵;染色废水;余热"),
  ("pa", "工厂压缩空气系统泄漏检测与节能", "超声检漏发现泄漏率{30|35}%，治理后空压机电耗下降22%。", "压缩空气;泄漏;空压机"),
  ("pj", "重点用能企业能源管理体系建设", "建立能源计量与绩效指标，单位产品能耗下降{8|10}%。", "能源管理体系;能源计量;能耗"),
 ],
 we=[
  ("pa", "Industrial heat pumps for process water heating in textile finishing", "Recovering heat from 45 °C effluent saved 3,000 tonnes of steam per year at a COP of 4.2.", "industrial heat pump;textile finishing;heat recovery"),
 ],
 pr=[
  ("定型机天然气费用太高", "我们有6台定型机，每月天然气费用上百万，排气温度很高，想做余热回收。", "定型机;余热回收;天然气",
   {"ev": 1, "d": ["z0"], "s": [], "r": ["env_vocs"]}),
  ("空压机电费高", "工厂空压机一天24小时开，听说管网泄漏很严重。", "空压机;泄漏;节电"),
  ("染色热排水白白排掉", "染色排水温度五十度左右，直接排掉可惜，想回收热量。", "热泵;排水余热;节能"),
 ]),

dict(
 code="env_soil", ind="节能环保", zh="土壤与地下水修复", en="soil and groundwater remediation",
 fz=["土壤修复", "重金属污染", "地下水修复", "污染场地调查"],
 fe=["soil remediation", "contaminated land"],
 nb=["agr_soil", "env_solid_waste"],
 es=["环境修复有限公司", "环保科技有限公司"],
 pz=["重金属与有机污染土壤修复", "污染场地调查与风险评估"],
 az=["主持完成30余个污染场地修复工程", "编制浙江省污染地块调查技术指南"],
 pe=[], ae=[],
 wz=[
  ("pa", "农田镉污染土壤的钝化修复与低积累品种", "钝化剂配合低积累水稻品种，糙米镉含量降至{0.15|0.12} mg/kg以下。", "镉污染;钝化;低积累品种"),
  ("pa", "搬迁印染企业场地的苯胺类污染调查", "布设{40|45}个土壤点位，识别苯胺与重金属复合污染。", "场地调查;苯胺;印染企业"),
  ("pa", "原位化学氧化修复氯代烃污染地下水", "过硫酸盐活化使TCE去除率达到{90|92}%。", "原位化学氧化;氯代烃;地下水"),
  ("pj", "污染地块风险评估与再开发利用", "为{6|8}个地块完成风险评估与修复方案。", "风险评估;污染地块;再开发"),
 ],
 we=[],
 pr=[
  ("老厂区转让需要做污染调查", "我们搬迁后老厂区要转让做住宅，需要做土壤污染状况调查，以前是印染厂。", "场地调查;印染厂;土壤污染",
   {"ev": 1, "d": ["z1", "z3"], "s": [], "r": ["env_wastewater"]}),
  ("稻田镉超标", "村里部分稻田稻米镉超标，想做修复或调整种植。", "镉污染;稻田;钝化"),
  ("厂区地下水有氯代烃", "环评监测发现地下水三氯乙烯超标。", "地下水;三氯乙烯;修复"),
 ]),

dict(
 code="env_rural_sewage", ind="节能环保", zh="农村生活污水与水环境", en="rural sewage and water environment",
 fz=["农村生活污水", "人工湿地", "水环境治理", "黑臭水体"],
 fe=["decentralised wastewater treatment", "constructed wetlands"],
 nb=["env_wastewater", "agr_aquaculture"],
 es=["环境工程有限公司", "水务有限公司"],
 pz=["农村生活污水分散式处理与人工湿地", "河道水环境生态治理"],
 az=["主持浙江省农村生活污水处理设施运维导则编制", "建设的人工湿地示范工程运行10年"],
 pe=["decentralised wastewater treatment in rural areas"], ae=["designed constructed wetlands in Southeast Asia"],
 wz=[
  ("pa", "农村生活污水A/O+人工湿地组合工艺长期运行效果", "{36|48}个站点监测表明总氮去除率冬季下降明显，提出保温与碳源补充措施。", "农村污水;人工湿地;总氮"),
  ("pa", "民宿集聚区污水水量波动与处理设施设计", "周末水量是平日的{3|4}倍，采用调节池与模块化设备应对冲击。", "民宿污水;水量波动;模块化"),
  ("pj", "农村污水处理设施智慧运维平台", "接入{500|600}个站点在线数据，故障发现时间缩短到1天。", "智慧运维;农村污水;在线监测"),
  ("pa", "河道生态修复的沉水植物群落构建", "种植苦草、黑藻后透明度提高{40|50}厘米。", "沉水植物;生态修复;透明度"),
 ],
 we=[
  ("pa", "Hybrid constructed wetlands for rural wastewater in subtropical climates", "Vertical-horizontal systems removed 70% of nitrogen, with winter performance kept by carbon dosing.", "constructed wetlands;rural wastewater;nitrogen removal"),
 ],
 pr=[
  ("民宿村周末污水处理站出水超标", "我们村有40多家民宿，平时污水量不大，周末和节假日游客多，处理站出水氨氮超标。", "民宿污水;水量波动;氨氮;处理站",
   {"ev": 1, "d": ["z1"], "s": [], "r": ["env_wastewater", "tour_homestay"], "reg": "DQ"}),
  ("人工湿地冬天处理效果下降", "村里人工湿地冬天总氮出水不达标。", "人工湿地;冬季;总氮"),
  ("村里小河发绿发臭", "村前河道夏天发绿有异味，想做生态治理。", "河道治理;富营养化;生态修复"),
 ]),
]
