package golambda

import (
	"debug/elf"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const hello = "constructs/internal/golambda/testdata/hello"

func reset(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv(BuildDirEnv, dir)
	mu.Lock()
	builds = map[string]Build{}
	mu.Unlock()
	return dir
}

func TestCompileBuildsAnArm64Bootstrap(t *testing.T) {
	dir := reset(t)
	b, err := Compile(hello)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(b.Dir) != dir || filepath.Base(b.Dir) != b.Hash {
		t.Errorf("build folder %s is not %s/<hash>", b.Dir, dir)
	}
	entries, _ := os.ReadDir(b.Dir)
	if len(entries) != 1 || entries[0].Name() != "bootstrap" {
		t.Fatalf("asset folder holds %v, want only bootstrap", entries)
	}
	f, err := elf.Open(filepath.Join(b.Dir, "bootstrap"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Machine != elf.EM_AARCH64 || f.Class != elf.ELFCLASS64 {
		t.Errorf("bootstrap is %v %v, want 64-bit arm64", f.Class, f.Machine)
	}
	if f.FileHeader.Type != elf.ET_EXEC {
		t.Errorf("bootstrap type %v: want a static executable", f.FileHeader.Type)
	}
	if _, err := f.DynamicSymbols(); err == nil {
		t.Errorf("bootstrap has dynamic symbols: CGO_ENABLED=0 was not honoured")
	}
}

func TestUnchangedSourcesDoNotRebuild(t *testing.T) {
	reset(t)
	first, err := Compile(hello)
	if err != nil {
		t.Fatal(err)
	}
	info1, _ := os.Stat(filepath.Join(first.Dir, "bootstrap"))
	time.Sleep(10 * time.Millisecond)
	mu.Lock()
	builds = map[string]Build{} // a new synth process
	mu.Unlock()
	second, err := Compile(hello)
	if err != nil {
		t.Fatal(err)
	}
	info2, _ := os.Stat(filepath.Join(second.Dir, "bootstrap"))
	if first != second {
		t.Errorf("same sources gave two builds: %+v %+v", first, second)
	}
	if !info1.ModTime().Equal(info2.ModTime()) {
		t.Errorf("bootstrap was rebuilt although nothing changed")
	}
}

func TestChangedSourceChangesTheHash(t *testing.T) {
	reset(t)
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	rel := "constructs/internal/golambda/testdata/changing"
	dir := filepath.Join(root, rel)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	src, _ := os.ReadFile(filepath.Join(root, hello, "main.go"))
	write := func(s []byte) string {
		if err := os.WriteFile(filepath.Join(dir, "main.go"), s, 0o644); err != nil {
			t.Fatal(err)
		}
		h, _, err := inputHash(root, rel)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	a := write(src)
	b := write(append(src, []byte("\n// a comment changes the source\n")...))
	if a == b {
		t.Errorf("hash %s did not change with the source", a)
	}
	if c := write(src); c != a {
		t.Errorf("hash is not a function of the content: %s then %s", a, c)
	}
}

func TestBrokenSourceFailsWithTheCompilerOutput(t *testing.T) {
	reset(t)
	root, _ := ModuleRoot()
	rel := "constructs/internal/golambda/testdata/broken"
	dir := filepath.Join(root, rel)
	os.MkdirAll(dir, 0o755)
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() { undefinedThing() }\n"), 0o644)
	_, err := Compile(rel)
	if err == nil {
		t.Fatal("a package that does not compile was built")
	}
	if want := "undefinedThing"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not show the compiler output", err)
	}
}
