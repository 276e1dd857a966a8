package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/certwatch/certwatch/discover/ctlog"
	"github.com/certwatch/certwatch/discover/ctlog/ctlogtest"
)

func TestCTLogCommand(t *testing.T) {
	log := ctlogtest.NewLog(t)
	ca := ctlogtest.NewCA(t)
	log.AddCert(t, ca, false, "www.example.com")
	log.AddCert(t, ca, true, "cx.mem.gov.cn.verify-online.top")
	log.AddCert(t, ca, false, "zhujian-zhengshu-chaxun.shop")
	state := filepath.Join(t.TempDir(), "ct.json")
	args := []string{"ctlog", "--log", log.URL(), "--key", log.PublicKey(t), "--state", state}

	code, out, errOut := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{"树规模 3", "证书 2，预证书 1", "疑似仿冒 2 个",
		"cx.mem.gov.cn.verify-online.top\t1\t证书透明度日志中的预证书包含域名 cx.mem.gov.cn.verify-online.top，疑似仿冒官方查询网址 cx.mem.gov.cn（嵌入官方网址）",
		"zhujian-zhengshu-chaxun.shop\t2\t"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	data, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	st, err := ctlog.LoadState(data)
	if err != nil || st.Logs[log.URL()] == nil || st.Logs[log.URL()].NextIndex != 3 {
		t.Fatalf("state %s: %v", data, err)
	}

	// Second run: nothing new; JSON output.
	log.AddCert(t, ca, false, "mem-gov-zscx.xyz")
	code, out, errOut = runCLI(t, "", append(args, "--json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res ctlog.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(res.Matches) != 1 || res.Matches[0].Index != 3 || res.Stats[0].From != 3 {
		t.Fatalf("second run %+v", res)
	}

	// A log that answers garbage: exit 1, reported in Chinese.
	log.Set(func(l *ctlogtest.Log) { l.GarbageSTH = true })
	code, out, _ = runCLI(t, "", args...)
	if code != 1 || !strings.Contains(out, "响应格式错误") {
		t.Fatalf("garbage log: exit %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "", "ctlog"); code != 2 {
		t.Errorf("no --log: exit %d, want 2", code)
	}
}
