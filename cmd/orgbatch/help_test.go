package main

import (
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// developerOnly are commands whose help is for developers (benchmarks,
// the sandbox's fault injection): English is enough there. Their Short is
// bilingual all the same.
var developerOnly = map[string]bool{"orgbatch bench": true, "orgbatch sandbox": true}

func bilingual(s string) bool {
	var cjk, latin bool
	for _, r := range s {
		cjk = cjk || unicode.Is(unicode.Han, r)
		latin = latin || unicode.Is(unicode.Latin, r)
	}
	return cjk && latin
}

// chineseParagraph reports whether s has a paragraph in Chinese: one that
// starts with a Chinese character and has at least 20 of them.
func chineseParagraph(s string) bool {
	for _, p := range strings.Split(s, "\n\n") {
		p = strings.TrimSpace(p)
		han := 0
		for _, r := range p {
			if unicode.Is(unicode.Han, r) {
				han++
			}
		}
		if r := []rune(p); len(r) > 0 && unicode.Is(unicode.Han, r[0]) && han >= 20 {
			return true
		}
	}
	return false
}

func devCommand(c *cobra.Command) bool {
	for p := c; p != nil; p = p.Parent() {
		if developerOnly[p.CommandPath()] {
			return true
		}
	}
	return false
}

// TestHelpIsBilingual: every command's Short says it in Chinese and
// English, every Long has a Chinese paragraph, and every flag HR uses is
// explained in both.
func TestHelpIsBilingual(t *testing.T) {
	io, _, _ := TestIO()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		name := c.CommandPath()
		if !bilingual(c.Short) {
			t.Errorf("%s: Short %q", name, c.Short)
		}
		if c.Long != "" && !devCommand(c) && !chineseParagraph(c.Long) {
			t.Errorf("%s: Long has no Chinese paragraph", name)
		}
		if !devCommand(c) {
			c.LocalFlags().VisitAll(func(f *pflag.Flag) {
				if !bilingual(f.Usage) {
					t.Errorf("%s --%s: %q", name, f.Name, f.Usage)
				}
			})
		}
		for _, sub := range c.Commands() {
			if !strings.HasPrefix(sub.Name(), "help") && sub.Name() != "completion" {
				walk(sub)
			}
		}
	}
	walk(newRootCmd(io))
}
