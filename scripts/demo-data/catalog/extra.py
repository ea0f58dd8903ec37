# -*- coding: utf-8 -*-
"""Additional hand-written problems (English ones posted by foreign-invested enterprises, and more Chinese ones),
appended to the specialties' problem lists, plus the titles of catalogue problems that go to the main problem set
instead of the evaluation set. Format: see textile.py."""

EXTRA = {
 # ---------- English, evaluation ----------
 "tex_func_finish": [
  ("Curtains lose NFPA 701 rating after hotel laundering", "We are a US-invested curtain maker in Yuhang supplying hotel chains. Our polyester drapery passes NFPA 701 when new, but after about 15 industrial wash cycles the char length exceeds the limit. The current finish is a non-durable phosphate. We need a flame-retardant finishing expert to propose a wash-durable system that keeps the soft hand.", "NFPA 701;durable flame retardant;laundering;drapery",
   {"ev": 1, "d": ["z1", "e1", "z5"], "s": [], "r": ["tex_coating", "tex_fiber"], "reg": "YH"}),
  ("Water-repellent finish for outdoor cushions without PFAS", "Our European customer will not accept any PFAS from 2026. Outdoor cushion fabrics must keep spray rating 80 after 10 washes and show some oil resistance.", "PFAS-free;water repellency;outdoor fabric"),
 ],
 "tex_dyeing": [
  ("Dye-lot shade variation on polyester upholstery", "Our German parent company rejects about 6% of polyester upholstery rolls because of shade differences between dye lots (ΔE up to 1.6 under D65). We dye in jet machines with disperse dyes and correct by adding dye. We are looking for a dyeing specialist to find the root cause and make the process right-first-time.", "shade variation;dye lots;disperse dyeing;right-first-time",
   {"ev": 1, "d": ["z0", "e0", "z3", "z7"], "s": [], "r": ["tex_testing"]}),
 ],
 "geo_3d": [
  ("Building-level 3D models for a campus digital twin", "Our Deqing joint venture builds digital twins for industrial parks. We have oblique aerial imagery meshes but need each building as a separate object with attributes, and the meshes must stream in a web viewer. Manual editing is too slow. We are looking for an expert in photogrammetric mesh segmentation and 3D Tiles.", "digital twin;mesh segmentation;oblique photogrammetry;3D Tiles",
   {"ev": 1, "d": ["z0", "e0", "z3", "e1"], "s": [], "r": ["geo_lidar", "geo_gis"], "reg": "DQ"}),
 ],
 "ai_data": [
  ("Duplicate materials and suppliers after ERP migration", "After merging two ERP systems our Hangzhou subsidiary has about 30% duplicate material codes and supplier records. Inventory and purchasing reports are unreliable. We need an expert in master data governance and entity resolution.", "master data;duplicates;ERP migration;entity resolution",
   {"ev": 1, "d": ["z0", "e1"], "s": [], "r": ["ai_kg"], "reg": "YH"}),
 ],
 "agr_pest": [
  ("Reducing insecticide and fungicide sprays for pears exported to the EU", "We are a Singapore-invested fruit company sourcing pears from Deqing growers for export. EU residue limits are strict and growers currently spray more than ten times a season against fruit moth and scab. We want an expert to design a low-spray programme based on pheromone disruption and disease forecasting.", "residue limits;mating disruption;scab forecasting;pear export",
   {"ev": 1, "d": ["z0", "z1", "e0", "e1"], "s": [], "r": ["agr_pear", "agr_smart"], "reg": "DQ"}),
 ],
 "env_vocs": [
  ("Natural gas cost of the RTO on our coating line", "Our Japanese-invested coated fabric plant runs a 60,000 m³/h RTO on low-concentration exhaust. Gas consumption is very high because the VOC concentration is only 200 mg/m³. We would like an expert to evaluate a concentration step before the RTO.", "RTO;concentrator;low concentration VOC;energy cost",
   {"ev": 1, "d": ["z0", "e0"], "s": [], "r": ["env_energy_saving"]}),
 ],
 "ene_pv": [
  ("Power loss on part of our rooftop PV strings", "Our Yuhang plant (a Dutch-owned company) has a 3 MW rooftop system. Strings near the negative end of long inverters lost 10% power in two years. Our O&M contractor suspects potential-induced degradation. We need an expert in PV module reliability to confirm and propose remedies.", "PID;rooftop PV;string power loss;module reliability",
   {"ev": 1, "d": ["z1", "e0"], "s": [], "r": ["ene_power_elec"], "reg": "YH"}),
 ],
 "mfg_robotics": [
  ("Robot picking of shiny machined parts from bins", "Our German-invested plant in Deqing wants a robot to pick chrome-plated valve bodies from mixed bins and load a CNC machine. A trial with a 2D camera failed because of reflections and overlapping parts. We need an expert in 3D-vision-guided bin picking.", "bin picking;3D vision;reflective parts;machine tending",
   {"ev": 1, "d": ["z1", "e1"], "s": [], "r": ["mfg_machine_vision"], "reg": "DQ"}),
 ],
 "bio_gmp": [
  ("Contamination control strategy for our fill-finish line", "Our US-invested injectable plant must update its aseptic processing to the revised EU GMP Annex 1 before an EU inspection next year. Grade B environmental monitoring excursions occur a few times a quarter and investigations rarely find root causes. We need a GMP expert with Annex 1 experience.", "Annex 1;contamination control strategy;aseptic filling;environmental monitoring",
   {"ev": 1, "d": ["z2", "e0"], "s": [], "r": ["bio_bioprocess"]}),
 ],
 "mat_biobased": [
  ("Compostability certification of PLA cutlery for the EU", "We export PLA cutlery to Europe through our Belgian shareholder. The buyer now requires industrial compostability certification and asks whether our heat-resistant grade with mineral filler still qualifies. We need a biodegradable-materials expert to plan the testing.", "compostability;PLA cutlery;certification;EU",
   {"ev": 1, "d": ["z2", "e1"], "s": [], "r": ["mat_polymer"]}),
 ],
 # ---------- English, main set ----------
 "tex_coating": [
  ("Coated blackout fabric delaminates after tumble drying", "Our Yuhang plant, owned by a Swedish home furnishing supplier, sees the acrylic foam coating peel from the polyester base fabric after five tumble-dry cycles at 60 °C. Peel strength is 4 N/3 cm against a 8 N target.", "delamination;foam coating;peel strength;tumble drying", {"reg": "YH"}),
  ("Moving from solvent PU to waterborne coating", "We coat technical curtain fabrics with solvent-based PU. The parent company in Germany wants a DMF-free process within two years without losing hydrostatic head.", "DMF-free;waterborne PU;coating line"),
 ],
 "tex_upholstery": [
  ("Seam slippage complaints on contract upholstery", "A UK contract furniture customer reports seam slippage on our woven polyester upholstery after six months in hotel lobbies. Tests give 7 mm opening at 180 N. We need advice on construction or back-coating.", "seam slippage;upholstery;back-coating"),
 ],
 "tex_testing": [
  ("REACH SVHC declarations for our bedding range", "Our EU importer asks for SVHC declarations for every component, including printed labels and zips. We need help building a supplier chemical management system.", "REACH;SVHC;supplier declarations"),
 ],
 "mfg_mold_design": [
  ("Long cycle time on thick-walled PP housings", "Our Japanese-owned plant has a 55 s cycle on a 4 mm PP housing; cooling is the bottleneck. We want to know whether conformal cooling inserts would pay back.", "cycle time;conformal cooling;thick wall"),
 ],
 "mfg_injection": [
  ("Short shots after transferring a mould to another press", "When we move moulds between our Engel and Haitian machines we get short shots and flash, although set values are copied. We need a method to transfer processes between machines.", "process transfer;short shot;injection moulding"),
 ],
 "mfg_cnc": [
  ("Chatter on deep pockets in aluminium housings", "Our Swiss-owned machining plant sees chatter marks on 60 mm deep pockets milled with long-reach end mills. Reducing speed costs too much cycle time.", "chatter;deep pocket;long-reach tool"),
 ],
 "mfg_machine_vision": [
  ("Inline inspection of printed film at high speed", "We produce printed decorative film at 150 m/min and rely on operators to spot defects. We want a line-scan inspection system.", "line-scan;film inspection;printing defects"),
 ],
 "mfg_welding": [
  ("Porosity in laser-welded aluminium battery trays", "Our Korean joint venture laser welds 6061 trays and X-ray shows porosity above the customer limit on 12% of seams.", "laser welding;porosity;aluminium trays"),
 ],
 "mfg_mes": [
  ("MES for a mid-sized component plant", "Our Italian-owned plant with 180 employees wants an MES that can go live within six months, connected to SAP.", "MES;implementation;SAP integration"),
 ],
 "bio_antibody": [
  ("Afucosylated antibody for enhanced ADCC", "Our oncology start-up in Hangzhou, founded by returnees, wants to develop an afucosylated version of our lead antibody. We need a cell line engineering expert.", "afucosylation;ADCC;cell line engineering"),
 ],
 "bio_api": [
  ("Polymorph conversion during API drying", "Our Swiss-owned API site observes partial conversion to a metastable form during drying of the final crystallisation step.", "polymorph;drying;crystallisation"),
 ],
 "bio_bioprocess": [
  ("Resin costs in Protein A capture", "We want to cut Protein A resin costs for a clinical mAb by moving to continuous capture. Looking for downstream experts.", "Protein A;continuous chromatography;resin cost"),
 ],
 "bio_ivd": [
  ("Lateral flow test lacks sensitivity at low antigen levels", "Our Dutch-invested diagnostics company needs a tenfold sensitivity gain on an antigen lateral flow test without a reader.", "lateral flow;sensitivity;signal amplification"),
 ],
 "geo_beidou": [
  ("Positioning drift of delivery robots in dense urban blocks", "Our delivery robots drift by several metres between high buildings. We want GNSS/INS integration expertise.", "GNSS/INS;urban canyon;delivery robots"),
 ],
 "aero_composites": [
  ("Compression-after-impact allowables for a UAV wing", "Our Deqing joint venture needs CAI data and a toughening approach for carbon/epoxy wing skins of a cargo drone.", "CAI;impact damage;UAV wing", {"reg": "DQ"}),
 ],
 "aero_al_alloy": [
  ("Stress corrosion cracking of 7075 fittings", "Our French-owned aerospace supplier saw SCC on 7075-T6 fittings in salt fog testing and needs a temper change study.", "SCC;7075;temper"),
 ],
 "aero_additive": [
  ("Support removal distorts thin LPBF heat exchangers", "We print thin-walled heat exchangers in AlSi10Mg and they distort when removed from the plate.", "LPBF;distortion;support removal"),
 ],
 "ai_llm": [
  ("Bilingual assistant for service engineers", "Our German-invested machinery company wants a chatbot that answers service engineers in Chinese from English manuals without inventing parameters.", "bilingual assistant;RAG;service manuals"),
 ],
 "ai_iiot": [
  ("Edge gateway for mixed PLC brands", "Our US-owned factory needs to collect data from Siemens, Mitsubishi and Omron PLCs into one cloud platform with buffering during network loss.", "edge gateway;PLC data;buffering"),
 ],
 "ai_cv": [
  ("Counting visitors at a museum entrance", "We manage a private museum of local history and need accurate people counting from existing CCTV for capacity control.", "people counting;CCTV;capacity"),
 ],
 "agr_postharvest": [
  ("Shelf life of early pears for online retail", "Our Hong Kong-invested e-commerce company sells Cuiguan pears nationwide and loses 8% to softening in transit.", "shelf life;softening;e-commerce", {"reg": "DQ"}),
 ],
 "agr_food": [
  ("Pear juice concentrate colour stability", "We export pear juice concentrate and the buyer complains about darkening during storage.", "juice concentrate;browning;storage"),
 ],
 "tour_scenic": [
  ("Visitor forecasting for a new resort", "Our international resort operator in Moganshan needs daily visitor forecasts for staffing and shuttle buses.", "visitor forecasting;resort;staffing", {"reg": "DQ"}),
 ],
 "mat_nano_coating": [
  ("Anti-corrosion coating for coastal steel structures", "We need a waterborne coating with 1500 h salt spray resistance for steel frames shipped to coastal sites.", "anticorrosion;salt spray;waterborne coating"),
 ],
 "env_wastewater": [
  ("Colour in treated dyehouse effluent", "Our Turkish-invested dyehouse meets COD limits but the treated effluent is still visibly coloured. We are considering ozone.", "colour removal;ozonation;dyehouse effluent"),
 ],
 "ene_li_battery": [
  ("Fast-charging protocol for LFP cells", "Our battery pack company needs a charging protocol that avoids lithium plating at 5–15 °C.", "fast charging;lithium plating;LFP", {"reg": "DQ"}),
 ],
 "ene_bms": [
  ("Thermal runaway detection in containerised storage", "Our European-invested storage integrator needs early warning before venting for 3.7 MWh containers.", "thermal runaway;early warning;containers"),
 ],
 "ene_power_elec": [
  ("EMC failure of a SiC storage converter", "Our 100 kW SiC PCS fails conducted emissions between 150 kHz and 1 MHz.", "EMC;SiC;conducted emissions"),
 ],
 "ene_hydrogen": [
  ("Cold start of fuel cell forklifts", "Fuel cell forklifts in our cold store at -20 °C fail to start reliably.", "cold start;fuel cell;forklift"),
 ],
 # ---------- more Chinese problems, main set ----------
 "tex_digital_print": [
  ("活性墨水印花棉床品得色浅", "棉床品数码印花用活性墨水，深色得色量不够，黑色发灰，前处理浆料是自己配的。", "活性墨水;得色量;前处理"),
 ],
 "tex_weaving": [
  ("雪尼尔沙发布织造时掉毛", "雪尼尔纱织造时毛羽脱落严重，车间粉尘大，布面也有稀密路。", "雪尼尔;掉毛;织造"),
 ],
 "tex_sewing_auto": [
  ("窗帘卷边缝制效率低", "宽幅窗帘卷边靠人工，三米以上面料两个人配合才能缝，想上自动化设备。", "卷边;宽幅;自动缝制"),
 ],
 "mfg_plc": [
  ("包装线安全联锁不规范", "客户验厂指出我们包装线安全门联锁不符合要求，想按标准整改。", "安全联锁;包装线;验厂"),
 ],
 "mfg_servo": [
  ("伺服电机低速爬行", "转台伺服在低速时有爬行和抖动，怀疑增益或机械问题。", "低速爬行;伺服;转台"),
 ],
 "mfg_pdm": [
  ("空压站没有状态监测", "厂里6台螺杆空压机经常故障停机，想做振动和温度监测。", "空压机;状态监测;振动"),
 ],
 "bio_formulation": [
  ("缓释片释放不平稳", "仿制缓释片前2小时突释明显，与参比曲线不一致。", "缓释片;突释;释放曲线"),
 ],
 "bio_tcm": [
  ("杭白菊提取物总黄酮含量低", "我们做杭白菊提取物，总黄酮纯度只有30%，客户要求50%以上。", "杭白菊;总黄酮;纯化"),
 ],
 "geo_survey": [
  ("高铁旁工程需要做控制网复测", "承接的高铁沿线工程需要CPⅢ复测，团队经验不足。", "控制网;复测;高铁"),
 ],
 "geo_lidar": [
  ("车载点云道路要素提取工作量大", "城市道路普查项目车载点云量很大，标线和杆件提取靠人工。", "车载点云;道路要素;提取"),
 ],
 "aero_satellite": [
  ("太阳翼展开试验偶发卡滞", "微小卫星太阳翼地面展开试验中偶发铰链卡滞。", "太阳翼;展开机构;卡滞"),
 ],
 "aero_uav": [
  ("无人机冬季桨叶结冰", "山区巡检无人机冬季飞行桨叶结冰导致掉高。", "结冰;桨叶;巡检无人机"),
 ],
 "ai_security": [
  ("等保测评整改", "平台要过等保三级测评，想找专家做差距分析。", "等级保护;测评;整改"),
 ],
 "agr_husbandry": [
  ("湖羊场夏季热应激", "夏天湖羊采食量下降，母羊受胎率低，羊舍降温条件差。", "热应激;湖羊;羊舍降温"),
 ],
 "agr_aquaculture": [
  ("鳜鱼苗种发病率高", "外购鳜鱼苗放养后一个月内大量死亡，怀疑病毒病。", "鳜鱼;病毒病;苗种"),
 ],
 "agr_eco_cycle": [
  ("农场想做鱼菜共生", "家庭农场想搞鱼菜共生做亲子体验，不知道系统怎么设计。", "鱼菜共生;家庭农场;设计"),
 ],
 "tour_digital": [
  ("博物馆想做沉浸式展厅", "区里的遗址博物馆展厅老旧，想改成沉浸式展陈。", "沉浸式展陈;博物馆;改造"),
 ],
 "tour_planning": [
  ("度假区开发强度怎么控制", "新规划的度假区靠近水源保护区，开发强度和生态承载力需要评估。", "度假区;生态承载力;开发强度"),
 ],
 "mat_ceramic": [
  ("透明陶瓷透过率达不到要求", "我们试制的透明氧化铝陶瓷透过率只有60%。", "透明陶瓷;透过率;烧结"),
 ],
 "mat_adhesive": [
  ("家具热熔胶气味投诉", "消费者投诉板式家具封边有异味，怀疑热熔胶VOC。", "热熔胶;异味;VOC"),
 ],
 "env_soil": [
  ("污染地块再开发风险评估", "园区收储的老化工地块要改为商业用地，需要风险评估。", "风险评估;污染地块;再开发"),
 ],
 "env_rural_sewage": [
  ("农村污水站点太多运维跟不上", "镇里有两百多个农村污水处理终端，运维人员少，故障发现不及时。", "智慧运维;农村污水;终端"),
 ],
}

