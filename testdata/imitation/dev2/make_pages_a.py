# -*- coding: utf-8 -*-
# Writes reference pages and the imitation pages of development set 2. Hand-written content; run from dev2/.
import json, os
OUT = []  # (file, url, label, kind, note)

def doc(title, body, css="", head_extra="", lang="zh-CN", bom=False, meta='<meta charset="utf-8">'):
    s = ("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n%s\n<title>%s</title>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n%s<style>%s</style>\n</head>\n<body>\n%s\n</body>\n</html>\n"
         % (lang, meta, title, head_extra, css, body))
    return ("\ufeff" + s) if bom else s

def page(url, label, kind, note, html):
    OUT.append({"url": url, "label": label, "kind": kind, "note": note, "html": html})

CSS_GOV = ("body{margin:0;font-family:'Microsoft YaHei',SimSun,sans-serif;background:#f2f5f9;color:#333}"
           ".hd{background:#1a4f9c;color:#fff;padding:14px 40px}.hd img{height:52px;vertical-align:middle}"
           ".hd h1{display:inline-block;font-size:24px;margin:0 0 0 14px;vertical-align:middle}"
           ".box{width:640px;margin:40px auto;background:#fff;border:1px solid #d6dde8;padding:30px 40px}"
           ".row{margin:14px 0}.row label{display:inline-block;width:110px;text-align:right;margin-right:10px}"
           ".row input,.row select{width:300px;height:32px;border:1px solid #bbb;padding:0 6px}"
           ".btn{background:#1a4f9c;color:#fff;border:0;width:200px;height:38px;font-size:16px;margin-left:120px}"
           ".ft{text-align:center;font-size:12px;color:#666;padding:20px;border-top:1px solid #ccc;line-height:2}")

def cx_form(action="/cx/search"):
    return ('<form method="post" action="%s">'
            '<div class="row"><label for="zjlx">证件类型：</label><select id="zjlx" name="zjlx"><option>居民身份证</option><option>港澳台居民居住证</option><option>护照</option></select></div>'
            '<div class="row"><label for="zjhm">证件号码：</label><input id="zjhm" name="zjhm" placeholder="请输入证件号码"></div>'
            '<div class="row"><label for="xm">姓名：</label><input id="xm" name="xm" placeholder="请输入姓名"></div>'
            '<div class="row"><label for="yzm">验证码：</label><input id="yzm" name="yzm" style="width:140px"> <img src="captcha.jpg" alt="验证码" width="90" height="32"></div>'
            '<div class="row"><button class="btn" type="submit">查 询</button></div></form>') % action

