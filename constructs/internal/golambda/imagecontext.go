package golambda

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ImageContext stages the Docker build context of a container image whose
// Dockerfile compiles the main package at pkgDir (a multi-stage Go build):
// go.mod, go.sum, the Dockerfile and exactly the Go sources of this module
// that the package compiles (no tests, no node_modules, no cdk.out), under
// their module-relative paths. The folder is named by a hash of those inputs
// (see Compile), which is also returned for use as the asset hash: an image
// asset is re-uploaded only when something it is built from changed, and the
// context is the same from a clone and from the module cache.
//
// dockerfile is module-relative, for example "apps/kinesistos3/Dockerfile".
func ImageContext(pkgDir, dockerfile string) (dir, hash string, err error) {
	mu.Lock()
	defer mu.Unlock()
	root, err := ModuleRoot()
	if err != nil {
		return "", "", err
	}
	srcHash, files, err := inputHash(root, pkgDir)
	if err != nil {
		return "", "", err
	}
	files = append(files, "go.mod", "go.sum", dockerfile)
	h := sha256.New()
	fmt.Fprintf(h, "image\n%s\n", srcHash)
	for _, f := range []string{"go.mod", "go.sum", dockerfile} {
		if err := hashFile(h, filepath.Join(root, f), f); err != nil {
			return "", "", err
		}
	}
	hash = hex.EncodeToString(h.Sum(nil))[:32]
	cache, err := buildDir()
	if err != nil {
		return "", "", err
	}
	dir = filepath.Join(filepath.Dir(cache), "image", hash)
	if _, err := os.Stat(filepath.Join(dir, dockerfile)); err == nil {
		return dir, hash, nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", "", err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".stage-")
	if err != nil {
		return "", "", err
	}
	defer os.RemoveAll(tmp)
	for _, f := range files {
		if err := copyFile(filepath.Join(root, f), filepath.Join(tmp, f)); err != nil {
			return "", "", err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, dockerfile)); statErr != nil {
			return "", "", err
		}
	}
	return dir, hash, nil
}

func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