# Evaluation problems added after the first round of judging ("late": they keep the ids and draws of the
# earlier ones). Chinese problems whose directly matching works exist only in English profiles.
LATE = {
 "mfg_robotics": [
  ("协作机器人和工人共用工位，安全和节拍怎么兼顾", "我们装配线想让协作机器人和工人在同一工位配合拧紧和搬运，安全评估要求加围栏或者把速度降到很低，节拍就保不住了。想找懂协作机器人安全监控（速度与间距监控、功率和力限制）的专家做方案。", "协作机器人;人机协作;安全监控;节拍",
   {"ev": 1, "late": 1, "d": ["e2"], "s": [], "r": ["mfg_plc"]}),
 ],
 "bio_tcm": [
  ("出口欧盟的植物提取物农残超标被退货", "我们的杭白菊和铁皮石斛提取物出口欧盟，最近一批被检出农残超标整批退货。欧盟要求筛查的农残有两百多项，还有重金属和多环芳烃，我们不知道怎么建立原料到成品的检测和风险控制方案。", "植物提取物;欧盟;农残;重金属;合规",
   {"ev": 1, "late": 1, "d": ["e1"], "s": [], "r": ["tex_testing", "agr_pest"]}),
 ],
 "tex_dyeing": [
  ("想试涤纶无水染色", "园区给的用水和排污指标越来越紧，我们想了解涤纶面料超临界二氧化碳无水染色现在成熟到什么程度，设备投资多大、色牢度和匀染性怎么样，希望找做过中试的专家。", "无水染色;超临界二氧化碳;涤纶;节水",
   {"ev": 1, "late": 1, "d": ["e1"], "s": [], "r": ["env_wastewater"]}),
 ],
 "mfg_injection": [
  ("同一套模具换台机器就得重新调半天", "我们车间有海天、恩格尔、住友几种注塑机，同一套模具换到另一台机器上按原来的参数打，不是缺料就是飞边，每次都要老师傅重新调半天。想建立一套不依赖机台的工艺参数转换方法。", "换机台;工艺移植;注塑参数;调机",
   {"ev": 1, "late": 1, "d": ["e2"], "s": [], "r": ["mfg_mold_design"]}),
 ],
 "agr_eco_cycle": [
  ("湖羊场扩建，周边农田能消纳多少羊粪", "我们准备把湖羊存栏从800只扩到3000只，环评要求核算周边农田和梨园能消纳多少粪肥，要做氮磷养分平衡。我们不知道该怎么算，也不清楚粪肥替代化肥后产量会不会受影响。", "养分平衡;粪肥消纳;种养结合;湖羊",
   {"ev": 1, "late": 1, "d": ["e0"], "s": [], "r": ["agr_soil", "agr_husbandry"]}),
 ],
 "mfg_mold_design": [
  ("一模出几种零件，总是这个缺料那个飞边", "为了省模具费，我们把一套小家电的4个不同外壳零件做在一副模具里，大件总是打不满，小件却飞边，靠调注射速度顾此失彼。想找模具设计专家看看流道和热流道平衡怎么改。", "家族模;流道平衡;热流道;缺料飞边",
   {"ev": 1, "late": 1, "d": ["e2"], "s": [], "r": ["mfg_injection"]}),
 ],
}

