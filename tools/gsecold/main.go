// Command gsecold is the cold-start baseline for `make bench`: it loads
// gse's own simplified-Chinese dictionary the way gse's documentation does
// (LoadDictEmbed) and segments one HTML file's bytes, as a matcher that
// segmented every page would have to at start-up.
package main

import (
	"fmt"
	"os"

	"github.com/go-ego/gse"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gsecold FILE")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var seg gse.Segmenter
	seg.SkipLog = true
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(len(seg.Segment(data)), "segments")
}
