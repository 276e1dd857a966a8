# batch 83 (round 5, everyday short negatives). Page titles of SEO tag and Q&A pages about everyday matters: moving and
# delivery prices, rent, second-hand trading, driving-licence and civil-service exams, registration times. Many name
# an exam, a licence or a certificate (驾照, 驾驶证, 考试报名, 证书) without offering anything. All negative, kind short,
# genre other (howto for the one registration paragraph). The excerpt the search returned is the page's title, copied
# as stored (including a stored "展开" and a cut-off "期限是多").
# Look-ups: pages: 搬家公司 电话 价格 上门 | 房屋出租 一室一厅 联系电话 微信 | 二手 转让 自提 微信 价格 九成新 |
#   驾校 招生 报名 咨询电话 学车 优惠 | 考试报名通知 咨询电话 报名时间 报名地点 人事考试 | 家教 辅导 小学数学 联系电话 QQ |
#   寻狗启事 联系电话 重谢 | 遗失声明 不慎遗失 声明作废 证书编号 | 招聘 服务员 包吃住 月薪 联系电话 饭店 |
#   农家乐 民宿 预订电话 微信同号 欢迎来电
Z = 'https://www.zhetiaohe.com/ss/'
F = 'http://fengdujob.net/go/'
N = 'an SEO tag page\'s title (an everyday question); negative'
for t, u in [
    ('家装材料上楼费一般需要多少钱', Z+'b2e270d44542d9368538df5d66a550f9f600bebe36dc52c9a47cb22f7679bc8b1a4d4c68c3fad7786cc5cf161474b55f.html'),
    ('有兔到家上门服务收费标准', Z+'8fa2c0b64a86307af825f8bde6825bbe56a304d9742635a6aa9a049c86d6ace79e9c77c36011c746.html'),
    ('各大快递公司收费标准2021年', F+'各大快递公司收费标准2021年.html'),
    ('货拉拉收费标准', 'http://bbaike.cn/tag/326676.html'),
    ('韵达快递跨省收费标准价格表2023年', 'http://sjjcgs.com/tags/韵达快递跨省收费标准价格表2023年.html'),
    ('德邦物流收费标准省外', F+'德邦物流收费标准省外.html'),
    ('家电维修上门多少钱', 'http://www.haoziyuan.cc/article/73207.html'),
    ('房租是房子单价比例', F+'房租是房子单价比例.html'),
    ('北京市房屋出租管理规定', F+'北京市房屋出租管理规定.html'),
    ('广州市房管部门出租租金标准', F+'广州市房管部门出租租金标准.html'),
    ('北京市租房中介费标准文件', 'https://hbbwzsytb.com/tag/北京市租房中介费标准文件.html'),
    ('一压一付房租什么意思', Z+'de1f433c2a93db8c9926b3e2da82e4d1419a5bd7ca205dd34a53d1a78cb3aeba.html'),
    ('闲鱼交易流程是什么', 'https://m.39zn.cn/labels/301565.htm'),
    ('二手房交易评估价格', 'https://um.sanwen.net/special/dhznaf.html'),
    ('展开 二手车价钱评估公式', 'http://bdmuze.com/tags/二手车价钱评估公式.html'),
    ('私人购买二手车流程及费用标准', F+'私人购买二手车流程及费用标准.html'),
    ('二手车过户手续费', 'https://um.sanwen.net/special/onccif.html'),
    ('成福二手车过户需要多少钱费用', Z+'96bdbae971fccd03044897f70f36b5d769510d570a37c41c37ad40cc2929932c75be7958e19e5fbcb4720c12a2a7214e.html'),
    ('速卖通二手商品售卖规则', 'https://m.xeeger.com/labels/24983.htm'),
    ('上海b驾照报考条件', 'http://m.69lv.com/rszgjztfrsvcrh'),
    ('景德镇考驾照收费标准', F+'景德镇考驾照收费标准.html'),
    ('2020年驾校考试期限是多', 'http://xing-neng.com/tags/2020年驾校考试期限是多少.html'),
    ('网约车考试报名时间多久', F+'网约车考试报名时间多久.html'),
    ('山东机动车教练员报名时间', 'https://www.jrssaishi.com/tagdetail/山东机动车教练员报名时间.html'),
    ('考驾照时间是什么时候开始的', 'http://nongzhifu.com/tags/考驾照时间是什么时候开始的.html'),
    ('山东考驾照考试费要多少钱', 'http://tmsjy.cn/tags/山东考驾照考试费要多少钱呀.html'),
    ('驾驶证考试有效期几年', 'https://m.igbc.cn/bgbzgjztfbgbrdhg'),
    ('人力资源考试是什么时候', 'http://party-uncle.com/tags/7fb59b06efb6250a5c35b71f458602f3.html'),
    ('国考几点开始考试', 'http://party-uncle.com/tags/国考几点开始考试.html'),
    ('国家公务员考试公告发布时间和开始时间大约什么时候', 'http://oa9158.com/tags/国家公务员考试公告发布时间和开始时间大约什么时候.html'),
    ('国考一般几点考试', 'http://sdleiou.com/tags/国考一般几点考试.html'),
    ('中国卫生人才网官网缴费入口2021考试时间', 'http://sjjcgs.com/tags/f65c0d5df08e3cc429fa7bdeb3a47b09.html'),
    ('事业单位考试安排时间上午下午怎么安排', F+'事业单位考试安排时间上午下午怎么安排.html'),
    ('小学一到六年级的所有数学公式', 'https://abg.baidu.com/tags/2cq5dj6sxo233qpzytvlznvvytf7tu6qzl65dj5zvpfl213'),
    ('小学一到六年级所有的数学公式', 'http://gdxinbao.com/tags/小学一到六年级所有的数学公式.html'),
    ('小学数学公式 六年级', 'https://abg.baidu.com/tags/2cq5dj6k7xi2ponlzk6sbqpzytvlznq11'),
    ('2021年养狗新规处罚规定最新版', 'http://sjjcgs.com/tags/2021年养狗新规处罚规定最新版.html'),
    ('船检证书到哪里查询真假', Z+'a4e1bf1233ea3f1ec28012ce87f9ab4b3a5d9cad36ea99cb082142a5794c0e114ea5726a9ec9ffe0.html'),
    ('客房部服务员工资计件提成方案', 'https://abg.baidu.com/tags/x7g3pp5sx6375txr2sy3tjgxzk6mnph6ztq3hsnxxwylq13'),
    ('衢州市民宿管理办法', 'https://abg.baidu.com/tags/4hu5nxok2db7ds66xhomb3nq5s32q13'),
    ('如何订酒店最便宜用什么软件', F+'如何订酒店最便宜用什么软件.html'),
]:
    add(t, 'negative','short','other',u,N+(' (a certificate query question: hard negative)' if '证书' in t else ''))
add('''(一)报名时间:每年二、三月份。

(二)报名方式和地点:一般采用网上和现场报名两种方式,地点在各地人事考试中心。''', 'negative','short','howto','http://www.civilcn.com/kaoshi/ksxw/1380436719215867.html','an exam guide\'s registration paragraph (the excerpt as stored); negative')
