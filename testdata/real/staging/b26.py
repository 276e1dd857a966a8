# batch 26 (round 3): pastebin user listings (paste titles as published; the site truncates long titles).
# Look-up: docs: Name / Title Added Expires Hits 办理毕业证 Q微 成绩单 文凭 学历认证 (one listing search).
# All out of the safety scope (foreign diplomas) but the same offer grammar: 办理/制作 + certificate noun + 可查 + contact.
# Sellers whose contact already appears in the corpus are grouped with it (split follows the earlier records).
add('''美国文凭办理,微*信:28-32-14-072】SBU毕业证成绩单办理,石溪大学文凭学历认证办理,#毕业证办理#,#成绩''', 'cert_sale','short','offer','https://pastebin.com/u/moshanshan','paste title; WeChat number written in dash-separated groups after 微*信 (asterisk inside the app name); the digits are the contact of round-1 user luoluohua (grouped)', group='pastebin:luoluohua')
add('''毕业证美国文凭办理,微*信:28-32-14-072】纽约大学理工学院文凭学历认证办理,#毕业证办理#,#成绩单办理#,''', 'cert_sale','short','offer','https://pastebin.com/u/moshanshan','another title of the same user, same split contact', group='pastebin:luoluohua')
add('''官网文凭认证!{UWM毕业证本科diploma|硕士学位证成绩单}【添加Q/微信207634573】[UWM文凭学位认证''', 'cert_sale','short','offer','https://pastebin.com/u/zsdgbxdfhb','paste title: 官网文凭认证 + Q/微信 contact (truncated by the site)')
add('''官网文凭认证!{CMU毕业证本科diploma|硕士学位证成绩单}【添加Q/微信207634573】[CMU文凭学位认证''', 'cert_sale','short','offer','https://pastebin.com/u/zsdgbxdfhb','another title of the same user')
add('''a最新原版制作(澳洲毕业证)Griffith毕业证》Q/微信871416779丨办理格里菲斯大学毕业证+成绩单+文凭+学''', 'cert_sale','short','offer','https://pastebin.com/u/zaazx','paste title; same contact as round-2 user zsszx (grouped)', group='pastebin:zsszx')
add('''制作办理美国文凭|罗切斯特大学UOFR毕业证文凭微|Q603012914美国成绩单|美国学位证|假毕业证假学历留服认证''', 'cert_sale','short','offer','https://pastebin.com/u/xvfnxzxds02','paste title openly selling 假毕业证假学历; contact of round-1 seller q603012914 (grouped)', group='pastebin:q603012914')
# (a second xvfnxzxds02 title was dropped: its text is inside a round-1 test record)
add('''购买美国毕业证办理-美国佩斯大学文凭毕业证,学位证@微q:551190476代办美国大学毕业证成绩单/美国学历认证书/美''', 'cert_sale','short','offer','https://pastebin.com/u/wmedfc52678','paste title; 微q contact of round-1 seller q551190476 (grouped)', group='pastebin:q551190476')
add('''(美国毕业证成绩单办理)+Q微551190476制作美国肯塔基大学毕业证UK毕业证成绩单/海外毕业证办理/国外毕业证制作''', 'cert_sale','short','offer','https://pastebin.com/u/wmedfc52678','another title of the same user (grouped)', group='pastebin:q551190476')
add('''办理美国WPI毕 业证成绩单微/Q497859892办理伍斯特理工学院毕 业证成绩单学历认证Worcester Poly''', 'cert_sale','short','offer','https://pastebin.com/u/ZZX123456','paste title; 毕 业证 split by a space (evasion)')
