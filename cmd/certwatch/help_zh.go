package main

// helpText is a command's help in Chinese: the one-line summary and the
// long description ("" when the command has none).
type helpText struct{ short, long string }

// helpZH is the Chinese help of every command, by command path; the
// English is written beside each command. The completion commands (hidden)
// keep cobra's English. TestHelpTablesComplete checks that every command
// has an entry and no entry is left over.
var helpZH = map[string]helpText{
	"certwatch": {"查找网上出售假冒安全生产证书的信息和仿冒证书查询网站", `查找网上出售假冒安全生产证书的信息和仿冒的证书查询网站，保存证据，并在网页界面中审核案件。

语言：输出和帮助为中文或英文：--lang zh|en，否则取环境变量 CERTWATCH_LANG=zh|en，否则取
系统区域设置（LC_ALL、LC_MESSAGES、LANG：en 开头为英文，zh 开头为中文），否则为中文。
时间一律按北京时间（UTC+8）显示并注明时区，与本机时区无关。`},
	"certwatch help": {"显示任一命令的帮助", `显示任一命令的帮助。
输入 certwatch help [命令路径] 查看完整说明。`},

	"certwatch audit":      {"校验和查看带哈希链的审计日志", ""},
	"certwatch audit list": {"列出审计日志条目，最新的在前", ""},
	"certwatch audit verify": {"沿审计日志的哈希链逐条校验；有条目被改动或删除时退出码为 1", `校验整个审计日志：每一条都必须能解码、与前一条连续无缺号、带有前一条的哈希，并且
其内容的哈希与记录的哈希一致；日志头记录必须指向最后一条。命令会打印日志头哈希：
请另行保存（记在本子上、写进函件），以便日后发现日志末尾的条目被删去。`},

	"certwatch backup": {"把数据库的一致副本写到 FILE 并校验（serve 运行时也可使用）", `把数据库的一致副本写到 FILE（先写临时文件，因此 FILE 要么保持原样，要么是完整的），
然后打开副本进行校验：bbolt 一致性检查、数据库结构和审计日志哈希链。"certwatch serve"
运行期间由服务进程写副本（数据库归它所有），巡查进行中也可以。`},
	"certwatch compact": {"把数据库重写为更小的文件（serve 运行时不可用），保留原文件", `bbolt 数据库文件不会自动变小。compact 把数据库复制到一个不含空闲页的新文件并替换原文件，
原文件保留为 DB.before-compact-TIME（确认压缩后的文件使用正常后再删除）。请先停止
"certwatch serve"。`},
	"certwatch prune": {"删除结束时间早于保留期的巡查的抓取队列和页面记录", `删除巡查留下、过了保留期就无人再读的内容：在 --keep-days 天以前（默认取配置中的
schedule.frontier_keep_days，30 天）结束或中断的巡查的抓取队列（该次巡查排入的每个网址及其结果）
和页面记录（每个网址最近一次抓取的记录）。线索、快照、出现记录、审核决定、通知书、审计日志、
巡查记录及其摘要全部保留（阶段报表按摘要统计旧巡查的页面数），被标记页面的页面记录也保留；
正在进行的巡查不受影响。每批最多删除 1 万行，内置数据库（bbolt）和 PostgreSQL 相同。
--dry-run 只显示将删除多少，不做任何改动。"certwatch serve" 按定时表（schedule.prune，默认每天
04:15）执行同样的清理。`},
	"certwatch schedule": {"显示定时任务的下几次运行时间（以及是否有巡查正在进行）", ""},
	"certwatch lookalike": {"生成官方查询网址的仿冒域名，并可通过指定的 DNS 服务器限速解析、只保留已注册的", `对每个官方查询网址（如 cx.mem.gov.cn）按漏写、换位、形近字符、国际化域名、加词、换后缀、
子域嵌套等方法生成仿冒候选域名（注明方法，不含 .gov.cn 下的域名）。加 --resolve 时通过
--dns 指定的服务器按 --qps 限速解析，只保留已注册的；超时和失败单独记录、稍后重试。
--state 文件保存检查状态，下次只解析到期需要复查的域名。`},

	"certwatch cases":           {"列出和查看案件", ""},
	"certwatch cases list":      {"列出案件，得分高的在前", ""},
	"certwatch cases show":      {"查看一个案件：发现、出现记录和带哈希的快照", ""},
	"certwatch evidence":        {"导出证据", ""},
	"certwatch evidence export": {"把案件证据导出为 WARC、截图和 SHA-256 哈希清单（用 sha256sum -c SHA256SUMS 校验）", ""},

	"certwatch config":       {"校验巡查配置", ""},
	"certwatch config check": {"校验配置文件并列出其中的来源", ""},

	"certwatch db": {"PostgreSQL 数据库：执行结构迁移、查看结构版本、导入 bbolt 数据库", ""},
	"certwatch db migrate": {"把 PostgreSQL 数据库结构升级到本程序的版本（数据库版本更新时拒绝）", `按顺序执行本程序内置而数据库尚缺的结构迁移，每个迁移一个事务，然后执行任务队列
（schema "river"）的迁移。多个进程可以同时运行本命令：咨询锁保证只有一个进程迁移，
其他进程等待。数据库结构或任务队列结构比本程序新（已被更新版本的 certwatch 迁移过）时，
拒绝执行且不作任何改动：请改用更新版本的 certwatch。
数据库地址也可以来自 $CERTWATCH_DATABASE；密码来自 PGPASSWORD 或 ~/.pgpass。`},
	"certwatch db status": {"显示数据库结构和任务队列的版本及本程序的版本；不一致时退出码为 1", ""},
	"certwatch db import": {"把区县的 bbolt 数据库迁入一个空的 PostgreSQL 数据库，校验通过后才报告成功", `把 bbolt 数据库中的全部内容复制到一个结构已是本程序版本（请先运行
'certwatch db migrate'）且尚无数据的 PostgreSQL 数据库，保留原编号，在一个事务中完成：
导入失败时数据库保持为空，可以重新运行。证据内容（页面正文、截图、复查响应）按 SHA-256
存入证据文件存储。登录限流状态（失败次数、锁定、已知地址）不迁移。

随后在报告成功之前进行校验：各表行数与 bbolt 中的数量一致，每个证据文件重新读取并计算
哈希，两边的审计链都校验到同一个日志头，并抽取一批案件通过两种后端读取、逐字段比对。
有任何差异时退出码为 1。bbolt 文件以只读方式打开：请先停止 serve 和巡查。`},

	"certwatch demo": {"在 127.0.0.1 上启动示例网站，巡查一遍，然后在发现的线索上运行审核界面", `在 127.0.0.1 上启动示例网站（一个 JavaScript 交易平台、一个论坛、GBK 编码的分类信息网站、
一个仿冒的证书查询网站、政府和学校网站、一个新闻门户、恶意页面），写一份通过域名解析
覆盖访问这些网站的配置，用内置规则巡查一遍，打印巡查摘要和案件，并对为第 11 号问题编写的
每个页面（只有报价句式、短文本规则和解码后的联系方式才能发现的报价，以及难以区分的
反例）说明巡查是否按预期处理；为每种角色各建一个演示账户（密码本次随机生成），然后运行
审核界面直到按 Ctrl-C。之后示例交易平台会下架部分商品，因此发出并复查（"立即复查"）的
通知会显示已下架和仍在线的商品。所有访问都不离开本机。再运行一次可以看到"再次发现"的案件。`},

	"certwatch eval": {"在带标注的 JSON Lines 上衡量检测效果：按类别和文本类型的精确率、召回率、F1、混淆、漏报和误报", `对带标注的记录进行分类并衡量结果。

记录为 JSON Lines，每行是 {"url", "html"} 或 {"url", "text"}，带 "label"（cert_sale、
exam_fraud、training_fraud、imitation_site；negative、clean、none 或 clean_* 表示反例），
可选 "id"、"kind"（page、post、listing、short，或 forum-thread 之类的提示）和 "split"
（train、dev、test）。没有标注或标注未知的记录会在标准错误上报告（文件:行号，键 "label"）
并被跳过，此时退出码为 1。

数据划分：没有 split 字段的记录总会参与评估；有 split 字段的记录只在其划分被选中时参与：
默认 train 和 dev，test 划分只在指定 --split test 时使用（留作最终报告）。

配置：A 是 --rules（默认内置规则包），给出 --model 时加上该模型（"default" 为内置模型），
组合方式与巡查完全相同（detect 包：规则照常标记；模型在某条规则打过分的页面上概率达到
0.85 或以上（--bar）时可单独标记；对没有规则命中、但含有规则包中词语且不超过 300 个字符
（--short；-1：不判断）的文本，概率达到 0.85 或以上（--short-bar）时也可单独标记；可按模型
最可能的类别另设门槛（--category-bars，如 exam_fraud=0.8，替代前两个门槛；默认不设）；模型从不
撤销标记）。
--against 增加配置 B，即把 A 中的一项换掉：规则包（.yaml 文件或目录，或 rules:PATH）替换
规则，model:PATH 替换模型。两者在同一批记录上衡量，并列显示，并列出二者判断不一致的记录。

输出：表格（--format text）或一个 JSON 文档（--format json）。--show 选择要列出的记录，
两种格式均适用：misses（漏报）、false-alarms（误报）、wrong-category（类别错误）、
disagreements（不一致）、all（默认）或 none。在 test 划分上请用 --show none：只给汇总数字，
不列记录。`},

	"certwatch model":            {"训练、测试、查看和启用学习模型", ""},
	"certwatch model show":       {"显示模型的头信息和每个类别最强的 n 元组", ""},
	"certwatch model history":    {"列出数据库中记录的模型启用历史，最早的在前", ""},
	"certwatch model deactivate": {"结束当前的模型启用：改回内置默认模型", ""},
	"certwatch model activate": {"让审核服务和巡查使用指定的模型文件", `先检查模型文件能否加载，再把启用记录写入数据库：模型内容、版本、操作人和时间，以及一条
审计日志（model.activate）。"certwatch serve" 运行期间由服务进程记录。"model history"
列出启用历史；"model deactivate" 改回内置默认模型。`},
	"certwatch model channel": {"按类别开关学习模型的单独判定通道，或列出各通道状态", `只有在某类别的模型通道开启时，学习模型才会单独（不依靠规则）标记该类别的页面；所有通道
在关闭之前都是开启的。不带参数时列出各类别及其通道状态。"all" 切换模型认识的所有类别。
每次切换都记入数据库并写一条审计日志（model.channel）；之后开始的巡查和复查使用新设置。
"certwatch serve" 运行期间由服务进程记录。`},
	"certwatch model test": {"单独衡量模型在带标注文本上的精确率、召回率和 F1", `单独衡量模型（不用规则）在 FILE 中带标注记录上的表现，指标与 "certwatch eval" 相同（总体、
按类别、按文本类型和按数据划分的精确率、召回率和 F1）。带 "split" 字段的记录只在其划分属于
--split 时计入（默认 dev；test 划分只在明确指定时使用，用于最终报告）。MODEL 为 "default"
时使用内置模型。--against 在旁边列出第二个模型的数字。"certwatch eval --model MODEL"
衡量模型与规则组合后的效果，即巡查实际使用的方式。`},
	"certwatch model train": {"用带标注的文本和审核员的决定训练模型", `读取带标注的 JSON Lines（"label"：cert_sale、exam_fraud、training_fraud、imitation_site，
或 clean/clean_*/negative；目录表示其中的 *.jsonl 文件），带 --from-store 时还读取数据库中
审核员的决定（已确认 = 该案件类别的正例，按误报驳回 = 反例，其他驳回不使用）。带 "split"
字段的记录只在其划分属于 --split 时使用（默认 train）；test 划分从不读取。模型写到 -o 指定的
文件；--dev F 报告模型在 F 的 dev 划分（F 没有划分时为全部记录）上的数字。相同的数据和选项
得到相同的模型内容。`},

	"certwatch report": {"把专项行动的阶段报告（按部门）写成 XLSX、PDF 或 HTML", `按部门（网信办、市场监管、公安机关）和合计，统计专项行动在一段时间内的工作：检查的页面和
商品、发现的可疑信息、确认的、发出的下架通知、已下架的、移送公安的，以及期末仍未办结的
案件。统计表输出到标准输出；需要时还写成 XLSX 工作簿（含每日数据和图表）、独立的 HTML
页面和 A4 PDF（由 Chromium 打印）。

日期是北京时间的自然日；--to 当天包含在内。也可以用 --period 指定行动方案中的报告期：
YEAR-1、-2、-3 是 8 月 25 日、10 月 25 日和 12 月 25 日报送的进展报告（各自从上一个报送日起，
到本报送日止，不含当天），YEAR-4 是 1 月 10 日报送的年度总结。数据库以只读方式打开；
另一个进程（如 "certwatch serve"）占用数据库时，命令会说明是哪个进程并停止。`},

	"certwatch rules":            {"校验、查看、试算和启用规则包", ""},
	"certwatch rules check":      {"校验规则包（文件或目录）并打印摘要；不给 PATH 时校验内置默认规则包", ""},
	"certwatch rules dump":       {"打印内置默认规则包，作为编写自己规则包的起点", ""},
	"certwatch rules history":    {"列出数据库中记录的规则包启用历史，最早的在前", ""},
	"certwatch rules deactivate": {"结束当前的规则包启用：巡查改回配置中的规则（或内置默认规则）", ""},
	"certwatch rules test": {"用候选规则包重新给已存案件打分，并对照审核员的决定与当前规则包比较", `用候选规则包（文件或目录）和当前规则包（数据库中启用的规则包，否则为配置中的规则，再否则
为内置默认规则；--against 可指定其他规则包）重新给每个已存案件打分（用审核员看到的快照，
未办结案件用最新快照）。列出候选规则包会新增和去掉的案件，以及每条规则的命中数和在已审核
案件上的精确率。两边的判定方式与巡查相同：各自的规则加上生效中的学习模型及其通道开关
（"certwatch model channel"；关闭某类别的通道即可单独看该类别的规则）。

标注来自审核决定：已确认（或待审批）为正例，按误报驳回为反例；按不属于本专项或重复驳回的
案件说明不了规则的好坏，未办结案件没有标注：二者计入命中数，但不计入精确率。精确率为
TP/(TP+FP)，只计有标注的命中，没有时显示"—"。

数据库只保存曾被某个规则包标记的页面，因此本命令找不到候选规则包会新标记的新页面：只有
巡查才能找到。--pages 可加入自己的页面（WARC 导出、带标注的 JSON Lines 语料）。本命令
不做任何改动；启用请见 "rules activate"。`},
	"certwatch rules activate": {"显示候选规则包带来的变化后，让巡查和审核服务使用它", `先检查规则包文件能否加载，像 "rules test" 一样与当前规则包比较并打印比较结果，再把启用
记录写入数据库：规则包内容、版本、操作人和时间，以及一条审计日志。之后开始的巡查和审核
服务使用它（--rules 选项仍然优先）；每条发现都记录产生它的规则包版本。启用的规则包整体
替换配置中的规则：要使用多个规则包，请合并成一个文件。"certwatch serve" 运行期间由服务
进程记录启用，并让之后开始的巡查和复查改用新规则（此时不打印比较结果：数据库由服务占用，
请在其"规则试算"页面查看）。"rules history" 列出启用历史；"rules deactivate" 改回配置中的
规则。`},

	"certwatch scan": {"用规则包给页面打分（HTML、文本、JSON Lines、WARC，或标准输入上的 JSON Lines）", `用规则包和学习模型给页面打分，并说明理由。

判定方式与巡查相同（detect 包）：规则照常标记；模型（--model：内置默认模型、模型文件，
或 "none" 只用规则）在概率达到阈值时单独标记页面；每条发现注明由哪个通道标记
（"channel"：rules、model、rules+model），并附上模型的概率和 n 元组（"model"）。
"certwatch model channel" 的通道开关保存在数据库中，作用于巡查和审核服务；在这里用
--model none 可以单独看规则的结果。

输入：.html/.htm 和 .txt 文件；每行为 {"url": …, "html": …} 或 {"url": …, "text": …} 的
.jsonl 文件；.warc/.warc.gz 文件（其中的响应记录）；"-" 从标准输入读取 JSON Lines。
有问题的输入（无法读取的文件、损坏的 JSON 行、格式错误的 WARC 记录）会在标准错误上报告
位置，其余内容照常扫描，退出码为 1。超过 32 MiB 的页面只扫描前 32 MiB，输出中会注明
（"truncated": true，已截断）。`},

	"certwatch serve": {"运行审核界面和 API，并执行定时任务（巡查、复查、备份、摘要）", `在配置的地址（serve.listen 或 --listen）上运行工作人员使用的审核界面及其 JSON API，并占用
数据库：运行期间，其他会修改数据库的 certwatch 命令会被拒绝，并给出界面地址
（"certwatch backup" 和 "certwatch schedule" 改为与服务通信）。定时任务（schedule 一节：
每日巡查、复查、备份）在服务内运行，默认按 Asia/Shanghai 时间；因停止服务而中断的巡查
在下次启动时继续。每次巡查结束后，摘要发送到配置的 Webhook 和邮箱（notify 一节）。
Prometheus 指标在 /metrics。账户用 "certwatch user add" 创建（没有默认账户）。`},

	"certwatch sweep": {"把配置的每个来源巡查一遍，给页面打分，把发现保存为案件", `把配置的每个来源巡查一遍：有节制地抓取，用规则包给每个页面打分，把每条发现连同证据保存为
案件。待抓取队列保存在数据库中：中断之后（即使是 kill -9），"certwatch sweep --resume"
会完成这次巡查，不重复抓取已完成的页面，也不会产生重复的案件或出现记录。`},

	"certwatch user": {"管理审核账户（add、passwd、disable、enable、roles、list）", `管理审核界面的本地账户。没有默认账户：先用 "certwatch user add NAME --role admin" 创建
第一个管理员。密码从终端读取（不回显），或从标准输入读取一行。角色：reviewer_cac
（网信办审核员）、reviewer_samr（市场监管审核员）、analyst（规则分析员）、approver（审批人）、
admin（系统管理员）。这些命令自己打开数据库；"certwatch serve" 运行期间请在其界面中管理账户。`},
	"certwatch user add":     {"创建账户", ""},
	"certwatch user disable": {"停用账户（结束其所有会话）", ""},
	"certwatch user enable":  {"重新启用已停用的账户", ""},
	"certwatch user list":    {"列出账户", ""},
	"certwatch user passwd":  {"设置账户密码（结束其所有会话）", ""},
	"certwatch user roles":   {"替换账户的角色", ""},

	"certwatch worker": {"与其他 worker 一起从共享的 PostgreSQL 待抓取队列协同巡查", `巡查工作进程：任意多个 worker 进程（可在多台机器上）从同一个 PostgreSQL 数据库的共享待抓取队列
协同巡查。队列按网站（主机名）租用：一个网站同一时刻只由一个 worker 抓取，因此访问间隔和 robots.txt
对所有 worker 合计有效。worker 加入正在进行的巡查；带 --seed 时，若没有正在进行的巡查，则按配置开始
一次巡查并写入起始地址。发现该次巡查的队列已全部完成的 worker 结束这次巡查。收到 SIGTERM 或 Ctrl-C 时，
worker 处理完手中的页面、交回租用的网站后退出；被强行终止（kill -9）的 worker 手中的网站在租期结束后
由其他 worker 接手，已记录的页面不会重复记录。
数据库地址也可以来自 $CERTWATCH_DATABASE；请先运行 "certwatch db migrate"。`},
	"certwatch imitation": {"仿冒查询网站：用官方参考页面衡量仿冒判定", ""},
	"certwatch imitation eval": {"在带标注的页面上衡量仿冒判定：精确率、召回率、按类型计数、漏报和误报", `对 DIR/labels.jsonl 列出的每个页面（{"file":"pages/x.html","url":"https://host/path",
"label":"imitation"|"legitimate","kind":"..."}），与 DIR/reference 下的官方参考页面
（references.jsonl：{"file":"reference/cx.html","url":"https://cx.mem.gov.cn/"}）比对并作出判定，
输出精确率、召回率、按类型的计数，以及每个漏报和误报及其理由。加 --render 时在 Chromium 中
渲染每个页面和参考页面（由 127.0.0.1 上的服务器从 DIR 提供，其他网址一律不可达），加入截图
的感知哈希比对。`},
}

