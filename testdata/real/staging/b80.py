# batch 80 (round 5, everyday short negatives). Rental and flat-share posts written by tenants and landlords, with
# their phone, WeChat and QQ numbers: the model had never seen everyday text with contacts (a park outing, a lost dog
# and a piano teacher's QQ scored 0.73-0.88). All negative, kind short, genre other. Texts copied as stored (the
# paste's "- " line prefixes kept); each record is one post of the paste, cut at the next post's date line.
# Look-ups: docs: 转租 押一付一 拎包入住 地铁口 联系微信 | 北京 合租 次卧 招室友 限女生 微信 电话 无中介费 (same paste);
#   pages: 房屋出租 一室一厅 联系电话 微信 (SEO tag pages only) | 二手 转让 自提 微信 价格 九成新 (SEO tag pages only)
# Exclusions respected: nothing from SMS-spam collections, nothing posted as a GitHub issue or pull request.
P = 'https://pastebin.com/3m4wsCk8'
N = 'a Beijing flat-share post (Douban-style rental listing, dated 2018) in a paste of collected rental posts; everyday text with a personal contact: negative'
add('''- 立水桥,北苑周边精装次卧(家电齐全、无隔断、人少没人和你抢厨房卫生间)
- 城锦苑标准朝南次卧.房子是我整租下来的 无隔断 宽带100MB(在北京估计你很难找到下载速度6MB+每秒的居民区了 )
- 所有家电都是齐的..(洗衣机和电视都是全新的).
- 18657128277
- 微信:pcbinary''', 'negative','short','other',P,N+'; phone and WeChat id')
add('''- 雍和宫安定门安贞桥5号线2号线10号线精装房招室友
- 🌟北京东城区和平里安贞门 地坛公园附近房 安外甘水桥小区🏘 离2号线 5号线 10号线都近 离雍和宫 安定门 骑车10分钟/
- 🌟招合租室友/ 三室一厅无隔断/ 精装修/ 无中介费/ 其中一房 招室友/ 限女生 / 屋主小姐姐文艺随和爱生活/
- 🌟租金💰1600每月/ 无中介费/押一付三。拎包入住
- 🥪联系方式: 微信13726216727 备注 找合租!!限女生哈。
- 电话:13167506998~''', 'negative','short','other',P,N+'; "微信13726216727 备注", price and 无中介费 (offer-like wording of a lawful rental); the repeated number lines after it left out')
add('''- 10号线及6号线地铁呼家楼站,带独立卫生间
- 朝阳区团结湖南一条小区。
- 带独立卫生间,离地铁呼家楼站近,交通方便;房间干净整洁;没有中介费。
- 18611398060
- 包贝拉,18610396810(同微信)''', 'negative','short','other',P,N+'; "(同微信)" like sellers\' 微信同号')
add('''- 个人转租大主卧,价格优惠
- 房子是朝南的主卧,大概20平左右,采光很好,也很干净。小区的环境也很安静,主要是距离地铁站很近,走路大概8分钟左右的样子。房子的话确定11.20号会搬走,可以入住哦,价格是我砍了很久的,如果有意住的话,还可以优惠价格哦
- 18335971213''', 'negative','short','other',P,N+'; the number repeated once in the paste, kept once')
add('''- 四惠慈云寺国际公寓主卧招合租室友1500-2500起租随时入住
- 1号线四惠 慈云寺 莱錦招室友合租1600月 空调物暧 四惠地铁 远洋 慈云寺 优美住宅公寓招合租室友 分别有男生房和 女生房;房租在1500--2500/月之间;租期时间可面谈根据需求可面谈;有单间和 两人房等;整洁宽敞的公共厨房和整洁浴室 高速Wi-Fi覆盖。
- 13021056108
- royalaa''', 'negative','short','other',P,N+'; phone and a bare WeChat-like id')
add('''- 回龙观地铁站旁15平次卧转租。
- 短租5个月左右,目前三户人,其他两户分别是一对夫妻,一个小姑娘,都很安静好相处,平时互不打扰,小区环境安静,紧邻地铁13号线回龙观站,步行五分钟,房间两个新衣柜,占地不大,方便实用
- 309106803''', 'negative','short','other',P,N+'; a bare QQ-length number as the only contact')
add('''- 建国门地铁附近三居两个次卧出租
- 客厅有,冰箱,洗衣机,饮水机。步行至地铁站以我的龟速10分钟
- 这个房子是老房子,
- 格局:三室一厅(正规三居),明厨明卫(因为是老房子卫生间点儿小)无隔断
- 交通:步行到地铁站(建国门1号线/2号线)可能十分钟内(主要看步速)到公交站可能比地铁站快(个人感觉距离稍近些)
- 18646754554''', 'negative','short','other',P,N)
