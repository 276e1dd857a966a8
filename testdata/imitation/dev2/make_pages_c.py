# -*- coding: utf-8 -*-
# Additional hard cases of development set 2 (both labels).
from make_pages_a import doc, page, CSS_GOV, cx_form

I, L = "imitation", "legitimate"
ART = "body{font-family:sans-serif;max-width:820px;margin:0 auto;padding:16px;line-height:1.8;color:#222}h1{font-size:22px}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:5px 9px}"

def extra(cx, zlaq, cnse):
    nav = ('<div style="background:#e8eef6;padding:8px 40px;font-size:14px">首页 | 机构概况 | 政务公开 | 政策法规 | 办事服务 | <b>证书查询</b> | 互动交流 | 专题专栏</div>')
    links = ''.join('<li><a href="#">%s</a></li>' % t for t in ("关于开展2024年安全生产月活动的通知", "全省特种作业考试点名单", "安全生产考核合格证复审须知", "应急管理法律法规汇编"))
    page("https://www.yjt-jiangsu.cn/col/zscx/index.html", I, "copy_provincial",
         "long copy of a provincial emergency department portal (nav, news list, footer) on yjt-jiangsu.cn, not under gov.cn",
         doc("江苏省应急管理厅 特种作业操作证查询", '<div class="hd"><img src="/images/jsyj.png" alt="江苏省应急管理厅"><h1>江苏省应急管理厅</h1></div>' + nav +
             '<div class="box"><h3>特种作业操作证查询</h3>' + cx_form("/zscx/q.do") + '<h4>通知公告</h4><ul>' + links + '</ul></div>'
             '<div class="ft">主办单位：江苏省应急管理厅 &nbsp; 苏ICP备19018711号 &nbsp; 网站标识码：3200000039<br>地址：南京市鼓楼区XX路X号 邮编：210000</div>', CSS_GOV))
    page("https://cx.mem.gov.cn-cx.com/", I, "copy_cx", "exact copy of the cx page on cx.mem.gov.cn-cx.com (registered domain cn-cx.com)", cx)
    page("https://www.aqsc-ks.org.cn/wx/", I, "fake_wechat", "H5 page posing as the '国家安全生产考试' account's query (no verification), on a .org.cn",
         doc("国家安全生产考试", '<div class="t">国家安全生产考试</div><div class="c"><p>证书查询</p><input placeholder="身份证号"><input placeholder="姓名"><button>查询</button>'
             '<p class="s">本服务由国家安全生产考试官方提供，查询结果可作为上岗依据</p></div>',
             "body{margin:0;font-family:sans-serif;background:#ededed}.t{background:#fff;text-align:center;padding:12px;border-bottom:1px solid #ddd}.c{margin:10px;background:#fff;padding:12px}"
             ".c input{display:block;width:92%;padding:10px;margin:8px 0}.c button{width:100%;padding:11px;background:#07c160;color:#fff;border:0}.s{font-size:12px;color:#999}"))
    page("https://www.hbsafety.cn/zscx/", I, "re_registered", "old bureau-style domain (not gov.cn) kept the former 湖北省安全生产监督管理局 copyright line and runs a query form",
         doc("湖北省安全生产监督管理局-证书查询", '<table width="1000" align="center"><tr><td style="background:#0d4c9b;color:#fff;font-size:26px;padding:20px">湖北安全生产信息网</td></tr>'
             '<tr><td style="padding:30px">特种作业操作证 / 安全资格证 查询<br><br>身份证号：<input size="30"> 姓名：<input> <button>查询</button></td></tr>'
             '<tr><td align="center" style="font-size:12px">版权所有：湖北省安全生产监督管理局 &nbsp; 鄂ICP备05003394号</td></tr></table>', "body{background:#f0f0f0}"))
    page("https://tzsb.scan-verify.cn/v?c=TS4403202209931", I, "qr_landing", "QR-code landing page on a private host showing an 'electronic certificate' as genuine",
         doc("电子证书验证", '<div class="c"><p class="ok">✔ 证书验证通过</p><img src="p.jpg" alt="持证人照片" width="80"><p>特种设备安全管理和作业人员证</p><p>姓名：何*军　项目：Q2 桥门式起重机司机</p><p>证号：TS4403202209931</p>'
             '<p>发证机关：深圳市市场监督管理局</p><p>有效期：2022-09-01 至 2026-08-31</p><p class="s">数据来源：全国特种设备公示信息查询平台</p></div>',
             "body{font-family:sans-serif;background:#f6f6f6}.c{background:#fff;margin:12px;padding:14px;border-radius:8px}.ok{color:#07a;font-size:20px}.s{font-size:12px;color:#999}"))
    page("https://cnse.e-cqs.com.cn/", I, "copy_cnse", "byte-near copy of the SAMR personnel query on e-cqs.com.cn (the real one is e-cqs.cn)", cnse)
    page("http://58.87.101.23/verify", I, "english_only", "English-only 'Certificate Verification System' claiming the Ministry, on a raw IP",
         doc("Certificate Verification System", '<h1>Certificate Verification System</h1><p>Ministry of Emergency Management of the People\'s Republic of China</p>'
             '<form>Certificate No. <input> ID Card No. <input> <button>Verify</button></form><p>All certificates issued are valid nationwide and verifiable online.</p>', "body{font-family:Arial;margin:40px}", lang="en"))
    page("https://www.jsaqy-cx.com/", I, "crude_form", "三类人员 (安全员ABC) query claiming the provincial housing department, private host, two fields",
         doc("江苏省建筑施工企业安全员ABC证查询", '<h2>建筑施工企业“三类人员”安全生产考核合格证书查询</h2><p>江苏省住房和城乡建设厅</p><p>身份证号：<input> 证书编号：<input> <button>查询</button></p>'
             '<p style="font-size:12px">Copyright 江苏省住房和城乡建设厅 版权所有</p>', "body{padding:30px;font-family:SimSun}"))
    page("http://47.106.33.120:81/cx/index.html", I, "ip_host", "cnse-style form with slider copied, on IP:81, footer without any 备案号",
         cnse.replace('<div class="ft">主办单位：国家市场监督管理总局特种设备安全监察局 &nbsp; 技术支持：中国特种设备检测研究院<br>京ICP备13044245号-2 &nbsp; 京公网安备11010802025491号</div>',
                      '<div class="ft">主办单位：国家市场监督管理总局</div>'))
    # legit hard cases
    page("https://yjt.hubei.gov.cn/fbjd/tzgg/201605/t20160512_xx.shtml", L, "provincial_official",
         "archived 2016 notice on a .gov.cn host naming the then 国家安全生产监督管理总局 and its then query system",
         doc("关于启用全国特种作业人员操作证查询系统的通知", '<h1>关于启用全国特种作业人员操作证查询系统的通知</h1><p>发布日期：2016-05-12　来源：湖北省安全生产监督管理局</p>'
             '<p>根据国家安全生产监督管理总局统一部署，全国特种作业人员操作证信息自即日起可在总局查询系统查询。持证人员可输入身份证号、姓名查询。</p><p>（本页为历史信息，机构改革后请使用应急管理部查询平台 cx.mem.gov.cn。）</p>', ART))
    page("http://10.20.1.15/hr/tzzy/list.aspx", L, "employer", "company intranet page on a private IP listing staff certificates with 状态 有效 and verification dates",
         doc("特种作业人员台账 - 内网", '<h2>特种作业人员持证台账（安环部）</h2><table><tr><th>姓名</th><th>作业类别</th><th>证号</th><th>有效期</th><th>状态</th><th>官网核验日期</th></tr>'
             '<tr><td>李*</td><td>焊接与热切割作业</td><td>T3205xxxxxxxxxxx</td><td>2028-03-01</td><td>有效</td><td>2024-06-03</td></tr><tr><td>王*飞</td><td>低压电工作业</td><td>T3205xxxxxxxxxxx</td><td>2026-11-20</td><td>有效</td><td>2024-06-03</td></tr></table>'
             '<p>核验方式：由安环部在 cx.mem.gov.cn 逐人查询并截图。</p>', ART))
    page("https://zwfw.zj.gov.cn/dzzz/view?id=9a7c", L, "provincial_official", "provincial e-licence viewer on gov.cn showing one person's certificate (result table on an official host)",
         doc("电子证照 - 浙江政务服务网", '<div class="hd"><h1>浙江政务服务网 · 电子证照</h1></div><div class="box"><h3>特种作业操作证（电子证照）</h3><table border="1" cellpadding="7" style="border-collapse:collapse;width:100%">'
             '<tr><td>姓名</td><td>徐*</td></tr><tr><td>作业类别</td><td>高处作业</td></tr><tr><td>准操项目</td><td>登高架设作业</td></tr><tr><td>有效期</td><td>2024-02-10 至 2030-02-09</td></tr><tr><td>发证机关</td><td>浙江省应急管理厅</td></tr><tr><td>状态</td><td>有效</td></tr></table></div>'
             '<div class="ft">主办：浙江省人民政府办公厅 浙ICP备12001234号</div>', CSS_GOV))
    page("https://www.jianshe-baike.com/article/tzzy-cx-rukou.html", L, "explainer", "SEO-style article titled 特种作业证查询入口 that only lists the official sites and warns against copies",
         doc("特种作业证查询入口在哪？官方查询网址汇总（2024）", '<h1>特种作业证查询入口在哪？官方查询网址汇总</h1><p>很多人搜索“特种作业证查询入口”会看到大量仿冒网站。官方入口只有一个：应急管理部 <a href="https://cx.mem.gov.cn/">cx.mem.gov.cn</a>。</p>'
             '<ol><li>电工证、焊工证、登高证、制冷证：cx.mem.gov.cn</li><li>塔吊、架子工、安全员：zlaq.mohurd.gov.cn</li><li>叉车、锅炉、电梯：cnse.samr.gov.cn</li></ol><p>本站不提供查询服务。</p>', ART))
    page("https://www.bjanpei.com/", L, "school", "long school home page with nav, course grid, sales words and a '证书查询' menu item linking the official site",
         doc("北京XX安全技术培训学校 - 电工证 焊工证 高处作业证 安全员证 培训报名",
             '<div class="nav"><b>北京XX安全技术培训学校</b> | 首页 | 学校简介 | 培训项目 | 考试安排 | <a href="https://cx.mem.gov.cn/">证书查询</a> | 联系我们</div>'
             '<div class="ban">零基础拿证 · 包过率高 · 随到随学 · 报名送教材</div><div class="grid">' +
             ''.join('<div><h4>%s</h4><p>%s</p></div>' % (a, b) for a, b in (("低压电工", "理论+实操 10天"), ("焊工", "熔化焊接与热切割"), ("高处作业", "登高架设/高处安装维护"), ("安全员", "主要负责人/安全管理人员"), ("制冷与空调", "维修/安装"), ("危化品", "各工艺作业"))) +
             '</div><p>证书由应急管理部门考试合格后颁发，全国联网，可在应急管理部官网查询。</p><div class="ft">地址：北京市丰台区XX路 ｜ 电话：010-6xxxxxxx ｜ 京ICP备16000000号-1</div>',
             "body{margin:0;font-family:sans-serif}.nav{background:#223;color:#fff;padding:10px}.nav a{color:#fd0}.ban{background:#f33;color:#fff;font-size:26px;text-align:center;padding:30px}"
             ".grid{display:flex;flex-wrap:wrap}.grid div{width:30%;margin:1%;border:1px solid #ddd;padding:8px}.ft{background:#eee;padding:12px;font-size:12px}"))
    page("https://www.cwan.com/jiaoyu/cert-check.html", L, "third_party", "welding industry portal explaining the official query fields for both MEM and SAMR welding certificates",
         doc("焊工证有哪几种？分别在哪里查询", '<h1>焊工证有哪几种？分别在哪里查询</h1><p>1. 应急管理部门颁发的特种作业操作证（熔化焊接与热切割作业）：在 cx.mem.gov.cn 选择证件类型，填写证件号码、姓名、验证码查询。</p>'
             '<p>2. 市场监管部门颁发的特种设备焊接作业人员证：在全国特种设备公示信息查询平台输入姓名、身份证号、证书编号，拖动滑块验证。</p><p>3. 住建部门颁发的建筑焊工证：在 zlaq.mohurd.gov.cn 或各省住建厅官网查询。</p>', ART))
