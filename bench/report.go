package bench

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"text/tabwriter"
)

// Figure is one line of the report.
type Figure struct {
	Name string `json:"name"`
	Unit string `json:"unit"`
	// N is how many measurements the figure summarizes.
	N      int     `json:"n"`
	Median float64 `json:"median"`
	// P99 is 0 for a figure without a spread (a rate over the whole run).
	P99 float64 `json:"p99,omitempty"`
	// Baseline names what the figure is compared with; empty for none.
	Baseline       string  `json:"baseline,omitempty"`
	BaselineMedian float64 `json:"baselineMedian,omitempty"`
	// Ratio is how many times better than its baseline the figure is
	// (a shorter time or a higher rate); 0 without a baseline.
	Ratio float64 `json:"ratio,omitempty"`
	Goal  string  `json:"goal,omitempty"`
	// Met says whether the goal is met; nil without a goal.
	Met  *bool  `json:"met,omitempty"`
	Note string `json:"note,omitempty"`
}

// Machine describes where the figures were measured.
type Machine struct {
	CPU       string `json:"cpu"`
	Cores     int    `json:"cores"`
	Kernel    string `json:"kernel"`
	Go        string `json:"go"`
	Node      string `json:"node"`
	Python    string `json:"python"`
	LoadStart string `json:"loadAverageAtStart"`
	LoadEnd   string `json:"loadAverageAtEnd"`
}

// Report is everything one run measured.
type Report struct {
	Machine Machine  `json:"machine"`
	Figures []Figure `json:"figures"`
	// Seconds is how long the run took.
	Seconds float64 `json:"seconds"`
}

// WriteTable prints r as an aligned table.
func (r *Report) WriteTable(w io.Writer) {
	m := r.Machine
	fmt.Fprintf(w, "machine: %s, %d cores, linux %s, %s, node %s, python %s\n", m.CPU, m.Cores, m.Kernel, m.Go, m.Node, m.Python)
	fmt.Fprintf(w, "load average: %s at start, %s at end; %.0f s\n\n", m.LoadStart, m.LoadEnd, r.Seconds)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FIGURE\tN\tMEDIAN\tP99\tBASELINE\tRATIO\tGOAL\tMET\tNOTE")
	for _, f := range r.Figures {
		base, ratio := "-", "-"
		if f.Baseline != "" {
			base = fmt.Sprintf("%s %s", num(f.BaselineMedian), f.Baseline)
			ratio = fmt.Sprintf("%.1fx", f.Ratio)
		}
		met := "-"
		if f.Met != nil {
			met = map[bool]string{true: "yes", false: "NO"}[*f.Met]
		}
		fmt.Fprintf(tw, "%s\t%d\t%s %s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.Name, f.N, num(f.Median), f.Unit, p99(f),
			base, ratio, f.Goal, met, f.Note)
	}
	tw.Flush()
}

// p99 prints a figure's p99, "-" for a figure without one (a rate).
func p99(f Figure) string {
	if f.P99 == 0 {
		return "-"
	}
	return num(f.P99)
}

// num prints a figure with three significant digits or more.
func num(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	case v >= 1:
		return fmt.Sprintf("%.2f", v)
	default:
		return fmt.Sprintf("%.3f", v)
	}
}

// machine describes this machine; node and python are the interpreters.
func machine(node, python string) Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), LoadStart: loadAverage()}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(data))
	}
	m.Node = version(node, "--version")
	m.Python = strings.TrimPrefix(version(python, "--version"), "Python ")
	return m
}

// loadAverage is the 1, 5 and 15 minute load averages.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func version(exe, flag string) string {
	out, err := exec.Command(exe, flag).Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// WriteMarkdown prints r as the Markdown table the README carries.
func (r *Report) WriteMarkdown(w io.Writer) {
	m := r.Machine
	fmt.Fprintf(w, "Machine: %s, %d cores, Linux %s, %s, node %s, python %s; load average %s at start, %s at end (1, 5, 15 min); %.0f s.\n\n",
		m.CPU, m.Cores, m.Kernel, m.Go, m.Node, m.Python, m.LoadStart, m.LoadEnd, r.Seconds)
	fmt.Fprintln(w, "| figure | n | median | p99 | baseline | ratio | goal | met |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | --- | ---: | --- | --- |")
	for _, f := range r.Figures {
		base, ratio := "", ""
		if f.Baseline != "" {
			base = fmt.Sprintf("%s %s", num(f.BaselineMedian), f.Baseline)
			ratio = fmt.Sprintf("%.1f×", f.Ratio)
		}
		met := ""
		if f.Met != nil {
			met = map[bool]string{true: "yes", false: "**no**"}[*f.Met]
		}
		fmt.Fprintf(w, "| %s | %d | %s %s | %s | %s | %s | %s | %s |\n", f.Name, f.N, num(f.Median), f.Unit, p99(f),
			base, ratio, strings.NewReplacer(">=", "≥", "<=", "≤").Replace(f.Goal), met)
	}
	fmt.Fprintln(w)
	for _, f := range r.Figures {
		if f.Note != "" {
			fmt.Fprintf(w, "- %s: %s\n", f.Name, f.Note)
		}
	}
}
