package golambda

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImageContextHoldsExactlyTheBuildInputs(t *testing.T) {
	dir := reset(t)
	const pkg, dockerfile = "apps/kinesistos3", "apps/kinesistos3/Dockerfile"
	ctx, hash, err := ImageContext(pkg, dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(ctx) != hash || filepath.Dir(ctx) != filepath.Join(filepath.Dir(dir), "image") {
		t.Errorf("context %s is not <build dir>/../image/%s", ctx, hash)
	}
	var files []string
	filepath.WalkDir(ctx, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(ctx, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	has := map[string]bool{}
	for _, f := range files {
		has[f] = true
		if strings.HasSuffix(f, "_test.go") || strings.HasPrefix(f, "node_modules/") || strings.HasPrefix(f, "cdk.out/") {
			t.Errorf("context holds %s, which the image does not compile", f)
		}
		if !strings.HasSuffix(f, ".go") && f != "go.mod" && f != "go.sum" && f != dockerfile {
			t.Errorf("context holds unexpected file %s", f)
		}
	}
	for _, want := range []string{"go.mod", "go.sum", dockerfile, pkg + "/main.go", pkg + "/processor.go"} {
		if !has[want] {
			t.Errorf("context lacks %s (has %v)", want, files)
		}
	}
	// The copies are identical to the sources.
	root, _ := moduleRoot()
	for _, f := range []string{"go.mod", pkg + "/main.go"} {
		a, _ := os.ReadFile(filepath.Join(root, f))
		b, _ := os.ReadFile(filepath.Join(ctx, f))
		if string(a) != string(b) {
			t.Errorf("%s differs from its source", f)
		}
	}

	again, hash2, err := ImageContext(pkg, dockerfile)
	if err != nil || again != ctx || hash2 != hash {
		t.Errorf("second call: %s %s %v, want the same folder and hash", again, hash2, err)
	}
}

func TestImageContextHashFollowsTheDockerfile(t *testing.T) {
	reset(t)
	_, a, err := ImageContext("apps/kinesistos3", "apps/kinesistos3/Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	// Another Dockerfile for the same sources is another image.
	_, b, err := ImageContext("apps/kinesistos3", "constructs/internal/golambda/testdata/hello/main.go")
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Errorf("hash %s does not depend on the Dockerfile", a)
	}
	if _, _, err := ImageContext("apps/kinesistos3", "apps/kinesistos3/NoSuchDockerfile"); err == nil {
		t.Errorf("a missing Dockerfile must be an error")
	}
}
