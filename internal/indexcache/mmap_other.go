//go:build !unix

package indexcache

import "os"

// readFile reads file whole.
func readFile(file string) ([]byte, error) { return os.ReadFile(file) }
