package propcheck

import (
	"strings"
	"testing"
)

func TestCronAndSchedule(t *testing.T) {
	for _, c := range []struct {
		v           string
		cron, sched bool
	}{
		{"cron(0 2 * * ? *)", true, true},
		{"cron(0 2 * * ?)", false, false}, // five fields: a Unix cron
		{"0 2 * * *", false, false},
		{"rate(1 hour)", false, true},
		{"rate(15 minutes)", false, true},
		{"rate(1 hours)", false, false}, // EventBridge wants the singular for 1
		{"rate(5 minute)", false, false},
		{"rate(0 minutes)", false, false},
		{"daily", false, false},
	} {
		p := &Problems{}
		p.Cron("Cron", c.v)
		if p.Empty() != c.cron {
			t.Errorf("Cron(%q) accepted = %v, want %v", c.v, p.Empty(), c.cron)
		}
		p = &Problems{}
		p.Schedule("Schedule", c.v)
		if p.Empty() != c.sched {
			t.Errorf("Schedule(%q) accepted = %v, want %v", c.v, p.Empty(), c.sched)
		}
	}
}

func TestCronFields(t *testing.T) {
	for _, c := range []struct {
		v    string
		want string // "" accepted, else a fragment of the reason
	}{
		{"cron(0 2 * * ? *)", ""},
		{"cron(0 22 ? * FRI *)", ""},
		{"cron(0 5 ? * MON-FRI *)", ""},
		{"cron(15 * * * ? *)", ""},
		{"cron(0/15 8-18 ? * 2-6 *)", ""},
		{"cron(0 1 1 * ? *)", ""},
		{"cron(0 9 L * ? 2027)", ""},
		{"cron(0 9 15W * ? *)", ""},
		{"cron(0 9 ? * 6#3 *)", ""},
		{"cron(0 9 ? JAN,JUL 2L *)", ""},
		{"cron(60 2 * * ? *)", "minutes"},
		{"cron(0 24 * * ? *)", "hours"},
		{"cron(0 2 32 * ? *)", "day-of-month"},
		{"cron(0 2 * 13 ? *)", "month"},
		{"cron(0 2 ? * FUN *)", "day-of-week"},
		{"cron(0 2 ? * 6#6 *)", "#6"},
		{"cron(0 2 * * * *)", `exactly one`},
		{"cron(0 2 ? * ? *)", `exactly one`},
		{"cron(? 2 * * ? *)", `"?" is only`},
		{"cron(0/0 2 * * ? *)", "step"},
		{"cron(0 2 * * ? 1969)", "year"},
	} {
		got := parseCron(c.v)
		if (got == "") != (c.want == "") || (c.want != "" && !strings.Contains(got, c.want)) {
			t.Errorf("parseCron(%q) = %q, want %q", c.v, got, c.want)
		}
	}
}
