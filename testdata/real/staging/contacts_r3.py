# Round-3 contact annotations for ../contacts-traindev.jsonl (obfuscated contacts in train/dev texts added from b24 on).
# Each entry: (source URL, raw form as written in the text, kind, decoded value, obfuscation). build.py finds the
# record by source + raw substring, keeps only train/dev records, and rewrites the round-3 part of the file;
# annotations of ids r-0001..r-0282 (rounds 1-2) are kept as they are.
C3 = [
 ('https://pastebin.com/1TLiqHXp', '薇信 21841740 51', 'wechat', '2184174051', '薇信 look-alike; number split by a space'),
 ('https://pastebin.com/u/moshanshan', '微*信:28-32-14-072', 'wechat', '283214072', 'asterisk inside the app name; digits in dash-separated groups'),
 ('http://quanmin.baidu.com/query/', 'V:kz24678', 'wechat', 'kz24678', 'V: for WeChat, inside <…> appended to a search query'),
 ('https://pastebin.com/aG6Dfcdh', 'Q/wei405665716', 'qq', '405665716', 'pinyin wei for 微; one number for two apps'),
 ('https://pastebin.com/aG6Dfcdh', 'Q/wei405665716', 'wechat', '405665716', 'pinyin wei for 微; one number for two apps'),
 ('https://pastebin.com/KFM4QC8z', 'Telegram:@certifiedielts', 'telegram', '@certifiedielts', 'Telegram handle in an English paste'),
 ('https://pastebin.com/u/abruzzi007', '微訊號::investmentvisa', 'wechat', 'investmentvisa', 'traditional 微訊號 with a doubled colon; letter id'),
 ('https://pastebin.com/4he7jqP1', 'Q 7708 82133', 'qq', '770882133', 'QQ number split by a space'),
 ('https://pastebin.com/4he7jqP1', 'q薇770882133', 'wechat', '770882133', 'q薇 (薇 look-alike for 微); one number for two apps'),
 ('https://pastebin.com/WMELTR8d', 'Q\\微815897918', 'qq', '815897918', 'backslash between the app names'),
 ('https://pastebin.com/WMELTR8d', 'Q\\微815897918', 'wechat', '815897918', 'backslash between the app names'),
 ('https://pastebin.com/u/jackevo168', 'Q\\微1245164853', 'qq', '1245164853', 'backslash between the app names'),
 ('https://pastebin.com/u/xvfnxzxds02', '微|Q603012914', 'wechat', '603012914', 'vertical bar between the app names'),
 ('https://pastebin.com/u/wmedfc52678', '@微q:551190476', 'wechat', '551190476', '@ and 微q run together'),
 ('https://pastebin.com/index/d1uViaQ1', 'Q/微信\n9105133', 'wechat', '9105133', 'number on its own line after the app label'),
 ('https://pastebin.com/u/addismake05', '@q薇551190476', 'wechat', '551190476', '@q薇 (薇 look-alike)'),
]