# ---------------- reference pages ----------------
def references():
    cx = doc("特种作业操作证及安全生产知识和管理能力考核合格信息查询平台",
        '<div class="hd"><img src="images/emblem.png" alt="国徽"><img src="images/mem-logo.png" alt="中华人民共和国应急管理部"><h1>特种作业操作证及安全生产知识和管理能力考核合格信息查询平台</h1></div>\n'
        '<div class="box"><h2 style="text-align:center;font-size:18px">证书信息查询</h2>' + cx_form() +
        '<p style="font-size:13px;color:#888">温馨提示：查询结果仅显示已录入全国联网系统的证书信息。如有疑问，请联系发证机关。</p></div>\n'
        '<div class="ft">主办单位：中华人民共和国应急管理部 &nbsp; 技术支持：应急管理部信息研究院<br>'
        '<a href="https://beian.miit.gov.cn/">京ICP备18038658号-1</a> &nbsp; <img src="images/ga.png" alt="公安备案">京公网安备 11010502035398号<br>'
        '网站标识码：bm95000001</div>', CSS_GOV)
    zlaq = doc("全国工程质量安全监管信息平台公共服务门户",
        '<div class="hd" style="background:#0b5ca8"><img src="images/mohurd-logo.png" alt="中华人民共和国住房和城乡建设部"><h1>全国工程质量安全监管信息平台 · 公共服务门户</h1></div>\n'
        '<div style="background:#e6eef7;padding:8px 40px;font-size:14px">首页 | 工程项目 | 企业信息 | <b>人员信息</b> | 证书查询 | 通知公告</div>\n'
        '<div class="box"><h2 style="font-size:18px">建筑施工特种作业人员 / 安全生产管理人员 证书查询</h2>'
        '<form method="get" action="/public/person"><div class="row"><label>查询类别：</label><select name="lb"><option>建筑施工特种作业操作资格证书</option><option>安全生产考核合格证书（三类人员）</option></select></div>'
        '<div class="row"><label>身份证号：</label><input name="sfzh" placeholder="请输入身份证号"></div>'
        '<div class="row"><label>企业名称：</label><input name="qymc" placeholder="或输入企业名称"></div>'
        '<div class="row"><label>验证码：</label><input name="code" style="width:140px"> <img src="code.png" alt="验证码"></div>'
        '<div class="row"><button class="btn">查询</button></div></form></div>\n'
        '<div class="ft">主办单位：中华人民共和国住房和城乡建设部 &nbsp; 承办：住房和城乡建设部信息中心<br>京ICP备05004347号 &nbsp; 京公网安备11010202000001号</div>', CSS_GOV)
    cnse = doc("全国特种设备公示信息查询平台",
        '<div class="hd" style="background:#174a8b"><img src="images/samr-logo.png" alt="国家市场监督管理总局"><h1>全国特种设备公示信息查询平台</h1></div>\n'
        '<div style="padding:8px 40px;background:#fff;border-bottom:1px solid #ddd">设备查询 | 单位查询 | <b>人员查询</b> | 检验机构</div>\n'
        '<div class="box"><h2 style="font-size:18px">特种设备安全管理和作业人员证查询</h2><form method="post" action="/person/query">'
        '<div class="row"><label>姓名：</label><input name="name"></div><div class="row"><label>身份证号：</label><input name="idcard"></div>'
        '<div class="row"><label>证书编号：</label><input name="certno"></div>'
        '<div class="row"><label>安全验证：</label><span style="display:inline-block;width:300px;height:34px;background:#eee;border:1px solid #ccc;line-height:34px;text-align:center">&gt;&gt; 请按住滑块，拖动到最右边</span></div>'
        '<div class="row"><button class="btn">查询</button></div></form></div>\n'
        '<div class="ft">主办单位：国家市场监督管理总局特种设备安全监察局 &nbsp; 技术支持：中国特种设备检测研究院<br>京ICP备13044245号-2 &nbsp; 京公网安备11010802025491号</div>', CSS_GOV)
    for name, html, url in (("cx", cx, "https://cx.mem.gov.cn/"), ("zlaq", zlaq, "https://zlaq.mohurd.gov.cn/"), ("cnse", cnse, "https://cnse.e-cqs.cn/")):
        with open("reference/%s.html" % name, "w", encoding="utf-8") as fh:
            fh.write(html)
    with open("reference/references.jsonl", "w", encoding="utf-8") as fh:
        for name, url in (("cx", "https://cx.mem.gov.cn/"), ("zlaq", "https://zlaq.mohurd.gov.cn/"), ("cnse", "https://cnse.e-cqs.cn/")):
            fh.write(json.dumps({"file": "reference/%s.html" % name, "url": url}, ensure_ascii=False) + "\n")
    return cx, zlaq, cnse

