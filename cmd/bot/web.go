package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/talkbot/talkbot/adapters/web"
)

// runWeb serves only the web page, on the embedded notes unless --corpus
// says otherwise: for trying it, or for reading the notes in a browser.
func runWeb(ctx context.Context, e *env, args []string) error {
	st := newSettings(e, "web").server().withLimit("talks per page of answers")
	if err := st.parse(args); err != nil {
		return err
	}
	cfg, err := st.load(e)
	if err != nil {
		return err
	}
	eng, err := loadEngine(e, cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	site := web.New(eng, eng, e.log, web.Options{Limit: cfg.Limit, Token: cfg.Web.Token.Reveal(), PerSecond: float64(cfg.Web.Rate), Burst: 2 * cfg.Web.Rate})
	srv := &http.Server{Handler: site.Handler(), ReadHeaderTimeout: 5 * time.Second}
	fmt.Fprintf(e.stdout, "talkbot: the notes at http://%s/\n", displayAddr(ln.Addr()))
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), cfg.DrainTimeout)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayAddr is an address to open in a browser: a wildcard host becomes
// localhost.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
