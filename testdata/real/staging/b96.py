# batch 96 (round 10). code and docs corpora (GitHub files with repository, path and commit) and one English report.
# Look-ups: code: 办证 操作证 电工证 焊工证 叉车证 制作 可查 微信 QQ 全国 (a training school's certificate notice; welder-certificate
#   management apps are developer text and were not used) | docs: 安全员考试 答案 出售 考前 微信 包过 建筑三类人员 (an answer script for a
#   university lab-safety test, a safety-quiz app README; exam-"dumps" profiles left out as too ambiguous; the 证安查 privacy policy is
#   already in the corpus) | pages: 培训机构 宣传语 "报名即可拿证" "无需考试" 职业技能等级证书 记者 调查 引号 (people.com.cn, cjyun.org and
#   zljnews.cn stories already in the corpus; xlooo.com is a spun copy).
add('''## 实验室安全考试辅助脚本

## 本题库已收录

- 2020年信息学院实验室安全考试

## 使用说明

1. 复制 `main.js` 内全部代码
2. 打开 `安全考试` 答题页面
3. 按下 `F12` 打开开发者窗口
4. 找到 `Console` 面板
5. 按下 `ctrl+v` 贴入代码
6. 按下 `回车`
7. 反复进行，直到完成每一页

建议适当放慢答题时间、适度控制考试分数。''', 'exam_fraud', 'post', 'offer', 'github:wangzexi/lab-safety-test-assistant/README.md@4e41b731fe6d2dd83d98ef13b9f23e280785fa6c',
    'README of a script that answers a university lab-safety test for the student from a harvested question bank, with advice to slow down and keep the score moderate so as not to stand out: an answer service for an exam (exam_fraud, as rounds 3 and 5 labelled answer services; out of scope: a campus safety quiz, free of charge); the quoted joke line and the build section dropped', licence='MIT (stated at the end of the README; no licence file among the repository files in the index)')
add('''🛡️ 企业安全生产知识考试系统

一个专业的企业安全生产知识在线考试系统

基于 uni-app 开发的现代化安全生产知识考试小程序,为企业员工提供便捷、高效的安全知识学习和考核平台。

📋 项目概述

本系统是一个功能完善的企业安全生产知识考试平台,采用现代化的技术架构,具备完善的错误处理、数据备份、性能优化等企业级功能。系统支持多角色使用,包括考生端和管理员端,能够满足企业安全培训和考核的各种需求。''', 'negative', 'post', 'other', 'github:164149043/examination/README.md@b952722fec26dcf6a53e0e031cb57210f5ed1b19',
    'README of a company safety-knowledge quiz app (negative: exam software, no offer); first lines as stored in the docs corpus', licence='unknown (a licence badge is shown; no licence file checked)')
add('''2018年12月建构筑物消防员国家资格证可以领取了
2018年12月国考证书领取通知
各建（构）筑物消防员考生:
消防行业特有工种职业技能鉴定站组织开展的2016年12月批次建(构)筑物消防职业技能鉴定合格人员，已经消防行业职业技能鉴定指导中心和公安部消防局的批准,并按要求制作了新的《中华人民共和国职业资格证书》（带二维码），现予以正式颁发，相关事宜通知如下:
一、领取方式
1.合格人员带上身份证自行前往绍兴鉴定站领取
2.委托我校28号统一领取（27号之前身份证原件以及委托书一并邮寄给相关招生老师）''', 'negative', 'page', 'school', 'github:leocook/app.huazhuedu.com/templates/notice.tpl@3b9a98df70df1877ae02cbf6b750b4e0e067eb4a',
    'a training school\'s notice on collecting fire-fighter (建构筑物消防员) qualification certificates (hard negative: 制作 and 证书 with a 招生老师, but issued by the appraisal station to those who passed); text of the HTML template without tags, trimmed', licence='none found (no licence file among the repository files in the index)')
add('''Some institutions make false propaganda and induce consumption, some institutions help students to obtain academic qualifications to meet the registration requirements for vocational skills exams, and some institutions even type "you can participate in training after paying money", "quick evidence collection", and "high salaries" gimmick admissions.
  Taking advantage of policies to create admissions gimmicks and endorsement in the name of industry associations
  Before and after the promulgation of the "Family Education Promotion Law", various kinds of training in the name of "Family Education Instructor" and "Family Education Guidance Qualification Certificate" for enrollment promotion increased.''', 'negative', 'page', 'news', 'https://www.tellerreport.com/business/2022-04-08-chaos-in-the-vocational-training-industry-has-occurred-frequently--zhonggong-education-endorsed-in-the-name-of-the-industry-association.r1MTQlraXc.html',
    'language en; machine translation of a Chinese report on vocational-training ads (hard negative: names "quick evidence collection" gimmicks in the reporter\'s voice); three paragraphs')
