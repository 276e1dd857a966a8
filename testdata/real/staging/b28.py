# batch 28 (round 3): more pastebin sellers (listing titles and pastes) and three English exam/certificate-without-exam offers.
# Look-ups: docs: Pastebin Name / Title 英国毕业证 澳洲文凭 办理 微信 可查 留信认证 2017 (listings);
#   the English texts came from the earlier docs look-up 托福代考 GRE代考 雅思保分 远程代考 微信 QQ 出分后付款.
#   pages: 特种作业操作证 查询结果 姓名 性别 证号 … | 中介发来信息 急需一级建造师 挂证 … | 卖证 短视频 直播间 主播称 特种作业证 …
#   code: 全国特种作业人员信息查询 证书查询 请输入身份证号 查询 版权所有 安全生产考试中心 备案号
#   (the last four looked for an imitation query page and for 挂证 offers; none found)
# A Bitbucket issue-tracker spam post found by the same look-up was left out (spam posted as issues is reserved).
add('''【Q#微207.634.573】Tasmania毕业证【澳洲官方文凭】塔斯马尼亚大学成绩单,办理澳大利亚学历认证 Uni''', 'cert_sale','short','offer','https://pastebin.com/u/zhuangwuxie','paste title; number written with dots (207.634.573) after Q#微; the digits are the contact of user zsdgbxdfhb (grouped)', group='pastebin:zsdgbxdfhb')
add('''【Q#微207.634.573】ANU毕业证【澳洲官方文凭】国立大学成绩单,办理澳大利亚学历认证The Australi''', 'cert_sale','short','offer','https://pastebin.com/u/zhuangwuxie','another title of the same user (grouped)', group='pastebin:zsdgbxdfhb')
add('''【毕业证#成绩单】Q微969744238|卡尔顿大学毕业证成绩单办理|卡尔顿大学文凭办理|办理加拿大大学文凭学历认证|''', 'cert_sale','short','offer','https://pastebin.com/u/zinglove1201','paste title; contact of round-1 seller q969744238 (grouped)', group='pastebin:q969744238')
add('''办澳洲文凭【Q/微 :405665716】办理悉尼大学毕业证成绩单学历认证使馆认证The University of Sydney文凭学历认证Q/wei405665716 英国文凭毕业证办理|英国大学毕业证成绩单办理|办理英国各大学文凭毕业证|英国学历认证|英国留学生买毕业证#美国毕业证#
- 铸就十年,十年品质!信誉!实体公司!可以视频看办公环境样板,如需办理真实可查学历认证
- ◆可以提供钢印、水印、烫金、激光防伪、凹凸版、最新版的毕业证、百分之百让您绝对满意、
- ◆留学回国服务负责人Olivia联系方式如下:Q/wei405665716''', 'cert_sale','post','offer','https://pastebin.com/aG6Dfcdh','diploma-mill paste; pinyin wei for 微 (Q/wei405665716); same contact as fehadtvp558 and uAb7rY3p (grouped); trimmed (list of universities cut)', group='pastebin:fehadtvp558')
add('''办澳洲文凭找Q微815897918=办理原版{墨尔本皇家理工大学RMIT毕业证成绩单}墨尔本皇家理工大学毕业证RMIT学历认证官网可查RMIT University
- 办澳洲文凭找Q微815897918=办理原版{Melbourne毕业证成绩单}墨尔本大学毕业证&墨尔本大学学历认证官网可查TheUniversityofMelbourne
- 办澳洲文凭找Q微815897918=办理原版{Monash毕业证成绩单}莫纳什大学文凭&莫纳什大学学历认证官网可查Monash University''', 'cert_sale','post','offer','https://pastebin.com/j2Qa7X6W','diploma-mill paste of near-identical lines (官网可查 + Q微 contact); three of its lines, as stored')
add('''We are an organization specialized in the acquisition of IELTS,
- TEIC,TOEFL, TOEIC, TORFL, EFS,EYL,TEPL,TEIC, TEA ,EFFS, ENFS,
- TEEP,TEAM,TEDE,TOEF,TOEIC,TOESP,teap,tefl and GRE certification . We
- can provide original certificates for those of you, who for one reason
- or the other are unable to take the test or obtain the required band
- score demanded by their institution, employers or embassy . We can
- help you overcome this hike by offering Test Free Certificates. if
- interested contact:
- Telegram:@certifiedielts''', 'cert_sale','post','offer','https://pastebin.com/KFM4QC8z','language en; language-test certificates sold without taking the test ("Test Free Certificates"); Telegram handle; e-mail/WhatsApp lines between them cut; trimmed')
add('''Welcome to the **TOEFL IBT/ITP Remote Exam Service**, your hassle-free solution for achieving your TOEFL IBT score without the stress of studying and exam day anxiety.
- **Take the TOEFL IBT/ITP exam remotely** on your behalf, ensuring optimal performance.
- Receive your **official TOEFL IBT/ITP score report** for submission to universities, employers, or immigration authorities.''', 'exam_fraud','post','offer','https://www.github.com/ai-to-ai/TOEFL-Exam-Assistant/commit/fb5c5c31267a45e0a831226eede217d8930cad47','language en; a repository README (new side of a commit diff) offering to take the TOEFL for the buyer; diff line numbers and the "This service allows you to:" line dropped')
add('''- Get ielts band 7 pakistan
- Purchase ielts band 6
- Buy ielts band 6.5
- ielts for sale without exams
- buy original ielts certificate,
- can buy ielts certificate,''', 'cert_sale','post','offer','https://pastebin.com/0nSdcXJQ','language en; keyword block of an IELTS-certificate seller paste ("ielts for sale without exams"); six of its lines, as stored')
