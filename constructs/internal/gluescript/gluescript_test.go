package gluescript

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGoodScript(t *testing.T) {
	src, err := os.ReadFile("testdata/good.py")
	if err != nil {
		t.Fatal(err)
	}
	if p := CheckBookmarks(string(src)); len(p) != 0 {
		t.Errorf("problems in a correct script: %v", p)
	}
}

// TestBrokenScripts: each edit of the good script breaks bookmarks in one
// way the check must name.
func TestBrokenScripts(t *testing.T) {
	good, _ := os.ReadFile("testdata/good.py")
	cases := []struct {
		name, from, to string
		want           string
	}{
		{"no commit (the notes' classic failure)", "job.commit()\n", "", "job.commit() is never called"},
		{"commit only in a comment", "job.commit()\n", "# job.commit()\n", "job.commit() is never called"},
		{"commit only in a string", "job.commit()\n", "print(\"job.commit()\")\n", "job.commit() is never called"},
		{"commit in a docstring", "job.commit()\n", "\"\"\"\nTODO: job.commit()\n\"\"\"\n", "job.commit() is never called"},
		{"no init", "job.init(args[\"JOB_NAME\"], args)\n", "", "job.init(args['JOB_NAME'], args) is never called"},
		{"no Job", "job = Job(glueContext)\n", "", "no Job is created"},
		{"read without transformation_ctx", "    transformation_ctx=\"orders_source\",\n", "", "line 13: create_dynamic_frame.from_catalog(...) has no transformation_ctx"},
		{"transformation_ctx only in a comment", "    transformation_ctx=\"orders_sink\",\n", "    # transformation_ctx=\"orders_sink\",\n", "line 18: write_dynamic_frame.from_options(...) has no transformation_ctx"},
		{"commit before init", "job.init(args[\"JOB_NAME\"], args)\n", "job.commit()\njob.init(args[\"JOB_NAME\"], args)\n", "line 11: job.commit() comes before job.init(...)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(string(good), c.from, c.to, 1)
			if src == string(good) {
				t.Fatalf("edit %q not applied", c.from)
			}
			var got []string
			for _, p := range CheckBookmarks(src) {
				got = append(got, p.String())
			}
			if !strings.Contains(strings.Join(got, "\n"), c.want) {
				t.Errorf("problems %q, want one with %q", got, c.want)
			}
		})
	}
}

func TestOtherJobNamesAndFunctionForms(t *testing.T) {
	src := `from awsglue.job import Job
etl = Job(ctx)
etl.init(args['JOB_NAME'], args)
df = ctx.create_dynamic_frame_from_options("s3", {'paths': [p]}, format="json")
ctx.write_dynamic_frame_from_catalog(frame=df, database="d", table_name="t", transformation_ctx='w')
etl.commit()
`
	got := CheckBookmarks(src)
	if len(got) != 1 || got[0].Line != 4 || !strings.Contains(got[0].Message, "create_dynamic_frame_from_options(...) has no transformation_ctx") {
		t.Errorf("problems = %v", got)
	}
}

func TestBlankKeepsOffsets(t *testing.T) {
	src := "a = 'x#y' # c(\nb = r\"\\\" + f'''q\n(''' + \"z\"\n"
	got := blank(src)
	if len(got) != len(src) || strings.Count(got, "\n") != strings.Count(src, "\n") {
		t.Fatalf("offsets changed: %q", got)
	}
	if strings.ContainsAny(got, "#xyqz(") {
		t.Errorf("comment or string content left: %q", got)
	}
}

func FuzzCheckBookmarks(f *testing.F) {
	good, _ := os.ReadFile("testdata/good.py")
	f.Add(string(good))
	f.Add("job = Job(c)\njob.commit(\n'''")
	f.Add("x = \"\\")
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range CheckBookmarks(src) {
			if p.Line < 0 || p.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("line %d out of range", p.Line)
			}
		}
		if b := blank(src); len(b) != len(src) {
			t.Fatalf("blank changed the length")
		}
	})
}

// TestShippedScripts runs the check on the Spark scripts this library ships
// (glue/jobs), which the gluejob construct uses with bookmarks on.
func TestShippedScripts(t *testing.T) {
	scripts, _ := filepath.Glob("../../../glue/jobs/*.py")
	checked := 0
	for _, path := range scripts {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), "create_dynamic_frame") {
			continue // the streaming job and the Python shell notifier keep no bookmarks
		}
		checked++
		if problems := CheckBookmarks(string(src)); len(problems) > 0 {
			t.Errorf("%s: %v", filepath.Base(path), problems)
		}
	}
	if checked < 6 {
		t.Fatalf("checked %d shipped scripts, want the 6 bookmarked ones", checked)
	}
}

func TestGetSinkNeedsContext(t *testing.T) {
	src := "job = Job(g)\njob.init('a', {})\nsink = glueContext.getSink(connection_type='s3', path='s3://x/')\njob.commit()\n"
	got := CheckBookmarks(src)
	if len(got) != 1 || got[0].Line != 3 || !strings.Contains(got[0].Message, "getSink(...) has no transformation_ctx") {
		t.Fatalf("got %v", got)
	}
}
