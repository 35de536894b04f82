// Package golambda turns a Go main package of this module into a Lambda asset
// without Docker.
//
// The package is cross-compiled with the local Go toolchain for the Lambda
// runtime provided.al2023 on arm64 (GOOS=linux GOARCH=arm64 CGO_ENABLED=0,
// -tags lambda.norpc, -trimpath, stripped) into a binary named bootstrap. The
// output folder is named by a hash of everything the binary is made of: the
// Go version, the build flags, the contents of every source file of this module
// the package depends on, and the module path and version of every other
// dependency. That hash is also the asset hash, so a synth with unchanged
// sources neither rebuilds nor changes the template, and two test binaries or
// stacks that need the same function share one build.
//
// The build folder is $CDK_DATA_PATTERNS_BUILD_DIR, or the user cache
// directory (~/.cache/cdk-data-patterns/lambda on Linux). It works the same
// from a clone of this repository and from the module cache of an app that
// imports this library with `go get`.
package golambda

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/jsii-runtime-go"
)

// ModulePath is the import path of this module.
const ModulePath = "github.com/cdk-data-patterns/patterns"

// BuildDirEnv names the environment variable that overrides the build folder.
const BuildDirEnv = "CDK_DATA_PATTERNS_BUILD_DIR"

// buildEnv is the environment of both `go list` and `go build`, so that the
// file set that is hashed is the one that is compiled.
var buildEnv = []string{"GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0", "GOFLAGS=-mod=readonly"}

var buildFlags = []string{"-tags", "lambda.norpc", "-trimpath", "-buildvcs=false", "-ldflags", "-s -w"}

// Runtime and Architecture are what every Go function of this library runs on.
var (
	Runtime      = awslambda.Runtime_PROVIDED_AL2023()
	Architecture = awslambda.Architecture_ARM_64()
	Handler      = "bootstrap"
)

var (
	mu     sync.Mutex
	builds = map[string]Build{}
)

// Build is one compiled function.
type Build struct {
	Hash string // content hash of the inputs; also the asset hash
	Dir  string // folder holding only the binary "bootstrap"
}

// Code returns the Lambda code asset for the main package at pkgDir, a
// slash-separated path relative to this module's root such as
// "functions/dlqredrive". It builds the binary unless a build of the same
// inputs exists. A failed build panics with the compiler's output.
func Code(pkgDir string) awslambda.Code {
	b, err := Compile(pkgDir)
	if err != nil {
		panic(err.Error())
	}
	return awslambda.Code_FromAsset(jsii.String(b.Dir), &awss3assets.AssetOptions{
		AssetHash:     jsii.String(b.Hash),
		AssetHashType: awscdk.AssetHashType_CUSTOM,
	})
}

// Compile builds (or finds) the binary of the main package at pkgDir.
func Compile(pkgDir string) (Build, error) {
	mu.Lock()
	defer mu.Unlock()
	if b, ok := builds[pkgDir]; ok {
		return b, nil
	}
	root, err := ModuleRoot()
	if err != nil {
		return Build{}, err
	}
	hash, _, err := inputHash(root, pkgDir)
	if err != nil {
		return Build{}, err
	}
	cache, err := buildDir()
	if err != nil {
		return Build{}, err
	}
	b := Build{Hash: hash, Dir: filepath.Join(cache, hash)}
	if _, err := os.Stat(filepath.Join(b.Dir, "bootstrap")); err != nil {
		if err := build(root, pkgDir, b.Dir); err != nil {
			return Build{}, err
		}
	}
	builds[pkgDir] = b
	return b, nil
}

// build compiles into a temporary sibling folder and renames it into place,
// so that concurrent builds of the same hash never expose a partial binary.
func build(root, pkgDir, dest string) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), ".build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	args := append([]string{"build"}, buildFlags...)
	args = append(args, "-o", filepath.Join(tmp, "bootstrap"), "./"+pkgDir)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), buildEnv...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("golambda: go build ./%s failed: %v\n%s", pkgDir, err, out)
	}
	if err := os.Rename(tmp, dest); err != nil {
		// Another process finished the same build first: use its result.
		if _, statErr := os.Stat(filepath.Join(dest, "bootstrap")); statErr == nil {
			return nil
		}
		return err
	}
	return nil
}

// inputHash hashes what the binary is made of (see the package doc) and
// lists the module-relative paths of this module's source files it compiles.
func inputHash(root, pkgDir string) (string, []string, error) {
	const format = `{{.ImportPath}}|{{if .Module}}{{.Module.Path}}@{{.Module.Version}}{{if .Module.Main}}|main{{end}}{{end}}|{{.Dir}}|{{join .GoFiles ","}}|{{join .EmbedFiles ","}}`
	args := append([]string{"list", "-deps", "-f", format}, buildFlags[:2]...)
	args = append(args, "./"+pkgDir)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), buildEnv...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", nil, fmt.Errorf("golambda: go list ./%s failed: %v\n%s", pkgDir, err, stderr.String())
	}
	h := sha256.New()
	fmt.Fprintf(h, "go=%s\nenv=%s\nflags=%s\npkg=%s\n", runtime.Version(), strings.Join(buildEnv, " "), strings.Join(buildFlags, " "), pkgDir)
	var files []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "|")
		if len(f) < 5 {
			continue
		}
		if len(f) == 6 && f[2] == "main" { // a package of this module: hash its sources
			rel, _ := filepath.Rel(root, f[3])
			fmt.Fprintf(h, "pkg %s\n", filepath.ToSlash(rel))
			for _, list := range []string{f[4], f[5]} {
				for _, name := range strings.Split(list, ",") {
					if name == "" {
						continue
					}
					if err := hashFile(h, filepath.Join(f[3], name), name); err != nil {
						return "", nil, err
					}
					files = append(files, filepath.ToSlash(filepath.Join(rel, name)))
				}
			}
			continue
		}
		fmt.Fprintf(h, "dep %s %s\n", f[0], f[1]) // the module version pins its content
	}
	return hex.EncodeToString(h.Sum(nil))[:32], files, nil
}

func hashFile(h io.Writer, path, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(h, "file %s\n", name)
	_, err = io.Copy(h, f)
	return err
}

func buildDir() (string, error) {
	if d := os.Getenv(BuildDirEnv); d != "" {
		return filepath.Abs(d)
	}
	c, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("golambda: no user cache directory (set %s): %v", BuildDirEnv, err)
	}
	return filepath.Join(c, "cdk-data-patterns", "lambda"), nil
}

// ModuleRoot finds this module's source folder: next to this file when the
// binary was built from a checkout or the module cache, else by asking go.
func ModuleRoot() (string, error) {
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		dir := filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", ModulePath).Output()
	if err != nil || len(bytes.TrimSpace(out)) == 0 {
		return "", fmt.Errorf("golambda: cannot find the source of %s (go list -m: %v)", ModulePath, err)
	}
	return string(bytes.TrimSpace(out)), nil
}
