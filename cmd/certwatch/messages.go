package main

import (
	"io"

	"github.com/certwatch/certwatch/eval"
	"github.com/certwatch/certwatch/rank"
	"github.com/certwatch/certwatch/sweep"
)

// messages is every message the CLI prints at run time, by id, in Chinese
// and English (see lang.go). The two texts of an id take the same
// arguments in the same order (TestMessagesBothLanguages).
var messages = map[string]struct{ zh, en string }{
	"yes": {"是", "yes"},
	"no":  {"否", "no"},

	"audit.ok":       {"审计日志完好：共 %d 条，日志头 #%d %s", "audit log OK: %d entries, head #%d %s"},
	"audit.broken":   {"审计日志已被破坏：共 %d 条，发现 %d 处问题：", "audit log BROKEN: %d entries, %d problems:"},
	"audit.tampered": {"审计日志被篡改过", "the audit log has been tampered with"},
	"audit.header":   {"序号\t时间（北京时间）\t操作人\t操作\t对象\t详情", "SEQ\tAT (BEIJING TIME)\tACTOR\tACTION\tOBJECT\tDETAIL"},

	"db.schema.current":  {"数据库结构已是最新版本 %d，无需迁移", "schema already at version %d; nothing to do"},
	"db.schema.migrated": {"数据库结构已从版本 %d 迁移到 %d，应用了 %d 个迁移 %v", "schema migrated from version %d to %d: applied %d migrations %v"},
	"db.queue.current":   {"任务队列结构已是最新版本 %d，无需迁移", "job queue schema (river) already at version %d; nothing to do"},
	"db.queue.migrated":  {"任务队列结构已从版本 %d 迁移到 %d，应用了 %d 个迁移 %v", "job queue schema (river) migrated from version %d to %d: applied %d migrations %v"},
	"db.schema.status":   {"数据库结构版本 %d，本程序版本 %d", "database schema version %d, this binary's %d"},
	"db.queue.status":    {"任务队列结构版本 %d，本程序版本 %d", "job queue schema (river) version %d, this binary's %d"},

	"user.password.prompt": {"请输入 %s 的新密码（至少 %d 个字符）：", "New password for %s (at least %d characters): "},
	"user.password.again":  {"请再输入一次：", "Again: "},
	"user.password.differ": {"两次输入的密码不一致", "the two passwords differ"},
	"user.password.none":   {"标准输入上没有密码", "no password on standard input"},
	"user.added":           {"已添加账户 %s（角色：%s）", "added %s (%s)"},
	"user.done":            {"%s：已完成", "%s: done"},
	"user.header":          {"账户\t显示名称\t角色\t已停用\t密码设置时间（北京时间）", "NAME\tDISPLAY\tROLES\tDISABLED\tPASSWORD SET (BEIJING TIME)"},

	"backup.written":    {"备份：已写入 %d 字节到 %s", "backup: %d bytes to %s"},
	"backup.by.server":  {"由运行中的服务（%s）备份：已写入 %d 字节到 %s", "backup by the running server (%s): %d bytes to %s"},
	"backup.unverified": {"备份 %s 未通过校验", "the backup %s does not verify"},
	"compact.done":      {"已压缩 %s：%d → %d 字节；原文件保留为 %s", "compacted %s: %d → %d bytes; the original is kept as %s"},

	"schedule.zone":       {"时区 %s", "time zone %s"},
	"schedule.header":     {"任务\t时间表\t接下来的运行时间（北京时间）", "JOB\tSPEC\tNEXT RUNS (BEIJING TIME)"},
	"schedule.no.server":  {"没有运行中的服务：启动 \"certwatch serve\" 之前不会运行任何任务", "no server is running: nothing runs until \"certwatch serve\" starts"},
	"schedule.server":     {"服务地址 %s；巡查进行中：%s", "server at %s; sweep running: %s"},
	"schedule.db.problem": {"数据库异常：%s", "database problem: %s"},
	"schedule.db.held":    {"另一个进程占用着数据库：%v", "another process holds the database: %v"},
	"schedule.no.db":      {"尚无数据库", "no database yet"},

	"cases.header":            {"编号\t得分\t类别\t出现次数\t快照数\t最近发现（北京时间）\t网址", "ID\tSCORE\tCATEGORY\tSEEN\tSNAPSHOTS\tLAST SEEN (BEIJING TIME)\tURL"},
	"cases.bad.id":            {"%s：%q 不是案件编号", "%s: %q is not a case id"},
	"evidence.exported":       {"已把案件 %d 导出到 %s：共 %d 个文件；校验方法：cd %s && sha256sum -c SHA256SUMS", "exported case %d to %s: %d files; verify with: cd %s && sha256sum -c SHA256SUMS"},
	"case.head":               {"案件 %d  %s  得分 %g  %s", "case %d  %s  score %g  %s"},
	"case.fields":             {"  网址       %s\n  标题       %s\n  来源       %s\n  首次发现   %s\n  最近发现   %s\n", "  url        %s\n  title      %s\n  source     %s\n  first seen %s\n  last seen  %s\n"},
	"case.finding.unreadable": {"  发现记录无法读取：%v", "  finding unreadable: %v"},
	"case.contact":            {"  联系方式 %s %s", "  contact %s %s"},
	"case.sightings":          {"  出现记录：", "  sightings:"},
	"case.sighting":           {"    第 %d 次巡查，%s（快照 %d）", "    sweep %d at %s (snapshot %d)"},
	"case.snapshots":          {"  快照：", "  snapshots:"},
	"case.snapshot":           {"    %d  %s  状态码 %d  来自 %s  正文 sha256 %s", "    %d  %s  status %d  from %s  body sha256 %s"},
	"case.screenshot":         {"  截图 sha256 %s", "  screenshot sha256 %s"},
	"case.truncated":          {"  （已截断）", "  (truncated)"},

	"config.ok":             {"%s\t检查通过", "%s\tOK"},
	"config.browser":        {"  浏览器\t%s（%s）：能渲染空白页", "  browser\t%s (%s): a blank page renders"},
	"config.warning":        {"  警告\t%s", "  warning\t%s"},
	"config.database":       {"  数据库\t%s", "  database\t%s"},
	"config.limits":         {"  限制\t每个网站间隔 %v，每个网站并发 %d，总并发 %d，超时 %v，正文 ≤ %d 字节，重试 %d 次", "  limits\tdelay %v/host, %d per host, %d in all, timeout %v, body ≤ %d B, %d retries"},
	"config.resolve":        {"  解析覆盖\t%d 个主机（resolve_only %v）", "  resolve\t%d hosts (resolve_only %v)"},
	"config.allow.internal": {"  允许内网\t%s（仅这些可访问内网地址）", "  allow_internal\t%s (internal addresses allowed for these only)"},
	"config.site":           {"%s 深度 %d，≤ %d 页", "%s depth %d, ≤ %d pages"},
	"config.search":         {"%s × %d 页搜索结果", "%s × %d result pages"},
	"config.search.terms":   {"，搜索词 %d 个", ", %d terms"},
	"config.search.sites":   {"，规则包中官方查询网站的名称和标题（official_sites）", ", the rule packs' official query sites' names and titles (official_sites)"},
	"config.search.rules":   {"，搜索词取自规则包（search_terms）", ", the rule packs' search terms"},
	"config.urls":           {"%d 个网址 %s", "%d urls %s"},
	"config.render":         {" [浏览器渲染]", " [render]"},
	"config.render.auto":    {" [按需渲染]", " [render: auto]"},
	"config.ignore.robots":  {" [不遵守 robots.txt]", " [ignores robots.txt]"},
	"import.no.from":        {"未指定 bbolt 数据库：请用 --from 文件", "no source: give --from FILE"},
	"import.bad.sample":     {"--sample %d：须为正数或 -1", "--sample %d: must be positive, or -1 for all"},
	"import.blobs":          {"无法打开证据文件存储：%w", "cannot open the blob store: %w"},
	"import.moving":         {"正在迁移 %s → %s，证据文件存入 %s", "moving %s into %s, evidence into %s"},
	"import.not.empty":      {"目标数据库已有数据，拒绝导入；请使用新建并已迁移的空库（%w）", "the target database holds data: refused; use a new, migrated, empty database (%w)"},
	"import.mismatch":       {"校验失败：副本与源数据库不一致，请勿使用该 PostgreSQL 数据库：%w", "verification failed: do not use the copy: %w"},
	"import.failed":         {"迁移失败，目标数据库未写入任何数据：%w", "import failed; nothing was committed: %w"},
	"import.done":           {"迁移完成并已校验", "import done and verified"},
	"import.table":          {"表", "table"},
	"import.row.mismatch":   {"不一致", "mismatch"},
	"import.blobs.checked":  {"证据文件 %d 个（%d 字节）已重新读取并校验哈希", "%d evidence blobs, %d bytes, re-read and hashed"},
	"import.audit":          {"审计日志 %d 条，链头哈希 %s", "audit log: %d entries, head hash %s"},
	"import.sampled":        {"逐字段比对案件 %d 件", "%d cases compared field by field"},
	"import.timing":         {"复制用时 %s（其中写入证据文件 %s，每秒 %.0f 件案件），校验用时 %s", "copy %s, of which blob store %s, %.0f cases/s; verify %s"},
	"import.problem":        {"问题：%s", "problem: %s"},
	"db.none":               {"未指定数据库：请用 --database postgres://用户@主机:端口/库名 或环境变量 %s", "no database: give --database postgres://USER@HOST:PORT/DB or set %s"},
	"db.not.url":            {"--database 须是 postgres:// 地址；bbolt 数据库文件无需迁移", "--database must be a postgres:// URL; a bbolt database file needs no migration"},
	"db.failed":             {"数据库操作失败，请检查地址、用户、密码和服务器是否可用：%w", "database operation failed (check the URL, user, password and that the server is up): %w"},
	"db.damaged":            {"数据库文件已损坏或不是 certwatch 数据库：请先把该文件复制到别处保存（不要再写入），再用 certwatch backup 或定时备份生成的最新完好副本恢复。\n%w", "the database file is damaged or not a certwatch database: first copy the file elsewhere (write nothing more to it), then restore the latest good copy made by certwatch backup or the scheduled backup.\n%w"},
	"db.unsafe.target":      {"拒绝备份：目标是数据库文件本身、指向它的链接、它的锁文件或控制文件，或正被其他程序使用的文件；没有写入任何内容。请换一个数据库文件以外的新文件名。\n%w", "backup refused: the target is the database file itself, a link to it, its lock or control file, or a file another program uses; nothing was written. Choose a new file name other than the database's.\n%w"},
	"db.replaced":           {"数据库文件在使用中被替换、移动或删除，已拒绝继续写入：请停止该进程，查明原因，必要时从备份恢复。\n%w", "the database file was replaced, moved or deleted while in use; writing stopped: stop the process, find out why, and restore from a backup if needed.\n%w"},
	"prune.keep.days":       {"--keep-days %d：须在 1 到 %d 天之间", "--keep-days %d: want 1 to %d days"},
	"prune.locked":          {"数据库正由另一个进程使用（%v）：certwatch serve 运行时由其定时任务 prune 每天清理（schedule.prune）；要立即清理请先停止 serve", "the database is in use (%v): while certwatch serve runs, its scheduled prune job does this daily (schedule.prune); stop serve to prune now"},
	"prune.dry":             {"保留最近 %d 天：将删除 %s 之前结束的 %d 次巡查的抓取队列（%d 个网址）和 %d 条页面记录（试运行，未删除任何内容）", "keeping %d days: would delete the frontiers of the sweeps finished before %s, %d sweeps with %d URLs, and %d page records (dry run: nothing deleted)"},
	"prune.done":            {"保留最近 %d 天：已删除 %s 之前结束的 %d 次巡查的抓取队列（%d 个网址）和 %d 条页面记录", "keeping %d days: deleted the frontiers of the sweeps finished before %s, %d sweeps with %d URLs, and %d page records"},
	"prune.done.partial":    {"保留最近 %d 天：已删除 %s 之前结束的 %d 次巡查的抓取队列和 %d 条页面记录", "keeping %d days: deleted the frontiers of the sweeps finished before %s, %d sweeps, and %d page records"},
	"prune.kept":            {"线索、快照、出现记录、审核决定、通知书、审计日志、巡查记录及其摘要全部保留，被标记页面的页面记录也保留", "cases, snapshots, sightings, decisions, notices, the audit log and the sweeps with their summaries stay, and so do the page records of flagged pages"},
	"db.pg.in.force":        {"已记录在 PostgreSQL 数据库中：此后开始的巡查（certwatch sweep、worker）使用它，正在运行的 certwatch serve 进程在一分钟内改用它（用 --rules 启动的除外）", "recorded in the PostgreSQL database: sweeps started from now on (certwatch sweep, worker) use it, and running certwatch serve processes switch to it within a minute (except one started with --rules)"},
	"db.bbolt.only":         {"「%s」只适用于内置数据库文件（bbolt），不能用于 PostgreSQL 数据库（database: postgres://…）", "\"%s\" works only on a bbolt database file, not on a PostgreSQL database (database: postgres://…)"},
	"db.bbolt.only.backup":  {"「%s」复制的是 bbolt 数据库文件本身，不能用于 PostgreSQL 数据库（database: postgres://…）：PostgreSQL 请用 pg_dump 或 pg_basebackup 加 WAL 归档备份（certwatch serve 的定时任务每天把审计链头记入 backup_dir/audit-checkpoints.jsonl）", "\"%s\" copies the bbolt database file itself and cannot back up a PostgreSQL database (database: postgres://…): back PostgreSQL up with pg_dump or pg_basebackup and WAL archiving (certwatch serve's scheduled job records the audit chain head in backup_dir/audit-checkpoints.jsonl daily)"},
	"db.bbolt.only.compact": {"「%s」重写的是 bbolt 数据库文件本身，不能用于 PostgreSQL 数据库（database: postgres://…）：PostgreSQL 由自动清理（autovacuum）回收空间，需要缩小表文件时由数据库管理员运行 VACUUM FULL 或 pg_repack", "\"%s\" rewrites the bbolt database file itself and does not apply to a PostgreSQL database (database: postgres://…): PostgreSQL reclaims space by autovacuum; to shrink table files a database administrator runs VACUUM FULL or pg_repack"},

	"worker.not.pg":       {"worker 只能使用 PostgreSQL 数据库；bbolt 数据库文件请用 certwatch sweep 巡查", "--database must be a postgres:// URL: workers share a PostgreSQL database; sweep a bbolt file with certwatch sweep"},
	"worker.bad.hosts":    {"--hosts 须在 1–%d 之间", "--hosts must be 1–%d"},
	"worker.bad.lease":    {"--lease 须在 %v–%v 之间", "--lease must be %v–%v"},
	"worker.bad.name":     {"--name 须为 1–128 字节", "--name must be 1–128 bytes"},
	"worker.no.blobs":     {"未指定证据文件目录：请用 --blobs 目录，或在配置中设置 blobs:", "no evidence blob directory: give --blobs DIR or set blobs: in the configuration"},
	"worker.blobs":        {"证据存储无法使用：%w", "evidence blob store unusable: %w"},
	"worker.not.started":  {"巡查工作进程未启动：%w", "worker not started: %w"},
	"worker.part":         {"本 worker 在第 %d 次巡查中完成的部分：", "this worker's part of sweep %d:"},
	"worker.stopped":      {"worker 已停止，手中的网站已交回", "worker stopped; its hosts were given back"},
	"worker.no.sweep":     {"没有进行中的巡查；用 --seed 开始一次（%w）", "%w; start one with --seed"},
	"history.header":      {"#\t时间（北京时间）\t操作人\t版本\tSHA256\t文件", "#\tAT (BEIJING TIME)\tBY\tVERSION\tSHA256\tFILE"},
	"history.deactivated": {"（停用）", "(deactivated)"},
	"history.active":      {"（在用）", "(active)"},
	"model.history.none":  {"从未启用过模型，使用内置默认模型", "no model was ever activated: the embedded default is used"},
	"rules.history.none":  {"从未启用过规则包：巡查使用配置中的规则，否则用内置默认规则", "no pack was ever activated: sweeps use the configuration's rules, else the embedded default"},
	"train.store":         {"数据库：%d 条线索；用作样本 %d；未审核 %d；以超出范围/重复排除 %d；无可读快照 %d", "database: %d cases; used %d; open %d; excluded (out of scope, duplicate) %d; no text %d"},
	"train.uncovered":     {"；模型没有的类别 %v", "; categories without a class %v"},
	"train.model":         {"模型 %s\n  n 元组 %d–%d，词表 %d，文件 %s（%d 字节），训练用时 %.2f 秒\n", "model  %s\n  n-grams %d–%d, vocabulary %d, file %s (%d bytes), training time %.2f s\n"},
	"train.dev":           {"\n开发集：%s\n", "\ndev set: %s\n"},
	"train.source":        {"来源", "source"},
	"train.total":         {"合计", "total"},

	"model.show.version":     {"版本      %s", "version       %s"},
	"model.show.format":      {"格式      %s", "format        %s"},
	"model.show.created":     {"创建时间  %s", "created       %s"},
	"model.show.description": {"说明      %s", "description   %s"},
	"model.show.features":    {"特征      %s\n          n 元组 %d–%d，窗口 %d，最长 %d 字符，归一化 %s", "features      %s\n              n-grams %d–%d, window %d, max %d runes, normaliser %s"},
	"model.show.vocabulary":  {"词表      %d", "vocabulary    %d"},
	"model.show.threshold":   {"阈值      %.2f", "threshold     %.2f"},
	"model.show.training":    {"训练参数  随机种子 %d，轮数 %d，批大小 %d，AdaGrad 步长 %g，L2 %g，最少文本数 %d，最大词表 %d", "training      seed %d, epochs %d, batch %d, AdaGrad step %g, L2 %g, min-df %d, max-vocab %d"},
	"model.show.payload":     {"模型内容  %s，%d 字节，sha256 %s", "payload       %s, %d bytes, sha256 %s"},

	"model.embedded":           {"内置默认模型", "the embedded default"},
	"model.activated.server":   {"已启用模型 %s（通过运行中的服务 %s）", "activated %s through the running server (%s)"},
	"model.activated":          {"已启用模型 %s（之前：%s）", "activated %s (was: %s)"},
	"model.deactivated.server": {"已通过运行中的服务（%s）停用模型，改用内置默认模型", "deactivated through the running server (%s): the embedded default model is used"},
	"model.deactivated":        {"已停用模型，改用内置默认模型", "no model is active now: the embedded default model is used"},

	"channel.args":            {"不带参数（列出通道），或给出 类别|all on|off", "want no arguments (list) or CATEGORY|all on|off"},
	"channel.on.off":          {"model channel：%q：只能是 on 或 off", "model channel: %q: want on or off"},
	"channel.unknown":         {"model channel：未知类别 %q（模型的类别：%s，或 all）", "model channel: unknown category %q (the model's categories: %s, or all)"},
	"channel.on":              {"开启", "on"},
	"channel.off":             {"关闭", "off"},
	"channel.default":         {"—（默认）", "— (default)"},
	"channel.switched.server": {"已通过运行中的服务%s模型通道 %s（%s）", "switched the model channel %s for %s through the running server (%s)"},
	"channel.switched":        {"已%s模型通道 %s", "switched the model channel %s for %s"},
	"channel.header":          {"类别\t模型通道\t切换人及时间（北京时间）", "CATEGORY\tCHANNEL\tSWITCHED BY (BEIJING TIME)"},
	"report.period.both":      {"report：请给出 --period，或 --from 和 --to，不能同时给出", "report: give --period or --from and --to, not both"},
	"report.period.bad":       {"report：--period：%w", "report: --period: %w"},
	"report.period.none":      {"report：请给出 --from 和 --to（YYYY-MM-DD），或 --period YEAR-N", "report: give --from and --to (YYYY-MM-DD), or --period YEAR-N"},
	"report.dates.bad":        {"report：--from、--to：%w", "report: --from, --to: %w"},
	"report.wrote":            {"已写入 %s", "wrote %s"},
	"report.period":           {"统计期 %s 至 %s（北京时间，含首尾两天）", "period %s to %s (Beijing, inclusive)"},
	"report.period.name":      {"，%s", ", %s"},
	"report.sweeps":           {"；期间开始的巡查：%d 次", "; sweeps started: %d"},
	"report.header":           {"部门\t检查页面\t检查商品\t发现\t确认\t发出下架通知\t已下架\t移送公安\t未办结\t", "DEPARTMENT\tPAGES\tLISTINGS\tFOUND\tCONFIRMED\tTAKEDOWNS\tREMOVED\tREFERRALS\tOPEN\t"},
	"report.total":            {"合计", "total"},
	"report.note":             {"说明：%s", "note: %s"},
	"list.sep":                {"、", ", "},

	"scan.model":              {"scan：--model %s：%w", "scan: --model %s: %w"},
	"scan.model.unused":       {"certwatch: scan: 警告：学习模型无法使用，仅按规则判定：%v", "certwatch: scan: warning: the learned model is not used, rules only: %v"},
	"scan.format":             {"scan：未知的输出格式 %q（只能是 text 或 jsonl）", "scan: unknown format %q (text or jsonl)"},
	"scan.write":              {"scan：写输出失败：%w", "scan: write output: %w"},
	"scan.stats":              {"\n扫描了 %d 个页面，标记 %d 个", "\n%d pages scanned, %d flagged"},
	"scan.stats.categories":   {"（%s）", " (%s)"},
	"scan.stats.truncated":    {"，%d 个已截断（只扫描了前 %d MiB）", ", %d truncated (only the first %d MiB scanned)"},
	"scan.stats.bad":          {"，%d 个输入有问题（见标准错误）", ", %d bad inputs (see stderr)"},
	"scan.ok":                 {"未标记 ", "ok     "},
	"scan.flagged":            {"已标记 ", "FLAGGED"},
	"scan.title":              {"  标题：%s", "  title: %s"},
	"scan.contacts":           {"  联系方式：%s", "  contacts: %s"},
	"scan.model.line":         {"  判定通道：%s；模型：p=%.2f（阈值 %.2f）%s", "  channel: %s; model: p=%.2f (bar %.2f) %s"},
	"scan.rules":              {"规则：%s  规则包：%s", "rules: %s  pack: %s"},
	"pack.version":            {"  规则包\t%s（发布单位 %s）", "  pack\t%s (issuer %s)"},
	"pack.threshold":          {"  阈值\t%g，窗口 %d 个词", "  threshold\t%g, window %d words"},
	"pack.rules":              {"  规则\t%d 条（%d 个词条、%d 个词组、%d 个邻近子句），%d 条全包排除规则", "  rules\t%d (%d terms, %d groups, %d near clauses), %d pack-wide exclusions"},
	"pack.families":           {"  词族\t%d 个，另有 %d 个子词族：%s", "  families\t%d and %d sub-families: %s"},
	"pack.contact.bonus":      {"  联系方式加分\t规则命中处 %[2]d 个字符以内有个人联系方式时加 %[1]g 分", "  contact bonus\t+%g for a personal contact within %d characters of a rule's hits"},
	"pack.short.texts":        {"  短文本\t≤ %d 个字符：有佐证（%[3]s）时阈值为 %[2]g", "  short texts\t≤ %d characters: threshold %g with a corroborator (%s)"},
	"pack.genres":             {"  体裁\t%d 种：%s", "  genres\t%d: %s"},
	"pack.official":           {"  官方网站\t%s；官方域名后缀 %s", "  official sites\t%s; official suffixes %s"},
	"pack.search.terms":       {"  搜索词\t%d 个", "  search terms\t%d"},
	"sweep.not.started":       {"巡查未开始：%w", "sweep not started: %w"},
	"sweep.interrupted":       {"巡查被中断；继续完成请运行：certwatch sweep --resume --config %s", "sweep interrupted; finish it with: certwatch sweep --resume --config %s"},
	"sweep.nothing.to.resume": {"没有可继续的巡查：上次巡查尚未开始记录（进程在记录巡查之前就被停止），请不带 --resume 重新巡查\n（%w）", "%w"},
	"sweep.nothing.after":     {"没有可继续的巡查：最近一次巡查（第 %d 次，%s 开始）%s，之后没有记录新的巡查，请不带 --resume 重新巡查\n（%w）", "sweep %d (started %s) is %s, nothing later to resume: %w"},
	"sweep.state.finished":    {"已结束", "finished"},
	"sweep.state.abandoned":   {"已放弃", "abandoned"},
	"demo.web":                {"示例网站在 %s（%d 个主机）；配置 %s；数据库 %s", "sample web on %s (%d hosts); configuration %s; database %s"},
	"demo.next":               {"\n下一步：certwatch serve --config %s\n", "\nNext: certwatch serve --config %s\n"},
	"demo.cases":              {"\n共 %d 件案件：\n", "\n%d cases:\n"},
	"demo.more":               {"  ……另有 %d 件（certwatch cases list）", "  … %d more (certwatch cases list)"},
	"demo.case":               {"  %3d  %-6g %-15s 出现 %d 次  %s", "  %3d  %-6g %-15s seen %d×  %s"},
	"demo.ui": {"\n================ 审核界面 ================\n打开  %s/login\n演示账户（本次运行生成的密码）：\n",
		"\n================ review UI ================\nOpen  %s/login\ndemo accounts (passwords generated for this run):\n"},
	"demo.try": {"试一试：以 shijian 登录 → 案件队列 → 打开样例商城的商品（shop.example）→ 确认（市场监管下架通知）；\n" +
		"以 wangxin 登录 → 打开仿冒查询网站（cx-mem-gov.example）→ 确认“移送公安”；以 shenpi 登录 → 审批移送 →\n" +
		"通知与移送 → 签发 → 标记为已发送 → 下载 PDF → 立即复查（样例商城已下架 %d 个商品：%s）。\n" +
		"新版识别：打开上方“新版识别样例”中的案件（如 fenlei.example/post/88007.html、shop.example/item/600116），\n" +
		"看解出的联系方式（原文与解码并列）和“近邻”“短文本”理由。\n按 Ctrl-C 停止。\n" +
		"==========================================\n",
		"Try: sign in as shijian → the case queue → open a listing of the sample shop (shop.example) → confirm (market regulator takedown);\n" +
			"sign in as wangxin → open the imitation query site (cx-mem-gov.example) → confirm the police referral; sign in as shenpi → approve it →\n" +
			"notices and referrals → sign → mark as sent → download the PDF → check now (the sample shop took %d listings down: %s).\n" +
			"New detection: open the cases of the showcase above (e.g. fenlei.example/post/88007.html, shop.example/item/600116)\n" +
			"and look at the decoded contacts (original beside decoded) and the near-clause and short-text reasons.\nStop with Ctrl-C.\n" +
			"==========================================\n"},
	"showcase.title":       {"\n新版识别样例（旧规则识别不了的要约与不应标记的难负例）：\n", "\nissue 11 showcase (offers the old rules missed, and hard negatives that must not be flagged):\n"},
	"showcase.not.wanted":  {"不应标记", "should not be flagged"},
	"showcase.wanted":      {"应标记：%s", "should be flagged: %s"},
	"showcase.not.flagged": {"未标记", "not flagged"},
	"showcase.flagged":     {"已标记：%s（案件 %d）", "flagged: %s (case %d)"},
	"discover.title":       {"\n只能通过二维码、仿冒域名、搜索结果或证书透明度日志找到的假冒查询网站：\n", "\nimitation query sites found only through a QR code, a lookalike domain, search results or a CT log:\n"},
	"discover.qr":          {"经二维码", "via QR code"},
	"discover.lookalike":   {"经仿冒域名", "via lookalike domain"},
	"discover.search":      {"经搜索结果", "via search results"},
	"discover.ct":          {"经证书透明度日志", "via CT log"},
	"discover.found":       {"  ✓ %s：案件 %d  %s\n      %s", "  ✓ %s: case %d  %s\n      %s"},
	"discover.missed":      {"  ✗ %s：未发现  %s", "  ✗ %s: not found  %s"},
	"showcase.line":        {"  %s %s，%s  %s\n      %s", "  %s %s, %s  %s\n      %s"},
	"demo.disabled":        {"demo：此程序构建时未包含示例网站，请运行 make demo（它会构建 bin/certwatch-demo）", "demo: this binary was built without the sample web (build tag demo); run `make demo`, which builds bin/certwatch-demo"},
	"colon":                {"：", ": "},

	"tune.from.against":   {"%s（--against）", "%s (--against)"},
	"tune.from.active":    {"数据库中启用的规则包：第 %d 次启用，%s 于 %s 启用 %s", "active in the database: activation #%d by %s at %s of %s"},
	"tune.from.config":    {"配置中的规则（%s）", "the configuration's rules (%s)"},
	"tune.from.default":   {"内置默认规则包", "the embedded default pack"},
	"tune.model.warning":  {"certwatch: 警告：%s（%s）", "certwatch: warning: %s (%s)"},
	"tune.candidate":      {"候选规则包  %s", "candidate  %s"},
	"tune.current":        {"当前规则包  %s\n            来自 %s", "current    %s\n           from %s"},
	"tune.rescored":       {"重新打分    已存的 %[2]d 件案件中的 %[1]d 件", "re-scored  %d of %d stored cases"},
	"tune.pages":          {"及另外 %d 个页面", " and %d extra pages"},
	"tune.elapsed":        {"，用时 %s", " in %s"},
	"tune.cut":            {"；%d 段文本在 %d 字节处截断", "; %d texts cut at %d bytes"},
	"tune.skipped":        {"跳过        %d 件无法读取：", "skipped    %d that could not be read:"},
	"tune.case":           {"案件 %d", "case %d"},
	"tune.labels":         {"标注        正例 %d（已确认），反例 %d（按误报排除），不计 %d（按不属于本专项或重复排除），未标注 %d（待审核）\n", "labels     %d positive (confirmed), %d negative (dismissed: false positive), %d excluded (dismissed: out of scope or duplicate), %d unlabelled (open)\n"},
	"tune.totals.header":  {"\t当前\t候选", "\tcurrent\tcandidate"},
	"tune.flagged":        {"标记数\t%d\t%d", "flagged\t%d\t%d"},
	"tune.positives":      {"标记的正例\t%d / %d\t%d / %d\t召回率 %s → %s", "positives flagged\t%d of %d\t%d of %d\trecall %s → %s"},
	"tune.negatives":      {"标记的反例\t%d / %d\t%d / %d", "negatives flagged\t%d of %d\t%d of %d"},
	"tune.precision":      {"精确率\t%s\t%s", "precision\t%s\t%s"},
	"tune.changes.header": {"  案件\t标注\t状态\t得分\t规则\t网址\t标题", "  CASE\tLABEL\tSTATUS\tSCORE\tRULES\tURL\tTITLE"},
	"tune.more":           {"  ……另有 %d 件（--limit）", "  … and %d more (--limit)"},
	"tune.added":          {"新增（候选规则包标记、当前规则包不标记）", "added (the candidate flags them, the current packs do not)"},
	"tune.dropped":        {"去掉（当前规则包标记、候选规则包不标记）", "dropped (the current packs flag them, the candidate does not)"},
	"tune.rules.title": {"\n各条规则，当前 → 候选（命中：规则达到阈值的页面；\n  TP/FP：标注为正例/反例的命中；精确率：TP/(TP+FP)，没有已标注的命中时为 —）\n",
		"\nrules, current → candidate (hits: pages on which the rule reaches its threshold;\n  TP/FP: hits labelled positive/negative; precision: TP/(TP+FP), — without labelled hits)\n"},
	"tune.rules.header": {"  规则\t类别\t命中\tTP\tFP\t精确率\t→\t命中\tTP\tFP\t精确率", "  RULE\tCATEGORY\tHITS\tTP\tFP\tPRECISION\t→\tHITS\tTP\tFP\tPRECISION"},
	"tune.rule.new":     {"（新增）", "(new)"},
	"tune.rule.removed": {"（已删除）", "(removed)"},
	"tune.note": {"\n说明：数据库只保存曾被某个规则包标记的页面内容，因此本命令找不到候选规则包会新标记的页面；\n用它巡查一遍才能找到（--pages 可加入自己的页面）。",
		"\nnote: only pages some rule pack once flagged are stored with their content, so this cannot\nfind new pages the candidate would flag; a sweep with it can (--pages adds pages of your own)."},

	"rules.activated.server": {"已通过运行中的服务（%[2]s）启用 %[1]s：此后开始的巡查和复查将使用它。\n没有打印比较结果：数据库由服务占用，请在界面的“规则试算”页面查看。\n",
		"activated %s through the running server (%s): sweeps and removal checks that start from now on use it.\nThe comparison was not printed: the server holds the database; use the UI's rule trial page for it.\n"},
	"rules.already.active": {"rules activate：%s 已在使用中（第 %d 次启用，%s 于 %s 启用）", "rules activate: %s is already active (activation #%d by %s at %s)"},
	"rules.activated":      {"\n已启用 %s（之前：%s）。\n此后启动的巡查和审核服务将使用它；--rules 选项仍然优先。\n", "\nactivated %s (was: %s).\nSweeps and the review server started from now on use it; a --rules flag still overrides it.\n"},
	"rules.deactivated":    {"现在没有启用的规则包：此后启动的巡查和审核服务使用配置中的规则，否则使用内置默认规则", "no pack is active now: sweeps and the review server started from now on use the configuration's rules, else the embedded default"},
	"schedule.pg": {"PostgreSQL 数据库：以上定时任务由正在运行的 certwatch serve 执行，移除检查和备份经任务队列，每项只执行一次",
		"PostgreSQL database: the running certwatch serve processes run these; removal checks and backups go through the job queue, each once"},
	"serve.started":       {"certwatch：审核界面已在 %s 运行（数据库 %s）；按 Ctrl-C 停止", "certwatch: review UI on %s (database %s); stop with Ctrl-C"},
	"serve.stopped":       {"certwatch：审核界面已停止", "certwatch: review UI stopped"},
	"browser.unusable":    {"来源 %s 需要浏览器渲染，但浏览器不可用：%w", "sources %s render, but the browser is unusable: %w"},
	"user.password.short": {"密码至少需要 %d 个字符", "the password must have at least %d characters"},
	"user.password.long":  {"密码最多 256 字节", "the password must have at most 256 bytes"},
	"user.password.name":  {"密码不能与账户名相同", "the password must differ from the user name"},
}

// yesNo prints a yes/no answer in l.
func yesNo(l lang, b bool) string {
	if b {
		return l.msg("yes")
	}
	return l.msg("no")
}

// categoryLabel names a category for people: its Chinese name and id in
// Chinese ("考试作弊、代考 exam_fraud", the id being what commands take), the
// id in English.
func categoryLabel(l lang, c string) string {
	if l == en {
		return c
	}
	return rank.CategoryName(c) + " " + c
}

// printSummary writes a sweep's summary in l.
func printSummary(w io.Writer, l lang, sum *sweep.Summary) {
	if l == en {
		sum.Print(w)
		return
	}
	sum.PrintChinese(w, rank.CategoryName)
}

// evalLang is l for package eval's text reports.
func evalLang(l lang) eval.Lang {
	if l == en {
		return eval.English
	}
	return eval.Chinese
}
