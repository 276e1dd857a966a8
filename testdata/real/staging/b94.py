# batch 94 (round 9). docs corpus: an English test-certificate seller's paste.
# Look-ups: docs: 教师资格证 代考 包过 微信 联系 (API docs; pastebin 509d9YzC already in the corpus) | 叉车证 焊工证 不用培训 直接拿证
#   全国通用 可查 价格 微信 (Russian and Vietnamese pastes and gists already in the corpus: af192d01, bangcapnhanhnet1, 3YPp9iYa;
#   English study-guide gists are not offers) | 代考 托福 雅思 GRE 枪手 微信 保分 不过退款 (study-group READMEs are negatives of
#   no interest; pastebin 0nSdcXJQ, nqSSZv8g, BEJawXMY, 1TLiqHXp already in the corpus)
add('''CONTACT US:
WhatsApp:(+44-7451-217927)
Skype name: authentic_ielts1986
Email: legit.ielts.toefl1986@gmail.com
GET ORIGINAL ,VALID,REGISTERED AND VERIFIABLE IELTS/TOEFL/ESOL/GRE/PTE/CELTA/DELTA CERTIFICATES WITHOUT SITTING FOR EXAMS OR IF YOU LIKE YOU ATTEND THE EXAMS
ALSO GET YOUR GENUINE,ORIGINAL AND VALID DEGREES,DIPLOMAS,TRANSCRIPTS FROM ANY UNIVERSITY IN THE WORLD
Buy Genuine Registered IELTS Certificate Without Attending Exam''', 'cert_sale', 'post', 'offer', 'https://pastebin.com/Jzk2vNdX', 'language en; a paste selling language-test certificates "without sitting for exams" and degrees (out of the safety scope, labelled as the English test-certificate pastes of rounds 2-7); first lines, the list markers dropped')
