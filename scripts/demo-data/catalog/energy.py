# -*- coding: utf-8 -*-
"""新能源 specialties (format: see textile.py)."""

SPECS = [
dict(
 code="ene_li_battery", ind="新能源", zh="锂电池材料与电芯", en="lithium-ion battery materials and cells",
 fz=["锂离子电池", "正极材料", "电解液", "电芯设计", "固态电池"],
 fe=["lithium-ion batteries", "cathode materials", "electrolytes", "solid-state batteries"],
 nb=["ene_bms", "mat_ceramic"],
 es=["新能源科技有限公司", "电池有限公司", "储能科技有限公司"],
 pz=["高镍正极、磷酸铁锂材料与电芯设计", "锂电池失效分析与寿命提升", "固态电解质与新型电池体系"],
 az=["主持研发的磷酸铁锂储能电芯循环寿命超过8000次", "在Nature Energy等期刊发表论文百余篇", "获国家技术发明二等奖"],
 pe=["failure analysis and lifetime of lithium-ion cells", "solid-state electrolytes"],
 ae=["led battery research at a national laboratory", "developed electrolyte additives for fast charging"],
 wz=[
  ("pa", "磷酸铁锂储能电芯长循环容量衰减机理", "拆解分析表明负极SEI持续生长与活性锂损失是主因，优化电解液添加剂后{6000|8000}次循环容量保持率80%。", "磷酸铁锂;容量衰减;SEI"),
  ("pa", "高镍NCM811正极表面包覆抑制产气", "Al₂O₃/Li₃PO₄双层包覆使{60|45}℃存储产气量下降{55|60}%。", "高镍正极;包覆;产气"),
  ("pa", "快充条件下石墨负极析锂检测与抑制", "结合三电极与弛豫电压判据识别析锂，{3C|4C}快充循环寿命提高一倍。", "快充;析锂;石墨负极"),
  ("pa", "硫化物固态电解质的空气稳定性改进", "氧掺杂使H₂S释放量下降{80|85}%，离子电导率保持5 mS/cm。", "固态电解质;硫化物;空气稳定性"),
  ("pj", "动力电池极片涂布面密度一致性控制", "在线β射线测厚闭环控制，面密度CPK由0.9提高到{1.5|1.67}。", "极片涂布;面密度;一致性"),
  ("pa", "锂电池自放电异常电芯的筛选方法", "基于静置电压降与{dV/dQ|容量增量}分析，K值筛选误判率降低70%。", "自放电;电芯筛选;K值"),
 ],
 we=[
  ("pa", "Lithium plating detection and mitigation in fast-charging graphite anodes", "Voltage relaxation signatures identified plating onset; adapted protocols doubled cycle life at 4C.", "lithium plating;fast charging;graphite"),
  ("pa", "Capacity fade mechanisms of LFP cells for stationary storage", "Post-mortem analysis attributed fade to lithium inventory loss; additives extended life to 8,000 cycles.", "LFP;capacity fade;energy storage"),
  ("pa", "Air-stable sulfide solid electrolytes by oxygen doping", "H₂S release fell by {80|85}% while conductivity stayed at 5 mS/cm.", "sulfide electrolyte;air stability;solid-state"),
  ("pa", "Gas evolution in Ni-rich cathodes and surface coatings", "Dual coatings suppressed high-temperature gassing by 58% in pouch cells.", "Ni-rich cathode;gassing;coating"),
 ],
 n_en=2,
 pr=[
  ("储能电芯循环两千次容量就掉到85%", "我们生产的280Ah磷酸铁锂储能电芯，客户要求6000次循环保持80%，但实测2000次就只有85%了，衰减比预期快。想找电池失效分析和寿命提升的专家。", "磷酸铁锂;循环寿命;容量衰减;储能电芯",
   {"ev": 1, "d": ["z0", "e1"], "s": [], "r": ["ene_bms"], "u": "high"}),
  ("快充电池低温下析锂", "我们的快充电芯在10℃以下快充时拆解发现负极析锂，安全风险很大。想找专家确定快充边界和检测方法。", "快充;析锂;低温;负极",
   {"ev": 1, "d": ["z2", "e0"], "s": [], "r": ["ene_bms"]}),
  ("软包电池高温存储鼓包", "高镍软包电芯60度存储一周后鼓包明显。", "高镍;产气;鼓包",
   {"ev": 1, "d": ["e3"], "s": [], "r": []}),
  ("电芯自放电筛选不准", "出厂K值筛选后仍有自放电异常电芯流到客户模组里。", "自放电;K值;筛选"),
  ("Coating weight variation on cathode electrodes", "Our Deqing battery plant (a Korean joint venture) sees cathode coating weight variation of ±2.5% across the web, and cells from the edges show lower capacity. We need an expert in electrode coating and inline thickness control.", "electrode coating;coating weight;inline measurement;cathode",
   {"ev": 1, "d": ["z4"], "s": [], "r": ["mfg_machine_vision"], "reg": "DQ"}),
 ]),

dict(
 code="ene_bms", ind="新能源", zh="电池管理与储能系统", en="battery management and energy storage",
 fz=["电池管理系统", "储能系统", "SOC估计", "热失控预警", "储能电站"],
 fe=["battery management systems", "state estimation", "energy storage systems"],
 nb=["ene_li_battery", "ene_power_elec", "ai_timeseries"],
 es=["储能科技有限公司", "新能源科技有限公司"],
 pz=["电池荷电状态与健康状态估计", "储能电站热管理与热失控预警"],
 az=["开发的BMS算法装车超过50万辆", "主持工商业储能电站安全标准编制"],
 pe=["state estimation and safety of battery packs"], ae=["developed BMS algorithms for European EV makers"],
 wz=[
  ("pa", "基于扩展卡尔曼滤波的磷酸铁锂SOC估计", "针对LFP平台区电压平坦问题引入温度与滞回模型，SOC误差<{2|3}%。", "SOC估计;卡尔曼滤波;磷酸铁锂"),
  ("pa", "储能电站热失控早期预警方法", "融合气体、温度与电压信号，可在热失控前{8|10}分钟预警。", "热失控;预警;储能电站"),
  ("pa", "电池簇不一致性与主动均衡策略", "主动均衡使簇间SOC差由8%降至{2|1.5}%。", "主动均衡;一致性;电池簇"),
  ("pj", "工商业储能电站能量管理与峰谷套利", "优化充放电策略，投资回收期缩短{1|1.5}年。", "能量管理;峰谷套利;工商业储能"),
  ("pa", "基于容量增量分析的电池健康状态估计", "SOH估计误差{2|2.5}%以内。", "SOH;容量增量;健康状态"),
 ],
 we=[
  ("pa", "SOC estimation for LFP packs with hysteresis-aware models", "A hysteresis-augmented EKF kept SOC error within 2% on the flat voltage plateau.", "SOC estimation;LFP;hysteresis"),
  ("pa", "Multi-signal early warning of thermal runaway in storage containers", "Off-gas, temperature and voltage fusion warned about 9 minutes before venting.", "thermal runaway;early warning;gas sensing"),
 ],
 pr=[
  ("储能系统SOC跳变", "我们的工商业储能柜用磷酸铁锂电池，BMS显示SOC经常从30%跳到10%，导致提前停机。想找BMS算法专家。", "SOC估计;SOC跳变;磷酸铁锂;BMS",
   {"ev": 1, "d": ["z0", "e0"], "s": [], "r": ["ene_li_battery"]}),
  ("储能电站消防验收要求热失控预警", "消防要求储能电站具备早期预警，我们只有温度监测。", "热失控预警;储能;消防"),
  ("工厂装了储能但收益不如预期", "峰谷价差下储能收益不理想，想优化调度策略。", "峰谷套利;能量管理;收益"),
 ]),

dict(
 code="ene_pv", ind="新能源", zh="光伏组件与电站运维", en="photovoltaic modules and O&M",
 fz=["光伏组件", "光伏电站运维", "分布式光伏", "组件失效分析"],
 fe=["photovoltaics", "PV module reliability", "solar O&M"],
 nb=["ene_power_elec", "env_energy_saving", "ai_cv"],
 es=["光伏科技有限公司", "新能源科技有限公司"],
 pz=["光伏组件可靠性与失效分析", "分布式光伏电站设计与智能运维"],
 az=["主持完成GW级光伏电站运维体系建设", "开发的无人机红外巡检方法已规模应用"],
 pe=["PV module reliability and degradation"], ae=["led field studies on PID and hot spots"],
 wz=[
  ("pa", "分布式屋顶光伏组件热斑与隐裂的无人机红外巡检", "红外+可见光识别热斑与隐裂，巡检效率较人工提高{10|15}倍。", "无人机巡检;热斑;隐裂"),
  ("pa", "PERC与TOPCon组件电势诱导衰减（PID）对比", "85℃/85%RH、-1500 V条件下TOPCon组件功率衰减<{2|3}%。", "PID;TOPCon;衰减"),
  ("pa", "厂房屋顶光伏的积灰损失与清洗周期优化", "积灰导致年发电损失{5|7}%，确定最优清洗周期为45天。", "积灰;清洗周期;屋顶光伏"),
  ("pj", "工商业分布式光伏项目设计与收益评估", "完成{30|40}个项目设计，自发自用比例达到85%。", "分布式光伏;收益评估;自发自用"),
 ],
 we=[
  ("pa", "Potential-induced degradation in TOPCon and PERC modules", "Accelerated tests showed power loss under 2% for TOPCon versus 8% for PERC after 192 h.", "PID;TOPCon;reliability"),
  ("pa", "Drone thermography for rooftop PV fault detection", "Combined IR and RGB imaging detected hot spots and cracked cells {10|12} times faster than manual checks.", "drone thermography;hot spots;rooftop PV"),
 ],
 pr=[
  ("厂房屋顶光伏发电量逐年下降", "我们厂屋顶装了2MW光伏，三年发电量下降了12%，运维公司说是正常衰减，我们觉得不对，想找专家排查热斑、隐裂和积灰。", "屋顶光伏;发电量下降;热斑;隐裂",
   {"ev": 1, "d": ["z0", "z2", "e1"], "s": [], "r": ["ai_cv"]}),
  ("想在厂房装光伏算不清收益", "厂房屋顶1万平方米，想装光伏但不清楚收益和屋面承重问题。", "分布式光伏;收益;屋面"),
  ("光伏组件PID衰减", "电站部分组串功率衰减严重，怀疑是PID。", "PID;组件衰减;电站"),
 ]),

dict(
 code="ene_hydrogen", ind="新能源", zh="氢能与燃料电池", en="hydrogen and fuel cells",
 fz=["氢能", "燃料电池", "电解水制氢", "储氢"],
 fe=["hydrogen energy", "fuel cells", "water electrolysis"],
 nb=["ene_power_elec"],
 es=["氢能科技有限公司", "新能源科技有限公司"],
 pz=["质子交换膜燃料电池与电解水制氢", "氢能装备安全"],
 az=["研发的燃料电池电堆功率密度达到4 kW/L", "主持氢能示范项目"],
 pe=["PEM electrolysis and fuel cell durability"], ae=["worked on fuel cell buses in Europe"],
 wz=[
  ("pa", "PEM燃料电池电堆水管理与耐久性", "优化气体扩散层与吹扫策略，{3000|4000}小时电压衰减<5%。", "燃料电池;水管理;耐久性"),
  ("pa", "碱性电解槽宽功率波动下的制氢效率", "适配光伏波动的动态控制，负荷范围{20|30}%~110%。", "电解水;碱性电解槽;波动电源"),
  ("pa", "燃料电池低温冷启动策略", "-{30|20}℃无辅助冷启动时间缩短到60 s。", "冷启动;燃料电池;低温"),
 ],
 we=[
  ("pa", "Durability of PEM fuel cell stacks under bus duty cycles", "Improved purge strategies limited voltage decay to 5% after 4,000 h.", "PEM fuel cell;durability;duty cycle"),
  ("pa", "Dynamic operation of alkaline electrolysers with solar power", "Load-following control extended the operating window to 20–110% of rated power.", "alkaline electrolysis;renewables;dynamic operation"),
 ],
 pr=[
  ("光伏制氢项目电解槽适应不了波动", "我们想用厂区光伏电直接制氢，但碱性电解槽低负荷时效率很低还有安全问题。", "电解水制氢;波动;光伏制氢",
   {"ev": 1, "d": ["z1", "e1"], "s": [], "r": ["ene_pv"]}),
  ("燃料电池叉车冬天启动慢", "燃料电池叉车冬季冷启动困难。", "冷启动;燃料电池;叉车"),
  ("电堆用了两千小时电压明显下降", "燃料电池电堆耐久性不达标。", "燃料电池;耐久性;电压衰减"),
 ]),

dict(
 code="ene_power_elec", ind="新能源", zh="电力电子与逆变器", en="power electronics and inverters",
 fz=["电力电子", "光伏逆变器", "储能变流器", "电磁兼容"],
 fe=["power electronics", "inverters", "wide-bandgap devices"],
 nb=["ene_bms", "ene_pv", "mfg_servo"],
 es=["电气有限公司", "电力电子有限公司", "新能源科技有限公司"],
 pz=["光伏逆变器与储能变流器拓扑及控制", "SiC/GaN宽禁带器件应用"],
 az=["研发的储能变流器通过并网认证并批量出口", "获浙江省科技进步一等奖"],
 pe=["wide-bandgap power converters"], ae=["designed SiC inverters for automotive and solar"],
 wz=[
  ("pa", "SiC MOSFET储能变流器的效率与EMI设计", "开关频率{40|50} kHz下效率达98.6%，通过优化布局降低共模噪声10 dB。", "SiC;储能变流器;EMI"),
  ("pa", "弱电网下光伏逆变器并网稳定性", "引入自适应阻抗重塑，短路比{1.5|2}时仍稳定运行。", "弱电网;并网稳定;逆变器"),
  ("pa", "逆变器功率模块热设计与寿命评估", "结温波动降低{15|20}℃，IGBT寿命预计提高一倍。", "热设计;功率模块;寿命"),
  ("pt", "一种三电平逆变器中点电位平衡控制方法", "中点电位波动降低{60|70}%。", "三电平;中点电位;控制"),
 ],
 we=[
  ("pa", "SiC-based bidirectional converters for battery storage", "A 50 kHz design reached 98.7% efficiency and met EMC Class B after layout optimisation.", "SiC;bidirectional converter;EMC"),
  ("pa", "Grid-following inverter stability in weak grids", "Adaptive impedance reshaping maintained stability at short-circuit ratios down to 1.5.", "weak grid;inverter stability;impedance"),
 ],
 pr=[
  ("逆变器在农村电网末端频繁脱网", "我们的光伏逆变器装在德清农村，电网末端比较弱，经常谐振报警脱网。", "弱电网;脱网;谐振;逆变器",
   {"ev": 1, "d": ["z1", "e1"], "s": [], "r": ["ene_pv"], "reg": "DQ"}),
  ("储能变流器EMC测试不过", "PCS传导发射测试超标。", "EMC;储能变流器;传导发射"),
  ("逆变器夏天过温降额", "逆变器夏季中午过温降额，影响发电。", "过温;热设计;逆变器"),
 ]),
]
