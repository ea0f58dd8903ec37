# -*- coding: utf-8 -*-
"""新材料 specialties (format: see textile.py)."""

SPECS = [
dict(
 code="mat_polymer", ind="新材料", zh="高分子材料改性", en="polymer modification",
 fz=["高分子材料", "塑料改性", "阻燃塑料", "增韧改性", "共混复合"],
 fe=["polymer compounding", "flame-retardant plastics", "toughening"],
 nb=["mfg_injection", "mat_biobased", "tex_coating"],
 es=["新材料有限公司", "塑胶科技有限公司", "高分子材料有限公司"],
 pz=["工程塑料增韧、增强与阻燃改性", "高分子共混相容性与配方设计"],
 az=["开发的无卤阻燃PC/ABS合金实现万吨级生产", "主持国家重点研发计划课题"],
 pe=["polymer blends and flame-retardant compounds"], ae=["developed compounds for automotive OEMs"],
 wz=[
  ("pa", "无卤阻燃PP的膨胀型阻燃体系与力学性能平衡", "APP/PER体系添加{22|25}%时达到UL94 V-0，缺口冲击强度通过POE-g-MAH增韧保持在8 kJ/m²以上。", "无卤阻燃;PP;膨胀型阻燃"),
  ("pa", "玻纤增强PA6的翘曲与纤维取向调控", "加入{10|15}%片状滑石粉后各向异性收缩降低，注塑件翘曲减小40%。", "玻纤增强;PA6;翘曲"),
  ("pa", "PC/ABS合金相容性与耐低温冲击", "采用SAN-g-MAH增容，-30℃缺口冲击强度提高{60|70}%。", "PC/ABS;相容剂;低温冲击"),
  ("pt", "一种耐候抗黄变ASA改性材料", "复配受阻胺与紫外吸收剂，氙灯老化{2000|1500} h色差ΔE<2。", "耐候;抗黄变;ASA"),
  ("pa", "回收PET瓶片增韧改性用于注塑制品", "扩链剂与弹性体复配使缺口冲击强度提高{3|4}倍。", "回收PET;扩链;增韧"),
  ("pa", "导热绝缘高分子复合材料的填料网络构建", "氮化硼{30|35}%填充时导热系数达到2.1 W/(m·K)。", "导热塑料;氮化硼;填料网络"),
 ],
 we=[
  ("pa", "Intumescent flame retardants for polypropylene with retained toughness", "APP/PER systems reached UL94 V-0 at 24% loading while elastomer grafts kept impact strength.", "intumescent;polypropylene;UL94"),
  ("pa", "Weathering stabilisation of styrenic polymers", "HALS and UV absorber blends kept colour change below ΔE 2 after 2000 h xenon exposure.", "weathering;HALS;yellowing"),
 ],
 pr=[
  ("阻燃PP加了阻燃剂就变脆", "我们做电器外壳用的阻燃PP，为了过UL94 V-0加了很多阻燃剂，结果冲击强度掉得厉害，跌落测试开裂。想找塑料改性专家平衡阻燃和韧性。", "阻燃PP;冲击强度;UL94;增韧",
   {"ev": 1, "d": ["z0", "e0"], "s": [], "r": ["mfg_injection"]}),
  ("户外塑料件晒几个月发黄", "户外用的ABS壳体晒半年明显发黄变脆，想换耐候材料或加稳定剂。", "耐候;发黄;户外塑料"),
  ("想用回收塑料降成本", "客户要求产品含30%再生料，但再生PET性能不稳定。", "再生塑料;回收PET;改性"),
  ("电机外壳需要导热塑料", "想用导热绝缘塑料替代铝壳，导热要2 W/mK以上。", "导热塑料;绝缘;替代铝"),
 ]),

dict(
 code="mat_nano_coating", ind="新材料", zh="纳米材料与功能涂层", en="nanomaterials and functional coatings",
 fz=["纳米材料", "功能涂层", "防腐涂层", "石墨烯", "超疏水涂层"],
 fe=["functional coatings", "nanomaterials", "anticorrosion coatings"],
 nb=["mat_surface", "tex_coating", "bio_biomaterial"],
 es=["涂料有限公司", "新材料有限公司", "纳米科技有限公司"],
 pz=["石墨烯等纳米材料改性防腐与功能涂层", "超疏水、防污与自清洁涂层"],
 az=["研发的石墨烯防腐涂料用于海上风电塔筒", "获浙江省技术发明二等奖"],
 pe=["nanocomposite anticorrosion coatings"], ae=["developed graphene dispersions for industrial coatings"],
 wz=[
  ("pa", "石墨烯改性水性环氧防腐涂层的屏蔽机理", "石墨烯添加{0.5|0.8}%时盐雾试验寿命由600 h提高到1500 h。", "石墨烯;水性环氧;防腐"),
  ("pa", "耐磨超疏水涂层的构筑与户外耐久性", "接触角{158|160}°，砂纸磨损50次后仍保持超疏水。", "超疏水;耐磨;户外耐久"),
  ("pt", "一种纳米二氧化硅改性高硬度透明涂层", "铅笔硬度达到{6H|5H}，透光率>91%。", "纳米二氧化硅;透明涂层;硬度"),
  ("pa", "光催化自清洁涂层在建筑外墙的应用", "TiO₂涂层使外墙污染速率降低{40|45}%。", "光催化;自清洁;TiO2"),
  ("pa", "纳米粒子在涂料中的分散稳定性与团聚控制", "采用原位表面改性，储存{6|12}个月无沉降。", "纳米分散;团聚;涂料稳定性"),
 ],
 we=[
  ("pa", "Graphene-enhanced waterborne epoxy coatings for marine corrosion protection", "Adding 0.5% few-layer graphene extended salt-spray life from 600 h to 1500 h.", "graphene;anticorrosion;waterborne epoxy"),
  ("pa", "Mechanically durable superhydrophobic coatings", "Hierarchical particle networks retained water contact angle above 150° after 50 abrasion cycles.", "superhydrophobic;durability;abrasion"),
 ],
 pr=[
  ("水性防腐漆盐雾试验过不了", "我们钢结构用的水性环氧防腐漆盐雾只能撑600小时，客户要求1000小时以上，听说石墨烯可以提高防腐，想找专家评估配方。", "水性防腐;盐雾;石墨烯;涂料",
   {"ev": 1, "d": ["z0", "e0"], "s": [], "r": ["mat_surface"]}),
  ("纳米填料一加就团聚", "涂料里加纳米二氧化硅做耐磨，放一个月就沉淀结块。", "纳米分散;团聚;涂料"),
  ("想做自清洁的外墙涂料", "客户希望外墙涂料能自清洁，减少雨痕污染。", "自清洁;光催化;外墙"),
 ]),

dict(
 code="mat_ceramic", ind="新材料", zh="先进陶瓷", en="advanced ceramics",
 fz=["先进陶瓷", "结构陶瓷", "氧化锆陶瓷", "陶瓷烧结"],
 fe=["advanced ceramics", "sintering"],
 nb=["mat_surface", "ene_li_battery"],
 es=["陶瓷科技有限公司", "新材料有限公司"],
 pz=["氧化锆、氮化硅等结构陶瓷制备与烧结", "陶瓷注射成型与精密加工"],
 az=["开发的氮化硅陶瓷球用于高速轴承", "主持陶瓷注射成型产业化项目"],
 pe=[], ae=[],
 wz=[
  ("pa", "氧化锆陶瓷注射成型脱脂开裂控制", "采用溶剂+热脱脂两步法，脱脂开裂率由{8|10}%降至1%以下。", "陶瓷注射成型;脱脂;开裂"),
  ("pa", "氮化硅陶瓷气压烧结与断裂韧性", "添加Y₂O₃-Al₂O₃助剂，断裂韧性达{7.5|7.8} MPa·m^1/2。", "氮化硅;气压烧结;断裂韧性"),
  ("pa", "氧化铝陶瓷基板翘曲与烧结收缩控制", "优化粉体粒度分布与承烧板，翘曲度<{0.1|0.15}%。", "氧化铝基板;翘曲;烧结收缩"),
  ("pt", "一种透明氧化铝陶瓷的制备方法", "热等静压后直线透过率达到{80|82}%。", "透明陶瓷;热等静压;氧化铝"),
 ],
 we=[],
 pr=[
  ("氧化锆陶瓷件脱脂开裂", "我们做注射成型氧化锆手表配件，脱脂后开裂和鼓泡多，良率不到80%。", "氧化锆;注射成型;脱脂开裂",
   {"ev": 1, "d": ["z0"], "s": [], "r": ["mfg_injection"]}),
  ("陶瓷基板烧完翘曲", "氧化铝陶瓷基板烧结后翘曲超标，后续加工成本高。", "陶瓷基板;翘曲;烧结"),
  ("想做氮化硅陶瓷轴承球", "客户需要高速电机用陶瓷轴承球，想了解氮化硅烧结技术。", "氮化硅;轴承球;烧结"),
 ]),

dict(
 code="mat_biobased", ind="新材料", zh="生物基与可降解材料", en="bio-based and biodegradable materials",
 fz=["可降解材料", "生物基材料", "聚乳酸", "PBAT"],
 fe=["biodegradable polymers", "bio-based plastics", "PLA"],
 nb=["mat_polymer", "tex_fiber", "bio_biomaterial"],
 es=["生物材料有限公司", "新材料有限公司", "包装科技有限公司"],
 pz=["聚乳酸、PBAT等可降解材料改性与加工", "生物基材料降解性能评价"],
 az=["开发的耐热PLA餐具材料实现产业化", "参与起草可降解塑料标识国家标准"],
 pe=["PLA crystallisation and compostable packaging"], ae=["worked on compostability certification in the EU"],
 wz=[
  ("pa", "成核剂对PLA结晶与耐热性的影响", "加入{1|2}%有机成核剂配合模内结晶，热变形温度由55℃提高到{105|110}℃。", "PLA;成核剂;耐热"),
  ("pa", "PBAT/淀粉吹膜材料的力学性能与成本", "淀粉添加{30|35}%时拉伸强度仍满足购物袋标准。", "PBAT;淀粉;吹膜"),
  ("pa", "可降解塑料在自然环境与堆肥条件下的降解对比", "工业堆肥{90|120}天降解率>90%，但土壤中一年不足20%。", "降解评价;堆肥;土壤降解"),
  ("pt", "一种PLA/PBS共混增韧材料", "断裂伸长率由6%提高到{150|180}%。", "PLA;PBS;增韧"),
 ],
 we=[
  ("pa", "Nucleation and in-mould crystallisation of heat-resistant PLA", "Organic nucleating agents raised heat deflection temperature to 105 °C with 40 s cycles.", "PLA;nucleation;heat resistance"),
  ("pa", "Compostability versus soil biodegradation of bioplastics", "Industrial composting reached 90% mineralisation in 90 days, while soil degradation stayed below 20% in a year.", "compostability;biodegradation;bioplastics"),
 ],
 pr=[
  ("PLA餐盒装热汤就变形", "我们做可降解餐盒，PLA材料装80度以上热汤就软塌，客户要求耐热100度。", "PLA;耐热;餐盒;结晶",
   {"ev": 1, "d": ["z0", "e0"], "s": [], "r": ["mat_polymer"]}),
  ("可降解袋子强度不够", "PBAT加淀粉的购物袋容易破，想提高强度又不增加太多成本。", "PBAT;购物袋;强度"),
  ("出口欧洲要可堆肥认证", "欧洲客户要求可堆肥认证，想了解测试要求和材料选择。", "可堆肥;认证;出口"),
 ]),

dict(
 code="mat_surface", ind="新材料", zh="金属表面处理", en="metal surface engineering",
 fz=["表面处理", "电镀", "阳极氧化", "耐蚀性", "热喷涂"],
 fe=["surface engineering", "anodising", "electroplating"],
 nb=["mat_nano_coating", "aero_al_alloy"],
 es=["表面处理有限公司", "金属制品有限公司"],
 pz=["铝合金阳极氧化与电镀工艺", "热喷涂与耐磨耐蚀涂层"],
 az=["开发的无铬钝化工艺在多家企业推广", "主持完成电镀园区清洁生产改造"],
 pe=["anodising and conversion coatings for aluminium"], ae=["developed chromium-free passivation"],
 wz=[
  ("pa", "6063铝型材硬质阳极氧化膜厚均匀性控制", "优化挂具与脉冲电源，膜厚偏差由±{8|10} μm降至±3 μm。", "阳极氧化;膜厚均匀性;铝型材"),
  ("pa", "无铬钝化膜在镀锌件上的耐蚀性能", "锆钛系钝化中性盐雾{96|120} h无白锈，替代六价铬。", "无铬钝化;镀锌;耐蚀"),
  ("pa", "超音速火焰喷涂WC-Co涂层耐磨性", "涂层孔隙率<{1|0.8}%，耐磨性为镀硬铬的4倍。", "热喷涂;WC-Co;耐磨"),
  ("pa", "铝合金阳极氧化封孔质量与染色色差", "中温封孔配合镍盐，染色批次色差ΔE<{1.0|1.2}。", "封孔;染色;阳极氧化"),
 ],
 we=[
  ("pa", "Chromium-free conversion coatings for zinc and aluminium", "Zirconium-titanium conversion layers passed 120 h neutral salt spray without white rust.", "conversion coating;chromium-free;corrosion"),
 ],
 pr=[
  ("铝型材阳极氧化颜色不一致", "我们的铝合金窗帘轨道阳极氧化染香槟色，同一批颜色都有深浅，客户投诉。", "阳极氧化;染色;色差;铝型材",
   {"ev": 1, "d": ["z3", "z0"], "s": [], "r": ["tex_dyeing"]}),
  ("环保要求取消六价铬钝化", "镀锌件钝化要换无铬工艺，但试了几种盐雾都不达标。", "无铬钝化;六价铬;盐雾"),
  ("液压杆镀铬想换热喷涂", "电镀铬环保压力大，想用热喷涂替代。", "热喷涂;替代镀铬;耐磨"),
 ]),

dict(
 code="mat_adhesive", ind="新材料", zh="胶黏剂与密封材料", en="adhesives and sealants",
 fz=["胶黏剂", "热熔胶", "聚氨酯胶", "密封胶"],
 fe=["adhesives", "sealants", "bonding"],
 nb=["tex_coating", "mat_polymer", "aero_composites"],
 es=["胶粘材料有限公司", "新材料有限公司"],
 pz=["热熔胶、聚氨酯胶与结构胶配方及应用", "复合面料与家具用胶黏剂"],
 az=["开发的无溶剂复合胶在家纺复合面料行业广泛应用", "制定胶黏剂VOC限量团体标准"],
 pe=[], ae=[],
 wz=[
  ("pa", "反应型聚氨酯热熔胶（PUR）在复合面料中的应用", "涂胶量{12|15} g/m²时剥离强度达到15 N/2.5cm，耐水洗20次无脱层。", "PUR热熔胶;复合面料;剥离强度"),
  ("pa", "沙发海绵粘接用水性胶的初粘力提升", "引入氯丁胶乳复配，初粘力提高{50|60}%，取代溶剂型喷胶。", "水性胶;初粘力;海绵粘接"),
  ("pa", "单组分硅酮密封胶的耐候与黄变", "紫外老化{1000|1500} h后仍无开裂。", "硅酮密封胶;耐候;黄变"),
  ("pt", "一种低VOC家具用热熔胶", "VOC释放量降低{80|85}%，满足室内空气质量要求。", "低VOC;热熔胶;家具"),
 ],
 we=[],
 pr=[
  ("复合面料洗几次就脱层", "我们的窗帘复合面料（正面提花+背面遮光布）用热熔胶网膜复合，水洗3次就局部脱层。", "复合面料;脱层;热熔胶;水洗",
   {"ev": 1, "d": ["z0"], "s": [], "r": ["tex_coating"]}),
  ("沙发厂喷胶味道大想换水性胶", "溶剂型喷胶气味大、VOC超标，换水性胶初粘力不够，工人不愿用。", "水性胶;喷胶;VOC;沙发"),
  ("密封胶用一年开裂发黄", "门窗密封胶户外一年就开裂发黄。", "密封胶;开裂;耐候"),
 ]),
]
