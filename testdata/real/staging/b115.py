# batch 115 (round 13). pages corpus: hard negatives on certificate and exam fraud outside the mainland and in new occupations: a 澎湃 report
# on 中医确有专长 training agencies that promised to get applicants through the review, Hong Kong ICAC charges against an electrician-licence
# course that faked work experience, a 2012 TOEFL impersonation arrest in Hong Kong, Taiwan's labour ministry on spotting fake technician
# certificates, and face recognition against substitutes at a fire-engineer exam.
# Look-ups (pages): 中医 确有专长 考核 "包过" 中介 骗局 记者 收费 拿证 | 中医确有专长 培训机构 殷智 承诺 包过审核 … | 特种作业 理论考试 替考
#   人脸识别 发现 考点 应急管理局 通报 取消 资格 代考人员 | ptt 徵 槍手 代考 酬勞 私信 站內信 考試 | ptt 堆高機 證照 補習班 保證 考上 推薦
#   勞動部 技術士 | 香港 網上 廣告 代考 槍手 "包過" 收費 警方 拘捕 證書 考試 | 建造業 工人註冊 假 證書 平安卡 偽造 地盤 拘捕 中介 收費 兜售 |
#   廉署 火箭炮 烽火台 挖泥機 電工A牌 速成雞精班 包考試成功 偽造工作證明 | 二级建造师 考试 作弊 团伙 "包过" … | 周某光 建造师 …
#   | 常德 二级建造师 考试作弊案 ….
# Left out: the 2018 常德 二建 and 2021 二建 leak stories (hailiantian.cn, hnmdtv.com: already in the corpus), copies with conversion
#   artefacts (413629.com, 100thplant.com, reibang.com), a copy under a gambling header (ongyu.icu), the 2013 民间中医 假认证 story
#   (wujue.com, already in the corpus), the ICAC "火箭炮" report whose stored copy has no address (its "速成雞精班" slogan could not be
#   cited), fiction and memoirs (cread.tw, udn.com 王正方 "我是槍手", haomeiwen.com 6级枪手 essay), a proctor's blog anecdote
#   (sagbr.pixnet.net), HK 請槍 for homework and a Lingnan TOEFL case (hk.news.yahoo.com, i-cable.com: already in the corpus or homework),
#   Taiwan and Kinmen illegal-labour reports (no certificate).
add('''澎湃新聞調查發現,2017年《中醫藥法》實施以來,各地陸續開始展開中醫醫術確有專長的考核工作,然而隨之滋生的培訓機構,鼓吹原本不符合報名條件的考生報名,並冒充有關部門承諾幫助通過資料審核,以此收取鉅額培訓費。''', 'negative', 'page', 'news', 'https://ttnews.xyz/a/5fe9fa19950ea48989074c74',
    'a repost (traditional characters) of a 2019 澎湃 report on training agencies for the 中医确有专长 assessment (hard negative: the agencies\' promise to get applicants through the review, paraphrased)')
add('''近期發現有不肖民眾持用偽變造的技術士證進行謀職,對此,勞動部提供3個分辨假證照的方法,提供給外界參考。''', 'negative', 'page', 'warning', 'https://setn.settv-it.com/News.aspx?NewsID=189160',
    'a Taiwanese report on the labour ministry\'s advice for spotting forged technician certificates (negative: warning)')
add('''於2018年10月至2024年10月案發期間,建一電力為有意申請「電工A牌」的人士開辦收費培訓課程。涉案19名電工當時向機電署申請「電工A牌」,並分別為建一電力培訓課程的學生,或經他人介紹予封德立。''', 'negative', 'page', 'court', 'https://www.stheadline.com/breaking-news/3539622/%E6%B6%89%E8%99%9B%E5%A0%B1%E5%B7%A5%E4%BD%9C%E7%B6%93%E9%A9%97-%E4%B8%B2%E8%AC%80%E6%AC%BA%E8%A9%90%E6%A9%9F%E9%9B%BB%E7%BD%B2%E7%99%BC%E8%A8%BB%E5%86%8A%E9%9B%BB%E5%B7%A5%E7%89%8C%E7%85%A7-20%E4%BA%BA%E9%81%AD%E5%BB%89%E7%BD%B2%E8%B5%B7%E8%A8%B4',
    'a 2026 星島 report on ICAC charges against an electrician-licence course that faked five years\' work experience for its students (hard negative: in-scope licence fraud, described)')
add('''3名內地“槍手”於考評局荔景評核中心代考“TOEFL”試被捕。(香港文匯報)
中評社香港2月26日電/考評局荔景評核中心昨揭發“請槍”考試案。3名內地青年涉嫌行使假身份證明文件,企圖代考“TOEFL”托福英文試時,被中心職員揭發報警拘捕,警方正根據3名真正考生資料,追查涉嫌“請槍”主謀下落,不排除稍後會有更多涉案人士被捕。考評局指“請槍”代考的考生可能會被取消資格。''', 'negative', 'page', 'police_report', 'https://hk.crntt.com/crn-webapp/doc/docDetailCNML.jsp?coluid=7&docid=102022391&kindid=0',
    'a 2012 中評社 report on three substitute TOEFL takers arrested in Hong Kong (hard negative); leading spaces dropped')
add('''本次考试报名考生3325人,两天共计269场次,全部使用标准化考场。考试入场时全部采用“人脸识别”验证,在楼门口设置设备,通过身份证、考生人脸及考生数据比对,全面杜绝了替考行为发生。''', 'negative', 'page', 'news', 'http://www.dezhoudaily.com/dzsh/p/1426968.html',
    'a 2018 local report on face recognition at a fire-engineer exam (negative: anti-substitution measures)')
