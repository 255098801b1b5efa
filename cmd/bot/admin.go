package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// runConfig prints the effective settings with secrets redacted, and any
// problem with them.
func runConfig(e *env, args []string) error {
	st := newSettings(e, "config").server().withLimit("talks per answer")
	if err := st.parse(args); err != nil {
		return err
	}
	cfg, err := st.load(e)
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, cfg.Describe())
	return cfg.Validate()
}

// runHealthcheck asks the local server's /livez (or --path): the image has
// no shell or curl for Docker's HEALTHCHECK.
func runHealthcheck(ctx context.Context, e *env, args []string) error {
	st := newSettings(e, "healthcheck").server()
	path := st.fset.String("path", "/livez", "endpoint to check (/livez or /readyz)")
	if err := st.parse(args); err != nil {
		return err
	}
	cfg, err := st.load(e)
	if err != nil {
		return err
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return fmt.Errorf("addr %q: %w", cfg.Addr, err)
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+*path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", *path, resp.Status)
	}
	return nil
}
