// Command ldk-bench measures ldk against the classic process-per-invocation
// way of running handlers and against ldk's goals, prints one table and
// writes it as JSON. `make bench` builds ldk and runs it.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/ldkdev/ldk/bench"
)

func main() {
	ldk := flag.String("ldk", "bin/ldk", "the ldk executable (its compute plugins lie beside it)")
	example := flag.String("example", "examples/cdk", "the CDK project whose start-up is timed")
	out := flag.String("json", "bin/bench.json", "where the report is written as JSON")
	md := flag.String("markdown", "bin/bench.md", "where the report is written as a Markdown table")
	counts := bench.DefaultCounts
	flag.IntVar(&counts.Warm, "warm", counts.Warm, "measured invocations per warm figure")
	flag.IntVar(&counts.Requests, "requests", counts.Requests, "requests of the throughput figure")
	flag.IntVar(&counts.Clients, "clients", counts.Clients, "concurrent clients of the throughput figures (and ldk dev's --concurrency)")
	flag.Parse()

	report, err := bench.Run(bench.Options{LDK: *ldk, Example: *example, Progress: os.Stderr, Counts: counts})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ldk-bench: %v\n", err)
		os.Exit(1)
	}
	report.WriteTable(os.Stdout)
	data, err := json.MarshalIndent(report, "", "  ")
	if err == nil {
		err = os.WriteFile(*out, append(data, '\n'), 0o644)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "ldk-bench: writing %s: %v\n", *out, err)
		os.Exit(1)
	}
	var table bytes.Buffer
	report.WriteMarkdown(&table)
	if err := os.WriteFile(*md, table.Bytes(), 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "ldk-bench: writing %s: %v\n", *md, err)
		os.Exit(1)
	}
	fmt.Printf("\nwritten to %s and %s\n", *out, *md)
}