# ---------------- imitations ----------------
def imitations(cx, zlaq, cnse):
    I = "imitation"
    # 1 near copy of cx on a hyphenated .com
    h = cx.replace("京ICP备18038658号-1", "京ICP备18038658号-1").replace('action="/cx/search"', 'action="/index.php/query"')
    page("https://cx-mem.com/", I, "copy_cx", "near-pixel copy of the cx.mem.gov.cn query page on a non-government .com; official 备案号 copied", h)
    # 2 copy of cx on a raw IP
    h = cx.replace("images/", "/static/img/").replace("查询结果仅显示已录入全国联网系统的证书信息", "本平台数据与国家库实时同步，查询结果真实有效")
    page("http://47.98.123.45/cx/", I, "ip_host", "copy of the cx query page served from a raw IP address, with an added 'data synchronised with the national database' claim", h)
    # 3 zlaq copy
    h = zlaq.replace("京ICP备05004347号", "京ICP备05004347号").replace("/public/person", "/api/zs.php")
    page("https://zlaq-mohurd.net/public/", I, "copy_zlaq", "copy of the 住建部 monitoring platform person query on zlaq-mohurd.net", h)
    # 4 cnse copy, slider replaced by a plain 4-digit code
    h = cnse.replace('<span style="display:inline-block;width:300px;height:34px;background:#eee;border:1px solid #ccc;line-height:34px;text-align:center">&gt;&gt; 请按住滑块，拖动到最右边</span>',
                     '<input name="vc" style="width:120px"> <b style="background:#ddd;padding:4px 10px">5 8 2 1</b>').replace("京ICP备13044245号-2", "京ICP备20231187号-1")
    page("https://cnse-e-cqs.com/person/", I, "copy_cnse", "copy of the SAMR special-equipment personnel query on cnse-e-cqs.com; slider replaced by a printed code, own 备案号", h)
    # 5 crude two-field form
    h = doc("证书查询", '<center><h2>特种作业操作证查询</h2><form action="q.php" method="get">姓名：<input name="n"><br><br>身份证号：<input name="s"><br><br><input type="submit" value="查询"></form>'
            '<p><font color="red">本系统与应急管理部联网，可查可验</font></p></center>', "body{font-size:15px;padding-top:60px}")
    page("http://www.tzzy-cx.top/", I, "crude_form", "hand-made two-field form (name, ID) claiming link to 应急管理部, throwaway .top host", h)
    # 6 mobile-first
    h = doc("应急管理部证书查询", '<div class="top">应急管理部 · 证书查询</div><div class="card"><p class="t">全国特种作业操作证信息查询</p>'
            '<input placeholder="请输入姓名"><input placeholder="请输入身份证号码"><input placeholder="请输入证书编号（选填）"><button>立即查询</button>'
            '<p class="tip">支持电工、焊工、高处作业、制冷、危化品等全部工种<br>查询结果与国家平台一致</p></div><div class="bar">首页　|　查询　|　客服</div>',
            "body{margin:0;background:#eef2f7;font-family:sans-serif}.top{background:#c8161d;color:#fff;text-align:center;padding:12px;font-size:18px}"
            ".card{margin:12px;background:#fff;border-radius:8px;padding:14px}.card input{display:block;width:94%;margin:10px 0;padding:10px;border:1px solid #ccc;border-radius:4px}"
            ".card button{width:100%;padding:12px;background:#c8161d;color:#fff;border:0;border-radius:4px;font-size:16px}.tip{font-size:12px;color:#999}.bar{position:fixed;bottom:0;width:100%;background:#fff;text-align:center;padding:10px}")
    page("https://m.aqsc-cx.cn/", I, "mobile", "mobile-first query card titled 应急管理部证书查询 on a private .cn host", h)
    # 7 result table only
    h = doc("查询结果 - 特种作业操作证及安全生产知识和管理能力考核合格信息查询平台",
            '<div class="hd"><img src="logo.png" alt="应急管理部"><h1>特种作业操作证信息查询</h1></div><div class="box"><h3>查询结果</h3>'
            '<table border="1" cellpadding="8" style="border-collapse:collapse;width:100%"><tr><th>姓名</th><td>王建国</td><th>性别</th><td>男</td></tr>'
            '<tr><th>身份证号</th><td colspan="3">3701**********2416</td></tr><tr><th>证号</th><td colspan="3">T370102198303152416</td></tr>'
            '<tr><th>作业类别</th><td>电工作业</td><th>准操项目</th><td>低压电工作业</td></tr><tr><th>初领日期</th><td>2023-05-18</td><th>有效期至</th><td>2029-05-17</td></tr>'
            '<tr><th>发证机关</th><td colspan="3">山东省应急管理厅</td></tr><tr><th>证书状态</th><td colspan="3" style="color:green">有效</td></tr></table>'
            '<p><img src="photo.jpg" alt="证件照" width="90"></p></div><div class="ft">主办单位：应急管理部</div>', CSS_GOV)
    page("https://cx.mem-gov.cn.chaxun.vip/result?id=8f3a91", I, "result_table", "result page only, one person's fake record; host starts with cx.mem-gov.cn but is under chaxun.vip", h)
    # 8 JS-built
    js = ('<div id="app"></div><script>\nvar t="特种作业操作证及安全生产知识和管理能力考核合格信息查询";\n'
          'var s="<h1>"+t+"</h1><p>主办单位：中华人民共和国应急管理部</p>"+'
          '"<form onsubmit=\\"return go()\\">姓名 <input id=a> 身份证号 <input id=b> <button>查询</button></form>"+'
          '"<p>备案号：京ICP备18038658号</p>";\ndocument.getElementById("app").innerHTML=s;document.title=t;\n'
          'function go(){location.href="/r.html?n="+encodeURIComponent(document.getElementById("a").value)+"&i="+document.getElementById("b").value;return false}\n</script>')
    page("http://121.41.207.9:8088/", I, "js_built", "content inserted by inline script, name+ID form, claims 应急管理部, served from IP:port", doc("加载中...", js, "body{font-family:sans-serif;text-align:center}"))
    # 9 seller page with embedded query box
    h = doc("电工证 焊工证 高空证 办理 - 全国联网 本站可查",
            '<div class="nav">首页 | 证书办理 | 证书查询 | 联系我们</div><h1>专业办理特种作业操作证</h1>'
            '<p>电工证、焊工证、高处作业证、制冷证、叉车证、塔吊证，<b>免考试，人不用到场，7天出证</b>，全国联网，官网可查，终身可查，不成功不收费。</p>'
            '<div class="q"><h3>证书查询（本站可查）</h3><form action="/chaxun.php">姓名 <input name="xm"> 身份证号 <input name="sfz"> <button>查询</button></form></div>'
            '<p class="c">咨询：薇信 bz-8866 &nbsp; 电话 139 ② 888 ⑤ 6677</p>',
            "body{font-family:sans-serif;margin:0 auto;max-width:800px}.nav{background:#333;color:#fff;padding:8px}.q{border:2px solid #e60;padding:10px}.c{color:red}")
    page("https://www.zhengshu-banli88.com/", I, "seller_query", "certificate seller embedding its own '本站可查' query box next to 免考/官网可查 claims", h)
    # 10 SEO page posing as entrance
    h = doc("特种作业证查询入口_特种作业操作证官网查询入口【官方】",
            '<h1>特种作业证查询入口（官方）</h1><p class="d">特种作业证查询入口、特种作业操作证查询官网、电工证查询入口、焊工证查询、登高证查询，一站式查询，输入身份证即可查询。</p>'
            '<div class="f"><p>请输入身份证号码：</p><input name="id"><button>进入查询</button></div>'
            '<ul><li>电工证查询入口</li><li>焊工证查询入口</li><li>高处作业证查询入口</li><li>安全员证查询入口</li><li>叉车证查询入口</li></ul>'
            '<p class="k">关键词：特种作业证查询 特种作业操作证查询 应急管理部证书查询 安监局证书查询 全国特种作业证查询网</p>',
            "body{font-family:sans-serif;padding:20px}.k{color:#fff;font-size:2px}.f{background:#f5f5f5;padding:16px}")
    page("https://www.tezhongzuoye-cx.com/rukou.html", I, "seo_entrance", "SEO page posing as the 'official entrance' with its own ID-number box and hidden keyword stuffing", h)
    # 11 old issuer SAWS
    h = doc("国家安全生产监督管理总局 特种作业人员操作证查询系统",
            '<table width="960" align="center" bgcolor="#ffffff"><tr><td bgcolor="#003e8c" height="90"><img src="images/safety-logo.gif" alt="国家安全生产监督管理总局"> <font color="#fff" size="5">国家安全生产监督管理总局 特种作业人员操作证查询系统</font></td></tr>'
            '<tr><td style="padding:40px"><form action="search.asp">证件号码：<input name="sfz" size="30"><br><br>姓　　名：<input name="xm" size="30"><br><br><input type="submit" value="查询"></form></td></tr>'
            '<tr><td align="center"><font size="2">版权所有：国家安全生产监督管理总局 &nbsp; 京ICP备05046837号</font></td></tr></table>', "body{background:#dde}")
    page("http://www.chinasafety-cx.org/tzzy/", I, "old_issuer", "names the dissolved 国家安全生产监督管理总局 as operator of a query system on a .org host", h)
    # 12 old issuer AQSIQ
    h = doc("国家质量监督检验检疫总局特种设备作业人员证查询",
            '<div class="h">国家质检总局 · 特种设备作业人员证查询</div><div class="m"><p>叉车、锅炉、压力容器、电梯、起重机械作业人员证书统一查询</p>'
            '<p>证书编号：<input> &nbsp; 身份证号：<input></p><p><button>查询</button></p></div><div class="f">国家质量监督检验检疫总局 版权所有</div>',
            ".h{background:#0a3d7a;color:#fff;font-size:22px;padding:16px}.m{padding:30px}.f{text-align:center;color:#777}")
    page("https://www.aqsiq-tzsb.com/zyry/", I, "old_issuer", "special-equipment operator query under the old name 国家质检总局, on a private .com", h)
    # 13 pinyin/english title
    h = doc("Tezhong Zuoye Caozuozheng Chaxun | Special Operation Certificate Verification",
            '<h2>Special Operation Certificate Query</h2><p>特种作业操作证 在线核验 / Online verification, data from Ministry of Emergency Management</p>'
            '<form>Name 姓名 <input> ID No. 身份证号 <input> <button>Verify</button></form><p>Copyright © MEM Certificate Center</p>',
            "body{font-family:Arial;margin:40px}")
    page("https://tzzyczz.com/en/", I, "pinyin_title", "pinyin/English title, claims MEM data, name+ID verify form on a private host", h)
    # 14 fake beian + fake police badge
    h = doc("安全生产考核合格证查询 - 应急管理局",
            '<div class="hd"><img src="logo.png" alt="应急管理局"><h1>安全生产知识和管理能力考核合格证查询</h1></div><div class="box">'
            '<p>主要负责人 / 安全管理人员 证书查询</p>' + cx_form("/check") + '</div>'
            '<div class="ft">主办：应急管理局证书管理中心<br>京ICP备20188888号-3 &nbsp; <img src="ga.png" alt="公安备案图标"> 京公网安备 11000002000888号<br>'
            '<img src="kexin.png" alt="可信网站 验证"> <img src="gov-verify.png" alt="政府网站找错"></div>', CSS_GOV)
    page("https://www.yjglb-cx.cn/aqsc/", I, "fake_beian", "copied form with an invented 备案号, invented 公安备案 number and trust badges on a non-gov .cn", h)
    # 15 impersonating a local bureau
    h = doc("长沙市应急管理局-证书查询",
            '<div class="hd" style="background:#b5121b"><h1>长沙市应急管理局</h1></div><div style="padding:6px 40px;background:#eee">首页 | 政务公开 | 办事服务 | 证书查询 | 互动交流</div>'
            '<div class="box"><h3>特种作业操作证查询</h3><div class="row"><label>姓名</label><input></div><div class="row"><label>身份证号</label><input></div><div class="row"><button class="btn">查询</button></div></div>'
            '<div class="ft">长沙市应急管理局 主办 &nbsp; 湘ICP备05001234号</div>', CSS_GOV)
    page("https://www.yjj-changsha.cn/zscx/", I, "local_bureau", "impersonates a city emergency bureau on a .cn that is not under .gov.cn", h)
    # 16 gov-looking host not under gov.cn, near copy with modified footer
    h = cx.replace("主办单位：中华人民共和国应急管理部", "主办单位：应急管理部特种作业证书查询中心")
    page("https://mem.gov.cn.cxpt.cc/", I, "copy_cx", "copy of the cx page on mem.gov.cn.cxpt.cc (registered domain cxpt.cc), footer names a made-up 查询中心", h)
    # 17 zlaq result on IP:port
    h = doc("全国工程质量安全监管信息平台-人员证书详情",
            '<div class="hd" style="background:#0b5ca8"><h1>全国工程质量安全监管信息平台</h1></div><div class="box"><h3>建筑施工特种作业操作资格证书</h3>'
            '<table border="1" cellpadding="7" style="border-collapse:collapse;width:100%"><tr><td>姓名</td><td>李春生</td></tr><tr><td>证书编号</td><td>湘A042024000731</td></tr>'
            '<tr><td>操作类别</td><td>塔式起重机司机</td></tr><tr><td>发证机关</td><td>湖南省住房和城乡建设厅</td></tr><tr><td>有效期</td><td>2024-03-01 至 2026-02-28</td></tr><tr><td>状态</td><td>有效</td></tr></table></div>'
            '<div class="ft">主办单位：中华人民共和国住房和城乡建设部</div>', CSS_GOV)
    page("http://39.108.66.201:8080/zlaq/detail?sfzh=430111198806123318", I, "result_table", "fake 塔吊 certificate detail page mimicking the 住建部 platform on an IP:port", h)
    # 18 cnse mobile result on .com.cn
    h = doc("特种设备作业人员证查询结果",
            '<div class="top">全国特种设备公示信息查询平台</div><div class="card"><p><b>查询成功</b></p><p>姓名：赵丽</p><p>证书编号：TS3101202300451</p><p>作业项目：N1 叉车司机</p>'
            '<p>发证机关：上海市市场监督管理局</p><p>有效期至：2027年06月30日</p><p style="color:green">状态：有效</p></div>',
            "body{margin:0;font-family:sans-serif;background:#f4f4f4}.top{background:#174a8b;color:#fff;padding:14px;text-align:center}.card{background:#fff;margin:12px;padding:12px;border-radius:6px}")
    page("https://cnse.samr-gov.com.cn/m/result?c=TS3101202300451", I, "result_table", "mobile result card for a forklift certificate on samr-gov.com.cn (not samr.gov.cn)", h)
    # 19 crude construction form with QQ
    h = doc("建筑证书查询", '<h3>建筑施工特种作业证/安全员证查询</h3><p>身份证号：<input> <button>查</button></p><p>证书编号：<input></p>'
            '<p style="color:#888">数据来源：住房和城乡建设部 ｜ 查询不到请联系QQ：2847****31 补录</p>', "body{padding:30px}")
    page("http://jzcx.xyz/", I, "crude_form", "crude two-field 建筑 certificate query with a 'contact QQ to add missing records' line", h)
    # 20 JS-built cnse imitation with JSON data
    js = ('<div id="root">正在加载...</div><script>\nvar cfg={title:"全国特种设备公示信息查询平台",org:"国家市场监督管理总局",labels:["姓名","身份证号","证书编号"],btn:"查询",icp:"京ICP备13044245号"};\n'
          'var h="<header><img alt=\\""+cfg.org+"\\" src=logo.png> "+cfg.title+"</header><main>";\n'
          'cfg.labels.forEach(function(l,i){h+="<p>"+l+"：<input id=f"+i+"></p>"});\n'
          'h+="<button>"+cfg.btn+"</button></main><footer>主办单位："+cfg.org+" "+cfg.icp+"</footer>";\n'
          'document.getElementById("root").innerHTML=h;document.title=cfg.title;\n</script>')
    page("https://www.tzsbcx.cn/", I, "js_built", "script-built imitation of the SAMR special-equipment query, official 备案号 copied, private host", doc("", js, "body{font-family:sans-serif}"))
    # 21 BOM + traditional characters + uppercase tags
    h = doc("特種作業操作證查詢系統", '<DIV ALIGN="center"><H2>應急管理部 特種作業操作證查詢</H2><FORM>姓名：<INPUT NAME="xm"><BR>證件號碼：<INPUT NAME="zjhm"><BR><INPUT TYPE="submit" VALUE="查詢"></FORM>'
            '<P>全國聯網 官網可查 ＶＸ：ｂｚ６６８</P></DIV>', "", bom=True, meta='<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=utf-8">')
    page("http://103.152.18.77/", I, "ip_host", "traditional-character, UTF-8-with-BOM query page on a raw IP, full-width VX contact", h)
    # 22 plausible host: looks like a training/service company, near copy of zlaq personnel form
    h = zlaq.replace("全国工程质量安全监管信息平台 · 公共服务门户", "全国建筑施工人员证书查询平台").replace("承办：住房和城乡建设部信息中心", "技术支持：建安信息科技有限公司")
    page("https://www.jzaqxx.com/cx/", I, "copy_zlaq", "re-skinned 住建部 form on a plausible company-like host, still says 主办单位 住房和城乡建设部", h)