# Catalogue problems that are kept in the main problem set rather than the evaluation set.
DEMOTE = {
 "涂层面料放置半年后发黄发粘", "酒店窗帘阻燃洗几次就不达标", "废旧窗帘能否回收再做成纤维", "机器人抓取位置偏差导致装配失败",
 "多台设备品牌不同，数据采集不上来", "高速定位时设备抖动", "染整车间风机轴承经常突然坏", "单抗纯化后宿主蛋白残留超标",
 "一致性评价溶出曲线对不上参比制剂", "铁皮石斛产品不同批次质量不一致", "低成本北斗监测站数据跳动大", "一张图系统图斑多了就卡死",
 "竹林、林地想用激光雷达做资源调查", "垂起固定翼无人机转换阶段掉高", "3D打印钛合金件疲劳试验不过",
 "印染厂设备数据想上平台但网络不稳定", "各部门报表数字对不上", "电商新品没人看，推荐系统只推老款", "景区高峰期人数统计不准",
 "工厂被勒索病毒攻击后怎么防", "梨子被虫蛀，打药次数越来越多", "湖羊羔羊腹泻死亡率高", "梨园想装水肥一体化和墒情监测",
 "鲜榨梨汁放几个小时就变褐", "民宿淡季入住率太低", "景区AR导览内容老是飘", "OTA差评多但不知道问题在哪", "氧化锆陶瓷件脱脂开裂",
 "PLA餐盒装热汤就变形", "印染污泥处置费太贵", "定型机天然气费用太高", "老厂区转让需要做污染调查", "储能系统SOC跳变",
 "光伏制氢项目电解槽适应不了波动",
}
