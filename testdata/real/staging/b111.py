# batch 111 (round 13). docs corpus: English pastes selling language-test certificates "without exam" (IELTS, TOEFL, Goethe, TELC)

# Look-ups (docs): Chinese certificate for sale without exam special operation electrician welding WhatsApp … | buy HSK certificate
#   without exam registered verifiable ….
# Left out: pastebin cthCifSq (the paid-"writers" text of ff5fQPmF, already in train), KFM4QC8z, Jzk2vNdX, nqSSZv8g, C4aaQyiZ (already in the corpus), the profile page pastebin.com/u/bestbulldog-80
#   (its titles are cut off and may repeat cthCifSq), Russian welder-form and study-guide gists (blank forms and download spam, not
#   offers of a certificate), a Korean qualification confirmation PDF (a real certificate, not an offer).
add('''WhatsApp: +237651192415) BUY VERIFIABLE IELTS CERTIFICATE ONLINE WITHOUT TEST IN INDIA,BUY IELTS QUESTIONS INDIA
Australia, Belgium, Brazil, Finland, France, Great Britain, Ireland, Italy, Netherlands, Norway, Austria, Sweden, Switzerland, Spain, Great Britain, USA and some others.
We offer you one of the best services in the world. Most customers have experienced our true and outstanding service.''', 'cert_sale', 'post', 'offer', 'https://pastebin.com/SE6bp7TU',
    'language en; a paste selling IELTS certificates "without test" and exam questions (as rounds 4, 7 and 11 labelled such pastes); first lines, list markers dropped, the unbalanced bracket kept')
add('''How to get German language  certificate of GOETHE B2 online without preparing the test , Are you interested in enhancing your language skills and planning to take the Goethe certificate exam? If so, you may be wondering about obtaining a Goethe certificate online.''', 'cert_sale', 'post', 'offer', 'https://pastebin.com/9VKiTi3y',
    'language en; paste titled "WhatsApp(+371 204 33160) Buy TELC Deutsch C1 Hochschule Exams": a Goethe/TELC certificate "without preparing the test" (a hard positive: the opening reads like a guide; the title and later lines sell "Certificates Online Without Exam"); first sentences, double space kept', group='wa:+37120433160')
add('''Buy Goethe Deutsch b2 Zertifikat Hamburg ,Get TELC B2 Certificates In Frankfort,Buy Goethe-Zertifikat A1, Deutsch b1 Berlin Germany . Best Place to Buy TELC b2,A1 German Certificates Online Without Exam.''', 'cert_sale', 'short', 'offer', 'https://pastebin.com/9VKiTi3y',
    'language en; a later line of the same paste (German-language certificates "Online Without Exam")', group='wa:+37120433160')
add('''What is Goethe Certificate Online? WhatsApp(+371 204 33160)
The Goethe Certificate Online is convenient for individuals to obtain a language proficiency certificate in German without needing in-person examinations.''', 'cert_sale', 'post', 'offer', 'https://pastebin.Com/xmitvaJF',
    'language en; another paste of the same WhatsApp number (grouped with 9VKiTi3y so both land in one split): the certificate "without needing in-person examinations"; two lines, list markers dropped', group='wa:+37120433160')
add('''(ieltscertificates24@yahoo.com)Buy Real IELTS Certificate in India - Buy Valid IELTS Certificate Without Exam - Buy original IELTS Certificate in UAE - Buy Registered IELTS Band 8.5 Without Exam - Buy Valid IELTS Certificate in USA - Buy Genuine IDP IELTS Certificate''', 'cert_sale', 'post', 'offer', 'https://pastebin.com/c2Vf8kQa',
    'language en; keyword-stuffed paste selling IELTS certificates "Without Exam" with an e-mail contact; first phrases of the first line')
add('''Order registered IELTS ,TOEFL,TOEIC,DIPLOMAS ( globaldocuments351@yahoo.com )
BUY ORIGINAL DIPLOMAS / TOEFL / IELTS / TOEIC AND OTHER
CERTIFICATES OF ALL COUNTRY
We sell high quality and original diplomas, school certificates,degrees, masters, doctorates TOEIC / TOEFL & IELTS certificates / French Diplomas and many others.''', 'cert_sale', 'post', 'offer', 'https://pastebin.com/pN8i0Y73',
    'language en; a paste that quotes forum spam ("a bunch of spam threads that cropped up in literally every subforum"): the quoted thread sells diplomas and test certificates; the poster\'s comment line dropped, list markers dropped')
