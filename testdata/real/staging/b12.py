add('''- 【微信Q微603012914】办理毕业证成绩单文凭、修改成绩、教育部学历学位认证、假毕业证、假成绩单、假文凭、假学历文凭、毕业证文凭、毕业文凭、文凭毕业证、毕业证认证、留服认证、使馆认证、使馆公证、使馆证明、使馆留学回国人员证明、留学生认证、学历认证、文凭认证、学位认证、留学生学历认证、留学生学位认证、使馆认证(留学回国人员证明)、学生卡(证)、雅思托福成绩单、在读证明、录取通知书offer、驾照等''', 'cert_sale','post','offer','https://pastebin.com/fRSF9zs6','keyword-stuffed degree spam (same seller number as other pastes); first line trimmed', group='pastebin:q603012914')
add('''- 1.收集客户基本信息!
- 2.客户支付30%的订金,公司出电子图给客户审核,确保信息无误!
- 3.根据客户审核后的电子图制作成品再次给客户审核!
- 4.客户支付完余款,公司把成品邮寄给客户!(国内顺丰 国外DHL)''', 'cert_sale','post','offer','https://pastebin.com/fRSF9zs6','same paste: the ordering procedure of the fake-document seller (no certificate noun; hard positive)', group='pastebin:q603012914')
add('''- 二、回国进私企、外企、自己做生意的情况,这些单位是不查询毕业证真伪的,而且国内没有渠道去查询国外文凭的真假,也不需要提供真实教育部认证。鉴于此,办理一份毕业证即可''', 'cert_sale','post','offer','https://pastebin.com/fRSF9zs6','same paste: sales advice line', group='pastebin:q603012914')
add('''在商业活动中,资质证书的盖章是否正规直接关系到企业的信誉和合法性。市面上充斥着各种伪造的资质证书,如何辨别其真伪成为了一项必备技能。本文将为您详细解析如何检查资质证书的盖章是否正规,助您在商业道路上步步为营。''', 'negative','page','howto','https://banxukezheng.com/xin/109757.html','licensing-agency blog post on spotting forged certificates (agency page with phone numbers elsewhere; hard negative); trimmed')
add('''口信網(m.dy720p.com)證書發布規則
一、證書定義
證書是政府機構或第三方機構核準并頒發的企業、產品等資質證明,具有一定的法律效應及權威性。''', 'negative','page','platform_rule','http://m.dy720p.com/announce/show.php?itemid=2','B2B site rules for posting company certificates (traditional as stored); trimmed')
