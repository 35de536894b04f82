package golambda

import (
	"debug/elf"
	"io/fs"
	"os"
	"os/exec"
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
	root, _ := ModuleRoot()
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

// TestImageContextCompiles runs the Dockerfile's build step (same flags, same
// target platform) inside the staged context: the image build at deploy time
// finds every source it needs there. Docker itself is not needed here.
func TestImageContextCompiles(t *testing.T) {
	reset(t)
	ctx, _, err := ImageContext("apps/kinesistos3", "apps/kinesistos3/Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df, err := os.ReadFile(filepath.Join(ctx, "apps/kinesistos3/Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	const step = `go build -trimpath -buildvcs=false -ldflags="-s -w" -o /out/kinesistos3 ./apps/kinesistos3`
	if !strings.Contains(string(df), step) || !strings.Contains(string(df), "CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH GOFLAGS=-mod=readonly") {
		t.Fatalf("the Dockerfile's build step changed; update this test to run the new one")
	}
	out := filepath.Join(t.TempDir(), "kinesistos3")
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", out, "./apps/kinesistos3")
	cmd.Dir = ctx
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=arm64", "GOFLAGS=-mod=readonly", "GOWORK=off")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build in the image context failed: %v\n%s", err, b)
	}
	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Machine != elf.EM_AARCH64 {
		t.Errorf("binary is %v, want arm64", f.Machine)
	}
}
