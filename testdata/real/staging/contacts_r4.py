# Round-4 contact annotations for ../contacts-traindev.jsonl (obfuscated contacts in train/dev texts added from b38 on),
# same form as contacts_r3.py: (source URL prefix, raw form as written in the text, kind, decoded value, obfuscation).
C4 = [
 ('https://bitbucket.org/bzfw/workspace/snippets/KpaeAj', '電话:𝟭𝟯𝟭𝟬𝟬𝟮𝟱𝟳𝟴𝟳𝟮 威信同號', 'phone', '13100257872', 'mathematical bold digits, traditional 電, 威信同號 (look-alike app name, same number)'),
 ('https://bitbucket.org/bzfw/workspace/snippets/KpaeAj', 'QQ:𝟮𝟮𝟳𝟴𝟰𝟮𝟯𝟭𝟳𝟯', 'qq', '2278423173', 'mathematical bold digits'),
]
C4 += [
 ('https://pastebin.com/A8PqSPnB', '微信 ID:wxid_eac7zhp7zmn112', 'wechat', 'wxid_eac7zhp7zmn112', 'WeChat internal id (wxid_) after "微信 ID:" with a space'),
]
