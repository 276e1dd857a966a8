package main

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

	"cases.header":      {"编号\t得分\t类别\t出现次数\t快照数\t最近发现（北京时间）\t网址", "ID\tSCORE\tCATEGORY\tSEEN\tSNAPSHOTS\tLAST SEEN (BEIJING TIME)\tURL"},
	"cases.bad.id":      {"%s：%q 不是案件编号", "%s: %q is not a case id"},
	"evidence.exported": {"已把案件 %d 导出到 %s：共 %d 个文件；校验方法：cd %s && sha256sum -c SHA256SUMS", "exported case %d to %s: %d files; verify with: cd %s && sha256sum -c SHA256SUMS"},
}

// yesNo prints a yes/no answer in l.
func yesNo(l lang, b bool) string {
	if b {
		return l.msg("yes")
	}
	return l.msg("no")
}
