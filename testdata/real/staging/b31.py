# batch 31 (round 3): offers of fake safety/construction certificates in other languages (forklift, construction
# supervision, electrical-safety permits), found by the first docs look-ups of round 3
# (特种作业操作证 办理 不用考试 微信 电工证 焊工证; 办理电工证 焊工证 叉车证 高空作业证 可查 微信). They carry the
# certificate types in scope that Chinese sources in the corpora did not offer; lang says the language so that
# zh-only figures can be computed.
add('''Làm Chứng Chỉ Xe Nâng Giả Giá Rẻ Phôi Thật Bao Sử Dụng''', 'cert_sale','short','offer','https://pastebin.com/u/bangcapnhanhnet1','language vi; paste title: "make a fake forklift certificate, cheap, real blank, guaranteed usable" (forklift operator certificate = in-scope type)')
add('''Làm Chứng Chỉ Giám Sát Xây Dựng Hạng 1 2 3 Uy Tín Giá Rẻ''', 'cert_sale','short','offer','https://pastebin.com/u/bangcapnhanhnet1','language vi; another title of the same user: construction-supervision certificates grade 1-3 for sale')
add('''Bạn đang cần chứng chỉ hành nghề để phục vụ công việc nhưng không có thời gian hoặc gặp khó khăn trong việc thi cử? Làm Bằng Toàn Quốc là giải pháp hoàn hảo dành cho bạn!
Dịch vụ của chúng tôi:
Cung cấp đầy đủ các loại chứng chỉ hành nghề trên toàn quốc.
Cam kết chứng chỉ thật, có thể kiểm tra và công chứng.
Quy trình nhanh chóng, tiện lợi, không cần thi cử.''', 'cert_sale','post','offer','https://pastebin.com/3YPp9iYa','language vi; practising certificates "without exams", "real, verifiable" (cf. 不用考试/可查); line numbers of the paste view and blank lines dropped; trimmed')
add('''Профессия водителя электропогрузчика востребована в сфере транспортной логистики, на складах, в магазинах, при продаже строительных материалов и пр. С его помощью можно запросто осуществлять перегрузку, выгрузку, погрузку материалов и различных грузов. Но для того чтобы управлять соответствующей техникой, необходимо удостоверение водителя электропогрузчика, купить его вы можете в нашей компании.''', 'cert_sale','post','offer','https://gist.github.com/af192d018024ac3a40ab8465bc0b42b8','language ru; anonymous gist selling forklift-driver certificates ("you can buy it from our company"); trimmed')
