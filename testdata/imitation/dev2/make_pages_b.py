# -*- coding: utf-8 -*-
# Legitimate pages of development set 2 (hand-written), then writes all pages and labels.jsonl.
import json, random
from make_pages_a import doc, page, OUT, CSS_GOV, cx_form, references, imitations
from make_pages_c import extra

L = "legitimate"
ART = "body{font-family:sans-serif;max-width:820px;margin:0 auto;padding:16px;line-height:1.8;color:#222}h1{font-size:22px}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:5px 9px}"

def legit(cx, zlaq, cnse):
    page("https://cx.mem.gov.cn/", L, "official", "the official MEM query page at its official host", cx)
    page("https://zlaq.mohurd.gov.cn/", L, "official", "the official 住建部 platform at its official host", zlaq)
    page("https://cnse.e-cqs.cn/", L, "official", "the official special-equipment query at cnse.e-cqs.cn", cnse)
    page("https://cnse.samr.gov.cn/person", L, "official", "the same SAMR personnel query at its samr.gov.cn host", cnse.replace("人员查询</b>", "人员查询</b> | 帮助"))
    page("https://yjt.jiangsu.gov.cn/col/col89341/index.html", L, "provincial_official",
         "Jiangsu emergency department page on its .gov.cn host with a query form and link to cx.mem.gov.cn",
         doc("江苏省应急管理厅 特种作业操作证查询", '<div class="hd"><img src="/images/jsyj.png" alt="江苏省应急管理厅"><h1>江苏省应急管理厅</h1></div>'
             '<div style="padding:6px 40px;background:#e8eef6">首页 > 办事服务 > 证书查询</div><div class="box"><h3>特种作业操作证查询</h3>' + cx_form("/jrobot/zscx.do") +
             '<p>全国范围证书请登录应急管理部查询平台 <a href="https://cx.mem.gov.cn/">https://cx.mem.gov.cn/</a></p></div>'
             '<div class="ft">主办单位：江苏省应急管理厅 &nbsp; 苏ICP备19018711号 &nbsp; 网站标识码：3200000039</div>', CSS_GOV))
    page("https://zjt.hunan.gov.cn/zjt/ggfw/zscx/", L, "provincial_official", "Hunan housing department certificate query on .gov.cn",
         doc("湖南省住房和城乡建设厅-建筑施工特种作业人员证书查询", '<div class="hd" style="background:#0b5ca8"><h1>湖南省住房和城乡建设厅</h1></div><div class="box"><h3>建筑施工特种作业人员证书查询</h3>'
             '<div class="row"><label>身份证号：</label><input></div><div class="row"><label>证书编号：</label><input></div><div class="row"><label>验证码：</label><input style="width:140px"> <img src="yzm.png" alt="验证码"></div><div class="row"><button class="btn">查询</button></div>'
             '<p>全国数据亦可在 全国工程质量安全监管信息平台（zlaq.mohurd.gov.cn）查询。</p></div><div class="ft">主办：湖南省住房和城乡建设厅 湘ICP备05004581号</div>', CSS_GOV))
    page("https://amr.sz.gov.cn/tzsb/zyry/cx.html", L, "provincial_official", "Shenzhen market-regulation special-equipment operator query on .gov.cn",
         doc("深圳市市场监督管理局 特种设备作业人员证查询", '<div class="hd" style="background:#174a8b"><h1>深圳市市场监督管理局</h1></div><div class="box"><h3>特种设备作业人员证查询</h3>'
             '<div class="row"><label>姓名：</label><input></div><div class="row"><label>证书编号：</label><input></div><div class="row"><button class="btn">查询</button></div></div>'
             '<div class="ft">深圳市市场监督管理局 版权所有 粤ICP备19069013号</div>', CSS_GOV))
    page("https://yjj.chengdu.gov.cn/cdyjj/c131945/2024-05/20/content_xx.shtml", L, "provincial_official", "city bureau notice page (gov.cn) giving the official query addresses and hotline",
         doc("关于特种作业操作证查询方式的说明_成都市应急管理局", '<h1>关于特种作业操作证查询方式的说明</h1><p>发布时间：2024-05-20　来源：成都市应急管理局</p>'
             '<p>近期有群众来电咨询证书真伪。我局提醒：应急管理部颁发的特种作业操作证和安全生产知识和管理能力考核合格证，唯一官方查询网址为 cx.mem.gov.cn，也可关注“国家安全生产考试”微信公众号查询。输入证件类型、证件号码、姓名和验证码即可。</p>'
             '<p>凡声称“花钱免考、官网可查”的均为诈骗，请拨打12350举报。</p>', ART))
    # schools with strong sales words
    page("https://www.hzanpei.com/dgz/", L, "school", "training school ad with 包过率高/报名/拿证 that sends students to cx.mem.gov.cn to verify",
         doc("杭州电工证培训报名_低压电工证考证_包过率高", '<div class="b"><h1>低压电工证 高压电工证 培训报名中</h1><p>正规培训机构，理论+实操，<b>通过率高达98%</b>，一次不过免费重学！考试合格后由应急管理部门发证，<b>全国通用，官网可查询</b>。</p>'
             '<p>报名材料：身份证复印件、一寸照4张、学历证明、体检表。每月开班，考试约30天后拿证。</p><p>证书查询：考试合格发证后，请登录应急管理部官方平台 <a href="https://cx.mem.gov.cn/">cx.mem.gov.cn</a> 输入证件号码和姓名查询。本校不提供任何代查或“内部查询”。</p>'
             '<p class="t">报名热线：0571-8868 2201（周一至周六）地址：杭州市拱墅区莫干山路XXX号</p></div>', ART + ".t{background:#ffe;padding:8px;color:#c00;font-weight:bold}"))
    page("https://m.jxpeixun.cn/tzzy", L, "school", "mobile page of a school advertising courses (报名 考试 拿证) with a link to the official query",
         doc("焊工证 登高证 快速报名", '<div class="t">南昌XX职业培训学校</div><div class="c"><h2>焊工证 / 高处作业证 报名中</h2><p>🔥 本月开班 ｜ 小班教学 ｜ 包教包会</p><p>考试由应急管理局统一组织，合格即可拿证，证书6年有效，3年复审。</p>'
             '<a class="bt" href="tel:079100000000">立即报名</a><p>拿证后如何查询？打开 cx.mem.gov.cn 或微信搜“国家安全生产考试”公众号。</p></div>',
             "body{margin:0;font-family:sans-serif}.t{background:#f60;color:#fff;padding:12px}.c{padding:12px}.bt{display:block;background:#f60;color:#fff;text-align:center;padding:12px;border-radius:20px;text-decoration:none}"))
    page("https://www.szjianpei.com/news/2024/0612.html", L, "school", "construction training school page on 塔吊/安全员 courses, sales words, points to zlaq.mohurd.gov.cn",
         doc("塔吊司机证、安全员C证考证培训-报名即享优惠", '<div class="nav">首页 | 课程 | 考试安排 | 证书查询 | 联系我们</div><h1>塔吊司机证 / 施工升降机证 / 安全员ABC证 培训</h1>'
             '<p>住建部门颁发，<b>包过率高</b>，名额有限，报名从速！周末班、晚班可选。考试合格后约20个工作日拿证。</p>'
             '<h3>证书查询</h3><p>建筑施工特种作业操作资格证书和安全生产考核合格证书可在 全国工程质量安全监管信息平台 zlaq.mohurd.gov.cn 按身份证号查询，或在本省住房和城乡建设厅官网查询。</p>'
             '<div class="ft">深圳XX建设职业培训学校 ｜ 粤ICP备2021xxxxxx号-1 ｜ 电话 0755-2xxxxxxx</div>', ART + ".nav{background:#135;color:#fff;padding:8px}.ft{font-size:12px;color:#777;border-top:1px solid #ccc}"))
    page("https://www.tzsbpx.net/chache.html", L, "school", "forklift/boiler school page: sign-up pitch plus how to check at cnse.e-cqs.cn",
         doc("叉车证报名_叉车证考试_叉车证怎么查真假", '<h1>叉车证（N1）培训报名</h1><p>零基础3天学会，市场监管局统一考试，<b>考试不过免费补考</b>。学费含教材、实操、考试费。</p>'
             '<h2>叉车证怎么查真假？</h2><p>特种设备作业人员证由市场监督管理部门发放，请在 全国特种设备公示信息查询平台（cnse.samr.gov.cn / cnse.e-cqs.cn）输入姓名、身份证号、证书编号，拖动滑块后查询。网上“不用考试直接拿证”的都是假证。</p>', ART))
    page("https://www.anpeizx.com/xueyuan/dangan.php", L, "school_lookup", "school's own 学员档案查询 by name+ID (training records, not a government certificate)",
         doc("学员档案查询 - XX安全培训中心", '<div class="h">XX安全培训中心 · 学员服务</div><div class="m"><h3>学员档案查询</h3><p>查询您在本中心的报名、培训课时、模拟考试成绩及考试安排。</p>'
             '<p>姓名：<input name="xm"></p><p>身份证号：<input name="sfz"></p><p><button>查询档案</button></p>'
             '<p class="n">说明：本页面仅查询本中心培训档案。证书真伪请以应急管理部官方平台 cx.mem.gov.cn 查询结果为准。</p></div><div class="f">XX安全培训中心 浙ICP备18000000号-2</div>',
             ".h{background:#2a6;color:#fff;padding:14px;font-size:20px}.m{padding:24px;font-family:sans-serif}.n{color:#666;font-size:13px}.f{text-align:center;font-size:12px}"))
    page("https://bm.gdjxpx.cn/progress", L, "school_lookup", "enrolment progress lookup (报名进度) of a training school, name+ID, with status table",
         doc("报名进度查询", '<h2>报名进度查询</h2><form>姓名 <input> 身份证号 <input> <button>查询</button></form><h3>查询结果</h3>'
             '<table><tr><th>姓名</th><th>报名项目</th><th>资料审核</th><th>培训</th><th>考试日期</th><th>状态</th></tr><tr><td>陈*明</td><td>低压电工作业（初训）</td><td>已通过</td><td>已完成</td><td>2024-07-16</td><td>待考试</td></tr></table>'
             '<p>考试合格后，证书信息由发证机关录入，可在 cx.mem.gov.cn 查询。</p>', ART))
    page("https://px.whanpei.org/student/cert?no=WH2024-0381", L, "school_lookup", "a school's own training-completion certificate lookup (校内结业证), explicitly not the government certificate",
         doc("培训结业证明查询", '<h2>培训结业证明查询</h2><p>结业证明编号：WH2024-0381</p><table><tr><td>姓名</td><td>周*</td></tr><tr><td>培训项目</td><td>有限空间作业安全培训（企业内训）</td></tr><tr><td>学时</td><td>16</td></tr><tr><td>结业日期</td><td>2024-04-02</td></tr></table>'
             '<p>注：本证明为本机构培训结业证明，不是特种作业操作证。</p>', ART))
    # news / gov explainers quoting fields
    page("https://news.sina.com.cn/s/2024-09-14/doc-inchxyz.shtml", L, "explainer", "news article quoting the official form's fields and issuer name",
         doc("特种作业证怎么查真假？记住这个唯一官方网址", '<h1>特种作业证怎么查真假？记住这个唯一官方网址</h1><p class="m">2024年09月14日 新浪新闻</p>'
             '<p>记者从应急管理部了解到，特种作业操作证可登录“特种作业操作证及安全生产知识和管理能力考核合格信息查询平台”（cx.mem.gov.cn）查询。页面需选择<b>证件类型</b>、填写<b>证件号码</b>和<b>姓名</b>，并输入4位<b>验证码</b>，点击“查询”即可看到作业类别、准操项目、有效期等信息。</p>'
             '<p>专家提醒，一些不法分子搭建“cx-mem”“mem-gov”等相似网址冒充官方平台，查询结果由其自行编造。</p>', ART))
    page("https://www.mem.gov.cn/fw/cjwt/202403/t20240311_xx.shtml", L, "explainer", "MEM FAQ page (gov.cn) on how to verify certificates",
         doc("常见问题：如何查询特种作业操作证_中华人民共和国应急管理部", '<h1>如何查询特种作业操作证？</h1><p>答：持证人及用人单位可通过本部“特种作业操作证及安全生产知识和管理能力考核合格信息查询平台”查询，网址 https://cx.mem.gov.cn ，也可通过“国家安全生产考试”微信公众号查询。</p>'
             '<p>查询项目：证件类型、证件号码、姓名、验证码。</p><p>主办单位：中华人民共和国应急管理部 京ICP备18038658号</p>', ART))
    page("https://www.zhihu.com/question/38811234/answer/2214", L, "explainer", "Q&A answer debunking 'official site verifiable' offers and listing the real query sites",
         doc("花钱买的电工证说官网可查，是真的吗？ - 知乎", '<h1>花钱买的电工证说官网可查，是真的吗？</h1><div class="a"><p>不是。卖家给你的“官网”多半是他们自己搭的网站，比如 www.xxx-mem.com 这种，只要你输入身份证就显示“有效”。</p>'
             '<p>真正的查询地址只有：应急管理部 cx.mem.gov.cn；住建类看 zlaq.mohurd.gov.cn；叉车、电梯等特种设备看 cnse.samr.gov.cn。地址不是 .gov.cn（特种设备平台是 e-cqs.cn）的一律别信。</p>'
             '<p>正规考证要去培训机构报名、参加考试，包过的都是骗子。</p></div>', ART))
    page("https://www.gov.cn/fuwu/2024-06/03/content_xx.htm", L, "explainer", "central government service page pointing to the three official query platforms",
         doc("安全生产相关证书在线查询_中国政府网", '<h1>安全生产相关证书在线查询</h1><ul><li>特种作业操作证、安全生产知识和管理能力考核合格证：<a href="https://cx.mem.gov.cn/">应急管理部查询平台</a></li>'
             '<li>建筑施工特种作业操作资格证书、安全生产考核合格证书：<a href="https://zlaq.mohurd.gov.cn/">全国工程质量安全监管信息平台</a></li><li>特种设备安全管理和作业人员证：<a href="https://cnse.samr.gov.cn/">全国特种设备公示信息查询平台</a></li></ul>', ART))
    page("https://mp.weixin.qq.com/s/Ak3lZxY9dQ", L, "explainer", "WeChat article by a provincial exam centre explaining the official query steps, quoting the issuer",
         doc("手把手教你查询特种作业操作证", '<h1>手把手教你查询特种作业操作证</h1><p>XX省安全生产考试中心 2024-03-08</p><p>第一步：浏览器输入 cx.mem.gov.cn；第二步：证件类型选择“居民身份证”，填写证件号码、姓名；第三步：输入验证码，点击查询。</p>'
             '<p>也可关注认证的“国家安全生产考试”公众号（有蓝色认证标志），点击“证书查询”。注意：没有认证标志的同名账号是假冒的。</p>', ART))
    # employers / contractors
    page("https://www.hxjianshe.com/about/certs.html", L, "employer", "construction contractor's roster of staff certificates with 状态 有效 and a note to verify at official site",
         doc("持证上岗人员公示 - 华兴建设集团", '<h1>特种作业人员持证上岗公示</h1><p>项目：XX花园二期 3#楼　公示日期：2024-08-01</p><table><tr><th>姓名</th><th>工种</th><th>证号</th><th>有效期</th><th>状态</th></tr>'
             '<tr><td>刘*强</td><td>塔式起重机司机</td><td>粤A042021001234</td><td>2027-05-10</td><td>有效</td></tr><tr><td>黄*</td><td>信号司索工</td><td>粤A042022004411</td><td>2028-01-22</td><td>有效</td></tr>'
             '<tr><td>吴*平</td><td>建筑电工</td><td>粤A012020007788</td><td>2026-09-30</td><td>有效</td></tr></table><p>以上证书均可在全国工程质量安全监管信息平台（zlaq.mohurd.gov.cn）或广东省住房和城乡建设厅官网查询核验。</p>', ART))
    page("https://hr.xinyuan-chem.com/safety/team", L, "employer", "chemical plant HR page describing how it verifies staff certificates on the official site",
         doc("安全持证管理 - 新元化工人力资源部", '<h1>员工特种作业持证管理</h1><p>我公司所有危险化学品作业、电工、焊工岗位员工均须持应急管理部门颁发的特种作业操作证上岗。入职时人力资源部在应急管理部官方平台 cx.mem.gov.cn 逐一核验证件号码和姓名，核验截图存档；复审到期前60天提醒员工参加复审。</p>'
             '<table><tr><th>岗位</th><th>在岗人数</th><th>持证人数</th><th>核验方式</th></tr><tr><td>氯化工艺作业</td><td>12</td><td>12</td><td>官网查询</td></tr><tr><td>低压电工</td><td>6</td><td>6</td><td>官网查询</td></tr></table>', ART))
    page("https://www.sxwuye.com.cn/team/", L, "employer", "property company listing elevator/boiler staff certificates, verify at cnse",
         doc("我们的团队 | 顺馨物业", '<h2>工程部持证人员</h2><table><tr><th>姓名</th><th>证书</th><th>证书编号</th><th>有效期至</th><th>状态</th></tr><tr><td>马*</td><td>T 电梯修理</td><td>TS4401201900xxx</td><td>2027-12</td><td>有效</td></tr><tr><td>孙*东</td><td>G1 工业锅炉司炉</td><td>TS4401202100xxx</td><td>2025-11</td><td>有效</td></tr></table>'
             '<p>可在全国特种设备公示信息查询平台核验。</p>', ART))
    # associations
    page("https://www.gdhanjie.org.cn/member/cert", L, "association", "welding association's own member-training certificate lookup (not a government certificate)",
         doc("广东省焊接协会 培训证书查询", '<div class="h">广东省焊接协会</div><div class="m"><h3>协会培训证书查询</h3><p>本查询仅适用于本会颁发的《焊接技术培训证书》和会员证。</p>'
             '<p>证书编号：<input> 姓名：<input> <button>查询</button></p><p>特种作业操作证（焊接与热切割作业）请到应急管理部平台 cx.mem.gov.cn 查询；特种设备焊接作业人员证请到 cnse.samr.gov.cn 查询。</p></div>',
             ".h{background:#064;color:#fff;padding:16px;font-size:22px}.m{padding:20px;font-family:sans-serif;line-height:1.8}"))
    page("https://www.cpma-sh.org/hy/query.aspx", L, "association", "property-management association member-unit query",
         doc("会员单位查询 - 上海市物业管理行业协会", '<h2>会员单位查询</h2><p>单位名称：<input> <button>查询</button></p><table><tr><th>会员编号</th><th>单位名称</th><th>会员类别</th><th>有效期</th></tr><tr><td>SH-0931</td><td>上海XX物业服务有限公司</td><td>理事单位</td><td>2025-12-31</td></tr></table>', ART))
    page("https://www.caec-edu.org/zscx/", L, "association", "an association's continuing-education certificate lookup with name+ID number",
         doc("继续教育证书查询 - 中国XX协会教育培训中心", '<div class="t">继续教育证书查询</div><p>姓名：<input> 身份证号：<input> 验证码：<input size="5"> <img src="vc.png" alt="验证码"> <button>查询</button></p>'
             '<p>本平台查询的是本中心颁发的继续教育学时证书，与政府部门颁发的执业、作业证书无关。</p><p>© 中国XX协会教育培训中心 京ICP备10012345号-1 京公网安备11010502001234号</p>', ART + ".t{font-size:22px;color:#036}"))
    # recruitment
    page("https://jobs.51job.com/shenzhen/152233.html", L, "recruitment", "job ad requiring a 电工证 verifiable at the official site",
         doc("【电工 8000-10000元】XX科技有限公司招聘", '<h1>电工（持证）</h1><p>8000-10000元/月 ｜ 深圳-宝安 ｜ 3-4年经验</p><h3>任职要求</h3><ol><li>持有效低压电工作业特种作业操作证（入职时将在应急管理部官网查询核验，假证一律不予录用）；</li><li>熟悉配电房运维；</li><li>能适应倒班。</li></ol>', ART))
    page("https://www.zhaopin.com/jobdetail/CC1234.htm", L, "recruitment", "crane-driver job ad requiring 建筑施工特种作业操作资格证",
         doc("塔吊司机招聘 - 智联招聘", '<h1>塔吊司机 ×5</h1><p>月薪 12000-15000 ｜ 长沙</p><p>要求：持建筑施工特种作业操作资格证（塔式起重机司机），证书须在全国工程质量安全监管信息平台可查；无证勿扰。包吃住。</p>', ART))
    page("https://m.58.com/gz/zpjigong/9988.shtml", L, "recruitment", "mobile classified job ad for forklift drivers requiring a real certificate",
         doc("招叉车司机 持证上岗", '<div class="c"><h2>招叉车司机 6名</h2><p>💰 7000-9000</p><p>✅ 必须有叉车证（N1），上岗前会在特种设备查询平台核实</p><p>✅ 五险一金 包住</p><p>📍 广州白云区</p></div>',
             "body{margin:0;font-family:sans-serif}.c{padding:12px}"))
    # other legitimate services
    page("https://www.chsi.com.cn/xlcx/index.jsp", L, "other_service", "学信网 degree query (different certificate type, legitimate)",
         doc("学历查询_学信网", '<div class="h">学信网 中国高等教育学生信息网</div><div class="m"><h3>学历查询</h3><p>证书编号：<input> 姓名：<input> 验证码：<input size="5"> <button>查询</button></p>'
             '<p>主办单位：教育部学生服务与素质发展中心 京ICP备19045357号-1</p></div>', ".h{background:#1d6fb8;color:#fff;padding:14px;font-size:20px}.m{padding:20px}"))
    page("http://zscx.osta.org.cn/", L, "other_service", "职业资格证书查询 at osta.org.cn",
         doc("国家职业资格证书全国联网查询", '<h2>国家职业资格证书全国联网查询</h2><p>证件号码：<input> 姓名：<input> 证书编号：<input> <button>查询</button></p><p>人力资源社会保障部职业技能鉴定中心</p>', ART))
    page("https://www.jxedt.com/chaxun/", L, "other_service", "driving-school exam progress lookup, different domain of certificates",
         doc("驾考进度查询_驾校一点通", '<h2>驾考预约与成绩查询</h2><p>身份证号：<input> 姓名：<input> <button>查询</button></p><p>科目一、科目四成绩以交管12123为准。</p>', ART))
    page("https://jzsc.mohurd.gov.cn/data/person", L, "official", "住建部 national construction market platform (registered personnel) at an official host",
         doc("全国建筑市场监管公共服务平台", '<div class="hd" style="background:#0b5ca8"><h1>全国建筑市场监管公共服务平台</h1></div><div class="box"><h3>注册人员查询</h3><div class="row"><label>姓名：</label><input></div><div class="row"><label>身份证号：</label><input></div><div class="row"><button class="btn">查询</button></div></div>'
             '<div class="ft">主办单位：中华人民共和国住房和城乡建设部 京ICP备05004347号</div>', CSS_GOV))
    page("https://www.zjzz-saas.com/product/cert-reminder", L, "third_party", "SaaS product for tracking staff certificate expiry; links to official sites for verification",
         doc("证照到期提醒 - 智建云", '<h1>员工证照管理与到期提醒</h1><p>一键导入员工特种作业操作证、建筑施工特种作业证、特种设备作业人员证，到期前自动提醒复审。</p><p>真伪核验请使用官方平台：cx.mem.gov.cn ／ zlaq.mohurd.gov.cn ／ cnse.samr.gov.cn，本产品不提供证书查询或代办。</p><p><a href="/trial">免费试用</a></p>', ART))
    # aggregators
    page("https://www.hao123.com/chaxun/zhengshu", L, "aggregator", "navigation portal listing links to official certificate query sites",
         doc("证书查询大全_hao123", '<h2>证书查询大全</h2><ul><li><a href="https://cx.mem.gov.cn/">特种作业操作证查询（应急管理部）</a></li><li><a href="https://zlaq.mohurd.gov.cn/">建筑施工特种作业证查询（住建部）</a></li>'
             '<li><a href="https://cnse.samr.gov.cn/">特种设备作业人员证查询（市场监管总局）</a></li><li><a href="https://www.chsi.com.cn/">学历查询（学信网）</a></li><li><a href="http://zscx.osta.org.cn/">职业资格证书查询</a></li></ul>', ART))
    page("https://zwfw.hubei.gov.cn/service/zscx.html", L, "aggregator", "provincial 政务服务 portal (gov.cn) with tiles linking to national query sites",
         doc("证照查询 - 湖北政务服务网", '<div class="g"><a href="https://cx.mem.gov.cn/">特种作业操作证</a><a href="https://zlaq.mohurd.gov.cn/">建筑施工人员证书</a><a href="https://cnse.samr.gov.cn/">特种设备作业人员证</a><a href="#">电子证照</a></div><div class="ft">主办：湖北省人民政府办公厅 鄂ICP备05001234号</div>',
             CSS_GOV + ".g a{display:inline-block;width:180px;margin:20px;padding:30px 10px;background:#fff;border:1px solid #ccd;text-align:center}"))
    # news warnings quoting fake addresses
    page("https://www.thepaper.cn/newsDetail_forward_27xx", L, "news_warning", "news report on police busting a fake query site gang, quoting fake addresses",
         doc("警方破获伪造特种作业证案：假网站“官网可查”", '<h1>警方破获伪造特种作业证案：假网站“官网可查”</h1><p>澎湃新闻 2024-10-22</p><p>犯罪嫌疑人搭建 cx-mem.com、mem-gov.cn.cx-query.top 等仿冒网站，页面标题与应急管理部“特种作业操作证及安全生产知识和管理能力考核合格信息查询平台”一致，购买者输入身份证号即显示“有效”。</p>'
             '<p>警方提示：真实查询网址为 cx.mem.gov.cn，凡声称免考、包过、官网可查的均是骗局。</p>', ART))
    page("https://gaj.xa.gov.cn/jwzx/jfts/2024/xx.html", L, "news_warning", "police bureau warning (gov.cn) listing imitation query domains and IPs",
         doc("警方提醒：这些“证书查询网站”都是假的_西安市公安局", '<h1>警方提醒：这些“证书查询网站”都是假的</h1><p>近期我局侦破一起制售假证案，涉案仿冒查询网站包括：zlaq-mohurd.net、www.tzzy-cx.top、47.98.xx.xx 等，页面显示“主办单位：中华人民共和国住房和城乡建设部”，实际与政府部门无关。</p>'
             '<table><tr><th>仿冒网址</th><th>冒充对象</th></tr><tr><td>zlaq-mohurd.net</td><td>全国工程质量安全监管信息平台</td></tr><tr><td>cnse-e-cqs.com</td><td>全国特种设备公示信息查询平台</td></tr></table><p>发现线索请拨打110或12350。</p>', ART))
    page("https://wenshu.court.gov.cn/website/wenshu/181107ANFZ0BXSK4/index.html?docId=xx", L, "news_warning", "court judgment excerpt describing a fake query website",
         doc("张某某伪造国家机关证件罪一审刑事判决书", '<h1>张某某伪造国家机关证件罪一审刑事判决书</h1><p>经审理查明：2023年3月起，被告人张某某租用服务器，搭建名为“特种作业操作证查询”的网站（域名 tzzycx.top），仿冒应急管理部查询页面，将伪造的证书信息录入该网站，供购买者“官网查询”……</p><p>本院认为，被告人张某某伪造国家机关证件，其行为已构成伪造国家机关证件罪。</p>', ART))
    page("https://www.samr.gov.cn/xw/df/202406/t20240605_xx.html", L, "news_warning", "market-regulation news on fake special-equipment query sites",
         doc("市场监管部门提示：警惕假冒特种设备作业人员证查询网站", '<h1>警惕假冒特种设备作业人员证查询网站</h1><p>唯一官方查询渠道为全国特种设备公示信息查询平台（cnse.samr.gov.cn），查询需填写姓名、身份证号、证书编号并完成滑块验证。以“国家质检总局”名义出现的查询网站均为假冒，该机构已于2018年改组。</p>', ART))
    page("https://tieba.baidu.com/p/8899001122", L, "explainer", "forum thread where users warn that a seller's 'official site' was fake",
         doc("买了个焊工证，说官网能查，结果…_焊工吧", '<div class="p"><b>楼主</b>：花1500买了个焊工证，对方给了个网址 http://121.41.xx.xx 能查到，结果公司用 cx.mem.gov.cn 一查没有。</div>'
             '<div class="p"><b>2楼</b>：那个IP网站是他们自己的，老老实实去培训学校报名考吧，考试不难。</div><div class="p"><b>3楼</b>：报警吧，12350也可以举报。</div>', ART + ".p{border-bottom:1px solid #eee;padding:8px}"))
    page("https://help.example-cert-guide.com/en/verify-china-safety-certificates", L, "explainer", "English explainer on verifying Chinese certificates for foreign employers",
         doc("How to verify a Chinese special operation certificate", '<h1>How to verify a Chinese special operation certificate</h1><p>Special operation certificates (特种作业操作证) are issued by emergency management authorities. Verify them only at https://cx.mem.gov.cn (fields: ID type, ID number, name, captcha). Construction operator certificates: zlaq.mohurd.gov.cn. Special equipment (forklift, boiler, elevator): cnse.samr.gov.cn. Beware of look-alike sites such as cx-mem.com.</p>', ART, lang="en"))
    page("https://www.lnaqpx.com/ksap/2024-11.html", L, "school", "training centre exam schedule with 报名/考试 and official query note",
         doc("2024年11月特种作业考试安排", '<h1>2024年11月特种作业考试安排</h1><table><tr><th>日期</th><th>工种</th><th>地点</th></tr><tr><td>11-08</td><td>低压电工作业</td><td>沈阳考点</td></tr><tr><td>11-15</td><td>熔化焊接与热切割作业</td><td>沈阳考点</td></tr><tr><td>11-22</td><td>高处作业（登高架设）</td><td>鞍山考点</td></tr></table>'
             '<p>报名截止：考前10天。考试合格后约15个工作日可在 cx.mem.gov.cn 查询证书信息。咨询电话：024-xxxxxxxx</p>', ART))
    js = ('<div id="c"></div><script>\nvar items=[["低压电工作业","3980元","约45天拿证"],["高处作业","1680元","约30天拿证"]];\n'
          'var h="<h1>XX职业技能培训学校 · 特种作业报名</h1><p>包过率高 · 随到随学 · 考试合格发证，官网可查（cx.mem.gov.cn）</p><table>";\n'
          'items.forEach(function(r){h+="<tr><td>"+r.join("</td><td>")+"</td></tr>"});\nh+="</table><p>证书仅能通过考试取得，本校不办理任何免考证书。</p>";\n'
          'document.getElementById("c").innerHTML=h;\n</script>')
    page("https://www.cqzjpx.cn/", L, "school", "JS-built school page with prices, 包过率高, link to official query; states no exam-free certificates",
         doc("XX职业技能培训学校", js, ART))

def main():
    cx, zlaq, cnse = references()
    imitations(cx, zlaq, cnse)
    legit(cx, zlaq, cnse)
    extra(cx, zlaq, cnse)
    order = list(range(len(OUT)))
    random.Random(20261203).shuffle(order)
    with open("labels.jsonl", "w", encoding="utf-8") as fh:
        for n, i in enumerate(order, 1):
            r = OUT[i]
            f = "pages/%03d.html" % n
            with open(f, "w", encoding="utf-8", newline="\n") as p:
                p.write(r["html"])
            fh.write(json.dumps({"file": f, "url": r["url"], "label": r["label"], "kind": r["kind"], "note": r["note"]}, ensure_ascii=False) + "\n")

if __name__ == "__main__":
    main()
