# Round-5 contact annotations for ../contacts-traindev.jsonl (obfuscated contacts in train/dev texts added from b50 on),
# same form as contacts_r3.py / contacts_r4.py: (source URL prefix, raw form as written in the text, kind, decoded value,
# obfuscation). Round 5 added no obfuscated contact to a train or dev text: the new contacts are plain (a school's
# landline and mobile "0371-55696552 18037153049", a self-study site's hotline "0791-86250663", a Vietnamese hotline
# "0908111791", a Canadian phone "(905) 326-0852"), and the one WeChat id next to an offer ("联系微信9781753") sits in a
# test-split record, which the annotations never cover. The list stays empty rather than padded.
C5 = []