// flagZH is the Chinese description of a flag, by command path and flag
// name ("certwatch scan --rules"); flagByEnglish covers the flags many
// commands share with the same English text.
var flagZH = map[string]string{
	"certwatch --lang": "输出语言：zh（中文）或 en（英文）；默认取 CERTWATCH_LANG，其次是系统区域设置，否则为中文",

	"certwatch audit list --action": "只列出以此开头的操作",
	"certwatch audit list --actor":  "只列出此操作人",
	"certwatch audit list --limit":  "最多列出的条目数",

	"certwatch cases list --category": "只列出此类别",
	"certwatch cases list --format":   "输出格式：table 或 json",
	"certwatch cases list --limit":    "最多列出的案件数",
	"certwatch cases show --format":   "输出格式：text 或 json",

	"certwatch db import --blobs":     "证据文件存储：目录或 s3:// 地址（默认：--from 旁边的 blobs 目录）",
	"certwatch db import --from":      "要迁移的 bbolt 数据库文件（必填）",
	"certwatch db import --sample":    "逐字段比对的案件数，-1 为全部",
	"certwatch db import --database":  "PostgreSQL 地址（默认取 $CERTWATCH_DATABASE）",
	"certwatch db migrate --database": "PostgreSQL 地址（默认取 $CERTWATCH_DATABASE）",
	"certwatch db status --database":  "PostgreSQL 地址（默认取 $CERTWATCH_DATABASE）",

	"certwatch demo --dir":       "演示的配置和数据库存放目录",
	"certwatch demo --listen":    "审核界面的 host:port（默认 127.0.0.1:8080，被占用时用一个空闲端口）",
	"certwatch demo --serve":     "巡查后运行审核界面（--serve=false：巡查后退出）",
	"certwatch demo --takedowns": "巡查后示例交易平台下架的商品数",

	"certwatch eval --against":       "第二种配置：规则包（文件、目录或 rules:PATH）或 model:PATH",
	"certwatch eval --bar":           "模型单独标记页面的概率阈值（用于选择阈值；巡查使用默认值）",
	"certwatch eval --category-bars": "按模型最可能的类别设定的单独标记门槛，如 exam_fraud=0.8,training_fraud=0.7（默认 default，即巡查所用的设置，目前不设；只给出 --bar 或 --short-bar 时为 none）",
	"certwatch eval --format":        "输出格式：text 或 json",
	"certwatch eval --model":         "与规则组合使用的学习模型文件",
	"certwatch eval --rules":         "规则包文件或目录（默认：内置默认规则包）",
	"certwatch eval --short":         "模型也判断没有规则命中、不超过此字符数的文本（-1：不判断；用于衡量，巡查使用默认值）",
	"certwatch eval --short-bar":     "模型单独标记没有规则命中的短文本的概率阈值（不低于 --bar）",
	"certwatch eval --show":          "要列出的记录：misses、false-alarms、wrong-category、disagreements、all、none",
	"certwatch eval --split":         "要评估的数据划分，逗号分隔：train、dev、test（默认 train,dev；test 只在明确指定时使用）",
	"certwatch eval --workers":       "并行分类的记录数",

	"certwatch model history --format": "输出格式：text 或 json",
	"certwatch model show --format":    "输出格式：text 或 json",
	"certwatch model show --top":       "每个类别显示的 n 元组数",
	"certwatch model test --against":   "用于比较的第二个模型",
	"certwatch model test --format":    "输出格式：text 或 json",
	"certwatch model test --split":     "使用带 \"split\" 字段的记录中的哪些划分",

	"certwatch model train --created":           "要记录的创建时间，RFC 3339 格式（默认为当前时间）",
	"certwatch model train --data":              "带标注的 JSON Lines 文件或目录（逗号分隔或重复给出）",
	"certwatch model train --description":       "写入模型头信息的说明文字",
	"certwatch model train --dev":               "报告模型在此文件 dev 划分上的数字",
	"certwatch model train --epochs":            "遍历数据的轮数",
	"certwatch model train --from-store":        "加入数据库中审核员的决定（--config/--db）",
	"certwatch model train --l2":                "L2 正则化系数",
	"certwatch model train --max-vocab":         "最多保留的 n 元组数",
	"certwatch model train --min-df":            "n 元组至少要出现在多少条文本中",
	"certwatch model train --min-sites":         "n 元组至少须出现在这么多个网站上（0：不设此条件）",
	"certwatch model train --name":              "模型名称（版本号的第一部分）",
	"certwatch model train --neg-window-weight": "反例窗口的权重（0：1/窗口数）",
	"certwatch model train --ngram":             "字符 n 元组的长度范围",
	"certwatch model train --output":            "要写入的模型文件",
	"certwatch model train --seed":              "随机种子（打乱顺序用）",
	"certwatch model train --split":             "使用带 \"split\" 字段的记录中的哪些划分",
	"certwatch model train --threshold":         "文本被判为报价的 1 − P(反例) 阈值",
	"certwatch model train --window":            "长文本每个窗口的字符数（-1：只用整段文本）",
	"certwatch model train --window-round":      "再训练一轮，长文本也按窗口使用（见 rank 包）",
	"certwatch model train --workers":           "并行的 goroutine 数（默认：CPU 数）",

	"certwatch report --contact":     "报告上印的填报人及电话",
	"certwatch report --from":        "统计期的第一天，YYYY-MM-DD（北京时间）",
	"certwatch report --html":        "把报告写成独立的 HTML 页面，存到此文件",
	"certwatch report --issuer":      "填报单位；默认取配置中移送单位的签发机关",
	"certwatch report --pdf":         "把报告写成 A4 PDF，存到此文件（需要 Chromium）",
	"certwatch report --pdf-timeout": "打印 PDF 的时间上限",
	"certwatch report --period":      "行动方案中的报告期，YEAR-N：N = 1、2、3（进展报告）、4（年度总结）",
	"certwatch report --to":          "统计期的最后一天（含当天），YYYY-MM-DD（北京时间）",
	"certwatch report --xlsx":        "把报告写成 XLSX 工作簿，存到此文件",

	"certwatch rules activate --limit":     "新增和去掉的案件各最多列出多少件（0：全部）；数量始终准确",
	"certwatch rules activate --max-cases": "只给最新的这么多件案件重新打分（0：全部）",
	"certwatch rules activate --pages":     "也给这些页面打分（certwatch scan 能读的都可以：HTML、文本、可带 label 字段的 JSON Lines、WARC）；可重复给出",
	"certwatch rules history --format":     "输出格式：text 或 json",
	"certwatch rules test --against":       "与此规则包文件或目录比较，而不是与当前规则包比较",
	"certwatch rules test --format":        "输出格式：text 或 json",
	"certwatch rules test --limit":         "新增和去掉的案件各最多列出多少件（0：全部）；数量始终准确",
	"certwatch rules test --max-cases":     "只给最新的这么多件案件重新打分（0：全部）",
	"certwatch rules test --pages":         "也给这些页面打分（certwatch scan 能读的都可以：HTML、文本、可带 label 字段的 JSON Lines、WARC）；可重复给出",

	"certwatch lookalike --anchor":      "子域嵌套时另加的域名（HOST.<anchor>）",
	"certwatch lookalike --concurrency": "同时进行的 DNS 查询数（最多 64）",
	"certwatch lookalike --dns":         "DNS 服务器 host:port（默认取 /etc/resolv.conf 的第一个 nameserver）",
	"certwatch lookalike --json":        "输出 JSON 而不是文本",
	"certwatch lookalike --max":         "每个官方网址的候选数（最多 50000）",
	"certwatch lookalike --ns":          "对已注册的域名另查 NS 记录",
	"certwatch lookalike --qps":         "每秒 DNS 查询数（最多 1000）",
	"certwatch lookalike --resolve":     "解析候选域名，只保留已注册的",
	"certwatch lookalike --state":       "JSON 状态文件：只解析到期的域名，然后保存",
	"certwatch lookalike --timeout":     "单次 DNS 查询的超时（最多 30 秒）",
	"certwatch lookalike --word":        "另加的词（如签发机关的拼音）",
	"certwatch scan --flagged":          "只输出被标记的页面",
	"certwatch scan --format":           "输出格式：text 或 jsonl（默认：终端上为 text，否则为 jsonl）",
	"certwatch scan --model":            "学习模型文件，\"default\"（内置模型）或 \"none\"（只用规则）",
	"certwatch scan --rules":            "代替内置默认规则包使用的规则包文件或目录",
	"certwatch scan --workers":          "并行打分的页面数",

	"certwatch schedule --config": "配置文件（schedule 一节）",
	"certwatch schedule --next":   "每个任务显示接下来几次运行",

	"certwatch serve --config":     "配置文件（database、crawling、serve、schedule 和 notify 各节）",
	"certwatch serve --listen":     "监听的 host:port（覆盖 serve.listen）",
	"certwatch serve --log-format": "标准错误上的日志格式：text 或 json",

	"certwatch sweep --abandon":    "把中断的巡查标记为放弃，并开始新的巡查",
	"certwatch sweep --config":     "巡查配置（见 config.example.yaml）",
	"certwatch sweep --cpuprofile": "把这次巡查的 CPU 性能剖析写到此文件（用于性能调优）",
	"certwatch sweep --log-format": "标准错误上 info 级别的日志格式：text 或 json（默认：终端上显示进度条，否则为 text 日志）",
	"certwatch sweep --resume":     "完成被中断的巡查",

	"certwatch user add --name":   "显示名称，例如 张三",
	"certwatch user add --role":   "角色，逗号分隔（必填）",
	"certwatch user roles --role": "角色，逗号分隔（必填）",

	"certwatch worker --blobs":      "证据文件存储：目录或 s3:// 地址，所有 worker 与审核服务共用（默认取配置中的 blobs）",
	"certwatch worker --config":     "巡查配置（见 config.example.yaml）",
	"certwatch worker --database":   "PostgreSQL 地址（默认取 $CERTWATCH_DATABASE）",
	"certwatch worker --hosts":      "同时抓取的网站数",
	"certwatch worker --lease":      "网站租期（被杀掉的 worker 的网站最长空闲多久）",
	"certwatch worker --log-format": "标准错误上的日志格式：text 或 json",
	"certwatch worker --name":       "worker 名称，在运行中的 worker 里须唯一",
	"certwatch worker --once":       "所加入的巡查完成后退出",
	"certwatch worker --rules":      "规则包文件或目录（默认：配置中的规则，否则为内置规则包）",
	"certwatch prune --dry-run":     "只统计将删除的内容，不删除",
	"certwatch prune --keep-days":   "保留最近这么多天的巡查（默认取配置中的 schedule.frontier_keep_days）",
	"certwatch worker --seed":       "没有进行中的巡查时开始一次",

	"certwatch imitation eval --render":   "在 Chromium 中渲染每个页面，比对截图",
	"certwatch imitation eval --chromium": "Chromium 的路径（默认取 PATH 上的 chromium）",
	"certwatch imitation eval --json":     "输出 JSON 而不是文本",
}

// flagByEnglish translates the flags many commands share, by their English
// description.
var flagByEnglish = map[string]string{
	"sweep configuration naming the database":                                                  "指明数据库的巡查配置文件",
	"database file or postgres:// URL (overrides the configuration)":                           "数据库文件或 postgres:// 地址（优先于配置）",
	"rule pack file or directory (default: the configuration's rules, else the embedded pack)": "规则包文件或目录（默认：配置中的规则，否则为内置规则包）",
	"disable completion descriptions":                                                          "补全时不显示说明",
}
