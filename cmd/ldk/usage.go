package main

import (
	"fmt"
	"regexp"

	"github.com/urfave/cli/v2"
)

// envValueError matches the CLI library's error for an LDK_* variable
// whose value does not parse as its flag's type.
var envValueError = regexp.MustCompile(`^could not parse "(.*)" as (\w+)(?: slice)? value from environment variable "(\w+)" for flag ([\w-]+): `)

// flagValueError matches its error for a flag given a value of the wrong
// type on the command line.
var flagValueError = regexp.MustCompile(`^invalid value "(.*)" for flag -([\w-]+): `)

// kindWords say what a value of a flag type looks like.
var kindWords = map[string]string{
	"int":      "a whole number",
	"int64":    "a whole number",
	"float64":  "a number",
	"duration": "a duration (a number and a unit: 90s, 5m, 1h)",
	"bool":     "true or false",
}

// usageError turns a bad value of a flag or of its LDK_* variable into one
// line naming it and the fix, instead of the whole help; any other misuse
// prints the command's help as usual.
func usageError(c *cli.Context, err error, isSubcommand bool) error {
	msg := err.Error()
	if m := envValueError.FindStringSubmatch(msg); m != nil {
		what := kindWords[m[2]]
		if what == "" {
			what = "a " + m[2]
		}
		return cli.Exit(fmt.Sprintf("ldk: %s=%s: the value must be %s; fix %s or unset it (it sets --%s)",
			m[3], m[1], what, m[3], m[4]), 2)
	}
	if m := flagValueError.FindStringSubmatch(msg); m != nil {
		want := "its type"
		if f := flagNamed(c, m[2]); f != nil {
			want = flagKind(f)
		}
		return cli.Exit(fmt.Sprintf("ldk: --%s %s: the value must be %s (ldk %s --help)", m[2], m[1], want, c.Command.Name), 2)
	}
	fmt.Fprintf(c.App.ErrWriter, "Incorrect Usage: %s\n\n", msg)
	if lineage := c.Lineage(); isSubcommand && len(lineage) > 1 {
		cli.ShowCommandHelp(lineage[1], c.Command.Name)
	} else {
		cli.ShowAppHelp(c)
	}
	return err
}

// flagNamed is the flag of c's command called name.
func flagNamed(c *cli.Context, name string) cli.Flag {
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

// flagKind says in words what a flag's value looks like.
func flagKind(f cli.Flag) string {
	switch f.(type) {
	case *cli.IntFlag, *cli.Int64Flag:
		return kindWords["int"]
	case *cli.DurationFlag:
		return kindWords["duration"]
	case *cli.BoolFlag:
		return kindWords["bool"]
	}
	return "a valid value"
}

// setUsageErrors gives every command and subcommand usageError.
func setUsageErrors(cmds []*cli.Command) {
	for _, cmd := range cmds {
		cmd.OnUsageError = usageError
		setUsageErrors(cmd.Subcommands)
	}
}
