package propcheck

import "testing"

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
