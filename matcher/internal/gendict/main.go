// Command gendict writes matcher/dict/zh.txt, the segmentation dictionary
// embedded in the binary: the simplified-Chinese words of gse's own
// dictionary (data/dict/zh/s_1.txt) with a frequency of at least -min,
// folded by the matcher's normalizer so that they meet page text in the same
// form. Trimming keeps cold start under a second (the full dictionary costs
// seconds and hundreds of MB); see README "Performance".
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/certwatch/certwatch/matcher"
)

func main() {
	out := flag.String("o", "dict/zh.txt", "output file")
	min := flag.Int("min", 10, "lowest word frequency kept")
	flag.Parse()
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		log.Fatalf("gendict: locate gse: %v", err)
	}
	src := filepath.Join(strings.TrimSpace(string(dir)), "data", "dict", "zh", "s_1.txt")
	f, err := os.Open(src)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	var b bytes.Buffer
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 {
			continue
		}
		freq, err := strconv.Atoi(fs[1])
		if err != nil || freq < *min {
			continue
		}
		w := matcher.NormalizeString(fs[0])
		if w == "" || strings.ContainsAny(w, " \n") || seen[w] {
			continue
		}
		seen[w] = true
		pos := "x"
		if len(fs) > 2 {
			pos = fs[2]
		}
		fmt.Fprintf(&b, "%s %d %s\n", w, freq, pos)
		n++
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, bytes.TrimRight(b.Bytes(), "\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("gendict: %d words (frequency >= %d) from %s", n, *min, src)
}
