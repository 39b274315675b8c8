package appmodel

import "fmt"

// Limit is the range Lambda accepts for one whole-number function setting.
// Readers check the values an input gives against it: AWS refuses to
// deploy a function outside the range, and ldk runs it with the nearest
// value it accepts, after a warning.
type Limit struct {
	// Setting names the setting as the input spells it, for messages.
	Setting string
	Unit    string
	Min     int
	Max     int
}

// Lambda's limits for a function's memory, timeout and /tmp size.
var (
	MemoryLimit           = Limit{Setting: "memory size", Unit: "MB", Min: 128, Max: 10240}
	TimeoutLimit          = Limit{Setting: "timeout", Unit: "seconds", Min: 1, Max: 900}
	EphemeralStorageLimit = Limit{Setting: "ephemeral storage size", Unit: "MB", Min: 512, Max: 10240}
)

// Check returns v when Lambda accepts it. Otherwise it returns the nearest
// accepted value and a message saying what is wrong, the allowed range and
// the value ldk uses instead.
func (l Limit) Check(v int) (int, string) {
	use := min(max(v, l.Min), l.Max)
	if use == v {
		return v, ""
	}
	return use, fmt.Sprintf("%s %d is outside the range Lambda accepts (%d to %d %s); ldk uses %d",
		l.Setting, v, l.Min, l.Max, l.Unit, use)
}
