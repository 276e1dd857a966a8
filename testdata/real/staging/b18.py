# batch 18 (round 2): police/news pages with quoted seller wording (pages corpus)
add('''近日,南安市公安局刑侦大队溪美中队接到南安市应急管理局移交线索称,某轻工公司员工刘某涉嫌买卖特种行业操作证。侦查员立即开展调查工作,并迅速抓获犯罪嫌疑人刘某,成功破获一起非法买卖国家机关证件案。
直到今年5月中旬,刘某为了获得更高收入,想要换一家公司,便想着去“搞”一本新的证件。偶然间,他在一次刷短视频时发现可以花钱办证,“保真”“包查验”“价格从优”等字眼令他十分心动。
刘某马上联系了卖家,支付了一定费用后,短短15天左右就拿到了证件。心满意足的他,按卖家提供的网站进行核验,殊不知该网站也是卖家自己炮制的“冒牌货”。''', 'negative','page','police_report','https://hssb.fjdaily.com/pc/con/202306/09/content_281544.html','police report (海峡都市报 2023): buyer of a fake 特种作业操作证 found via a short video, seller-made verification site (hard negative); trimmed')
add('''“保真”“包查验”“价格从优”''', 'cert_sale','short','offer','https://hssb.fjdaily.com/pc/con/202306/09/content_281544.html','the short-video seller\'s claims quoted verbatim in the police report (fake 特种作业操作证); very short, claims only, no certificate noun or contact')
add('''今年上半年,羅萊在家刷抖音,看著看著,注意力突然被一個土味財富視頻深深吸引:
還沒搞清楚情況的羅萊,因為覺得新奇點擊了小視頻,她的手機頁面立即跳轉到了一個“0元搶消防工程師課”的界面,邀請她填寫學歷、工作年限、聯系電話等個人信息。
在招生老師的介紹中,目前國家對公共場所的消防安全越來越重視,除了消防技術服務機構,未來包括人流量大的商場、賓館、學校、醫院、工廠等,都要配備數名消防工程師在崗,行業人才稀缺。
而且消防工程師不用上班,不用到崗,只需要考取''', 'negative','page','news','http://www.handmsg.com/page/2020/0910/7015876.shtml','feature story (traditional characters) on short-video ads for 消防工程师 courses that promise income from renting the certificate; reporter paraphrase, cut at the end of the stored excerpt (hard negative)')
add('''4月13日,在北京房山区的一所驾校,数十人被组织参加了“道路货物运输驾驶人员从业资格”考试的替考,考试现场不仅不核实身份,现场公布答案,甚至连答题卡都已事先被填好。
  替考者参加一个上午两场考试可以获取报酬40元。40元的替考费背后利益凸显,一张代办的资格证,在网上被叫价至1500元以上。''', 'negative','page','news','http://beijing.baogaosu.com/xinwen/%E8%B4%A7%E8%BF%90%E8%B5%84%E6%A0%BC%E8%AF%81%E8%80%83%E8%AF%95%E7%BE%A4%E4%BD%93%E6%9B%BF%E8%80%83%E4%BD%9C%E5%BC%8A/56522176','北京青年报 report (2017, mirrored) on organised substitute test-takers for a freight-driver qualification (out of scope: transport); hard negative for 替考/答案; trimmed')
